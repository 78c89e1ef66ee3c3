/**
 * Pure geometry of a landscape drawing, as typed arrays (no three.js, no DOM): the height
 * transform, surface vertex positions and triangle indices, the world ↔ grid mappings used by
 * hover readouts, trajectory positions and axis ticks (colour maps in ./colormap.ts, contours in
 * ./contours.ts, re-exported here). The three.js scene and the 2-D
 * contour map both draw from these, so the two views agree to the pixel on what is where.
 *
 * World frame (three.js, y up, right-handed):
 *   x = â ∈ [−1, 1]   (a mapped affinely: a[0] → −1, a[n−1] → +1)
 *   z = −b̂ ∈ [−1, 1] (b mapped affinely: b[0] → +1, b[n−1] → −1, so b grows away from the viewer
 *                      and (a, b, loss) ↦ (x, −z, y) keeps the maths' right-handed orientation;
 *                      seen from above, b points up the screen as in the 2-D map)
 *   y = h · t(v)      (t the normalised height transform below, in [0, 1])
 *
 * Libraries: colour maps come from `d3-scale-chromatic` (the matplotlib viridis/magma/cividis
 * tables, perceptually uniform and colour-blind safe; a maintained, tiny, tree-shakeable ESM
 * package), contours from `d3-contour` (marching squares with linear interpolation, holes
 * assigned, ~3 KB, used by d3 and Observable Plot for years). Hand-written marching squares would
 * have to redo its saddle cases and ring stitching; neither package touches the DOM, so both run
 * in Node tests unchanged.
 */
import type { HeightOptions, LandscapeView, TrajectoryView } from '../state/view-types';

// ---------------------------------------------------------------- height transform

/**
 * ε of the log scale as a fraction of the clipped range: log10(v − min + ε) spans 2 decades. (With
 * 10⁻³ every quadratic minimum became a needle-thin funnel that hid the paths running into it.)
 */
export const LOG_EPS_FRACTION = 1e-2;

/** Flag bits of a grid value (see `computeHeights`). */
export const FLAG_CLIPPED = 1;
export const FLAG_NON_FINITE = 2;

/**
 * The map from a value to a normalised height t ∈ [0, 1] and back:
 *   linear: t = (v − min) / (c − min)
 *   log:    t = (log10(v − min + ε) − log10(ε)) / (log10(c − min + ε) − log10(ε)),  ε = 10⁻² (c − min)
 * with min the smallest finite value and c the clip value (the `clip` quantile of the finite
 * values). Values above c are clipped to t = 1, values below min to t = 0; NaN and ±Infinity map
 * to t = 1 (clipped to the max) and are flagged by `computeHeights`. A flat field (c = min) maps
 * every value to 0.
 */
export interface HeightTransform {
  scale: HeightOptions['scale'];
  /** The clip quantile asked for. */
  clip: number;
  /** Smallest finite value (0 when there is none). */
  min: number;
  /** Largest finite value (0 when there is none). */
  max: number;
  /** Values above this are clipped; `max` when clip = 1. */
  clipValue: number;
  /** ε of the log scale (0 for linear). */
  eps: number;
  /** Value → normalised height in [0, 1]. */
  toHeight(v: number): number;
  /** Normalised height in [0, 1] → value: the inverse of `toHeight` on [min, clipValue]. */
  toValue(t: number): number;
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`, linearly interpolated (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const pos = Math.min(1, Math.max(0, q)) * (m - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(m - 1, lo + 1);
  const w = pos - lo;
  const vLo = sorted[lo]!;
  return w === 0 ? vLo : vLo + w * (sorted[hi]! - vLo);
}

/** Builds the height transform of `values` (NaN/±Inf ignored for the statistics). */
export function createHeightTransform(
  values: ArrayLike<number>,
  options: HeightOptions,
): HeightTransform {
  if (!(options.clip > 0 && options.clip <= 1)) {
    throw new RangeError(`clip must be in (0, 1] (got ${options.clip})`);
  }
  let count = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k]!)) count++;
  const finite = new Float64Array(count);
  for (let k = 0, c = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v)) finite[c++] = v;
  }
  finite.sort();
  const min = count ? finite[0]! : 0;
  const max = count ? finite[count - 1]! : 0;
  const clipValue = count ? quantileSorted(finite, options.clip) : 0;
  const range = clipValue - min;
  const scale = options.scale;
  const eps = scale === 'log' ? range * LOG_EPS_FRACTION : 0;

  // f is the monotone map before normalisation; f(min) = f0, f(clipValue) = f1.
  const f = scale === 'log' ? (v: number) => Math.log10(v - min + eps) : (v: number) => v;
  const fInv = scale === 'log' ? (y: number) => 10 ** y + min - eps : (y: number) => y;
  const f0 = range > 0 ? f(min) : 0;
  const span = range > 0 ? f(clipValue) - f0 : 0;

  return {
    scale,
    clip: options.clip,
    min,
    max,
    clipValue,
    eps,
    toHeight(v: number): number {
      if (!(span > 0)) return 0;
      if (!Number.isFinite(v)) return 1; // NaN, +Inf and −Inf: clipped to the max
      if (v >= clipValue) return 1;
      if (v <= min) return 0;
      const t = (f(v) - f0) / span;
      return t < 0 ? 0 : t > 1 ? 1 : t;
    },
    toValue(t: number): number {
      if (!(span > 0)) return min;
      const tc = t < 0 ? 0 : t > 1 ? 1 : t;
      if (tc === 0) return min;
      if (tc === 1) return clipValue;
      return fInv(f0 + tc * span);
    },
  };
}

/** Normalised heights of a grid, with per-value flags and counts. */
export interface Heights {
  /** [n²] t ∈ [0, 1], same layout as the values. */
  t: Float32Array;
  /** [n²] FLAG_CLIPPED (v > clip value) | FLAG_NON_FINITE (NaN, ±Inf; also clipped to the max). */
  flags: Uint8Array;
  clipped: number;
  nonFinite: number;
}

/** Applies `transform` to every value; reuses `out` when it has the right size. */
export function computeHeights(
  values: ArrayLike<number>,
  transform: HeightTransform,
  out?: Heights,
): Heights {
  const m = values.length;
  const t = out && out.t.length === m ? out.t : new Float32Array(m);
  const flags = out && out.flags.length === m ? out.flags : new Uint8Array(m);
  let clipped = 0;
  let nonFinite = 0;
  const c = transform.clipValue;
  for (let k = 0; k < m; k++) {
    const v = values[k]!;
    let flag = 0;
    if (!Number.isFinite(v)) {
      flag = FLAG_NON_FINITE;
      nonFinite++;
    } else if (v > c) {
      flag = FLAG_CLIPPED;
      clipped++;
    }
    flags[k] = flag;
    t[k] = transform.toHeight(v);
  }
  return { t, flags, clipped, nonFinite };
}

// ---------------------------------------------------------------- world ↔ grid

/** Default height of the surface's top (t = 1) in world units; the base is the square [−1, 1]². */
export const SURFACE_HEIGHT = 1;

/** The affine frame between grid coordinates (a, b, t) and world coordinates (x, y, z). */
export interface GridFrame {
  aMin: number;
  aMax: number;
  bMin: number;
  bMax: number;
  /** World height of t = 1. */
  height: number;
}

export function gridFrame(view: LandscapeView, height = SURFACE_HEIGHT): GridFrame {
  return {
    aMin: view.a[0] ?? 0,
    aMax: view.a[view.n - 1] ?? 0,
    bMin: view.b[0] ?? 0,
    bMax: view.b[view.n - 1] ?? 0,
    height,
  };
}

/** a → world x ∈ [−1, 1]. */
export function aToX(frame: GridFrame, a: number): number {
  const span = frame.aMax - frame.aMin;
  return span > 0 ? -1 + (2 * (a - frame.aMin)) / span : 0;
}

/** b → world z ∈ [−1, 1] (b[0] → +1, b[n−1] → −1). */
export function bToZ(frame: GridFrame, b: number): number {
  const span = frame.bMax - frame.bMin;
  return span > 0 ? 1 - (2 * (b - frame.bMin)) / span : 0;
}

/** World x → a (inverse of `aToX`). */
export function xToA(frame: GridFrame, x: number): number {
  return frame.aMin + ((x + 1) / 2) * (frame.aMax - frame.aMin);
}

/** World z → b (inverse of `bToZ`). */
export function zToB(frame: GridFrame, z: number): number {
  return frame.bMin + ((1 - z) / 2) * (frame.bMax - frame.bMin);
}

/** World y → value, through the height transform's inverse. */
export function yToValue(frame: GridFrame, transform: HeightTransform, y: number): number {
  return transform.toValue(frame.height > 0 ? y / frame.height : 0);
}

/** World position (x, z) → grid coordinates (a, b). */
export function worldToGrid(frame: GridFrame, x: number, z: number): { a: number; b: number } {
  return { a: xToA(frame, x), b: zToB(frame, z) };
}

/**
 * Fractional index of `v` in ascending `coords` (linear between neighbours; clamped to
 * [0, n − 1]). Works for non-uniform grids.
 */
export function fractionalIndex(coords: ArrayLike<number>, v: number): number {
  const n = coords.length;
  if (n < 2 || !(v > coords[0]!)) return 0;
  if (v >= coords[n - 1]!) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (coords[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const c0 = coords[lo]!;
  const c1 = coords[hi]!;
  return lo + (c1 > c0 ? (v - c0) / (c1 - c0) : 0);
}

/** Coordinate at fractional index u of `coords` (the inverse of `fractionalIndex`). */
export function coordAt(coords: ArrayLike<number>, u: number): number {
  const n = coords.length;
  if (n === 0) return NaN;
  if (!(u > 0)) return coords[0]!;
  if (u >= n - 1) return coords[n - 1]!;
  const i = Math.floor(u);
  const w = u - i;
  const c0 = coords[i]!;
  return w === 0 ? c0 : c0 + w * (coords[i + 1]! - c0);
}

/**
 * Bilinear interpolation of the grid at (a, b), clamped to the grid. NaN when a corner that
 * contributes is not finite.
 */
export function sampleGrid(view: LandscapeView, a: number, b: number): number {
  const n = view.n;
  if (n < 2) return view.values[0] ?? NaN;
  const u = fractionalIndex(view.a, a);
  const v = fractionalIndex(view.b, b);
  const i = Math.min(n - 2, Math.floor(u));
  const j = Math.min(n - 2, Math.floor(v));
  const wu = u - i;
  const wv = v - j;
  const vals = view.values;
  const v00 = vals[j * n + i]!;
  const v10 = vals[j * n + i + 1]!;
  const v01 = vals[(j + 1) * n + i]!;
  const v11 = vals[(j + 1) * n + i + 1]!;
  const w00 = (1 - wu) * (1 - wv);
  const w10 = wu * (1 - wv);
  const w01 = (1 - wu) * wv;
  const w11 = wu * wv;
  let s = 0;
  for (const [w, val] of [
    [w00, v00],
    [w10, v10],
    [w01, v01],
    [w11, v11],
  ] as const) {
    if (w === 0) continue;
    if (!Number.isFinite(val)) return NaN;
    s += w * val;
  }
  return s;
}

// ---------------------------------------------------------------- surface

/**
 * Surface vertex positions [n² · 3]: vertex k = j·n + i (same layout as the values) at
 * (aToX(a[i]), h · t[k], bToZ(b[j])). Reuses `out` when it has the right size.
 */
export function surfacePositions(
  view: LandscapeView,
  t: ArrayLike<number>,
  frame: GridFrame,
  out?: Float32Array,
): Float32Array {
  const n = view.n;
  const pos = out && out.length === n * n * 3 ? out : new Float32Array(n * n * 3);
  const h = frame.height;
  for (let j = 0; j < n; j++) {
    const z = bToZ(frame, view.b[j]!);
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      pos[3 * k] = aToX(frame, view.a[i]!);
      pos[3 * k + 1] = h * t[k]!;
      pos[3 * k + 2] = z;
    }
  }
  return pos;
}

/**
 * Triangle indices of the n × n surface: two triangles per cell, counter-clockwise seen from
 * above (+y), so face normals point up.
 */
export function surfaceIndices(n: number): Uint32Array {
  const cells = Math.max(0, n - 1);
  const idx = new Uint32Array(cells * cells * 6);
  let p = 0;
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      const v00 = j * n + i;
      const v10 = v00 + 1;
      const v01 = v00 + n;
      const v11 = v01 + 1;
      idx[p++] = v00;
      idx[p++] = v10;
      idx[p++] = v11;
      idx[p++] = v00;
      idx[p++] = v11;
      idx[p++] = v01;
    }
  }
  return idx;
}

// ---------------------------------------------------------------- trajectories

/** Index of the point drawn as "now": the scrub index clamped to the points in use, or the last one. */
export function currentIndex(trajectory: TrajectoryView, scrub: number | null): number {
  const last = trajectory.length - 1;
  if (last < 0) return -1;
  return scrub === null ? last : Math.max(0, Math.min(last, Math.floor(scrub)));
}

/**
 * World positions [count · 3] of a trajectory's first `count` points at their TRUE loss
 * (x = a, y = h · t(trueLoss) + lift, z = b). Writes into `out` (must hold count · 3); only points
 * `from` … count − 1 (default all: the earlier ones are left as they are, for appending).
 */
export function trajectoryPositions(
  trajectory: TrajectoryView,
  count: number,
  frame: GridFrame,
  transform: HeightTransform,
  lift: number,
  out: Float32Array,
  from = 0,
): Float32Array {
  for (let k = from; k < count; k++) {
    out[3 * k] = aToX(frame, trajectory.a[k]!);
    out[3 * k + 1] = frame.height * transform.toHeight(trajectory.trueLoss[k]!) + lift;
    out[3 * k + 2] = bToZ(frame, trajectory.b[k]!);
  }
  return out;
}

/**
 * Pairs of consecutive points as segments [ (count − 1) · 6 ] (the layout three's fat-line
 * `LineSegmentsGeometry` wants), from positions [count · 3]. Returns the number of segments.
 */
export function polylineToSegments(
  positions: Float32Array,
  count: number,
  out: Float32Array,
): number {
  const segments = Math.max(0, count - 1);
  for (let s = 0; s < segments; s++) {
    for (let c = 0; c < 6; c++) out[6 * s + c] = positions[3 * s + c]!;
  }
  return segments;
}

// ---------------------------------------------------------------- level of detail

/**
 * The points of a path of `count` points to draw, at most `max` of them: all of them when they
 * fit; else the newest `max / 2` exactly and the older ones evenly thinned, the first and the last
 * always kept. Increasing indices. (A long run's path costs a software GPU about a millisecond per
 * hundred segments; the shape of the old part survives thinning.)
 */
export function pathIndices(count: number, max: number): Int32Array {
  if (count <= max) return Int32Array.from({ length: count }, (_, i) => i);
  const recent = Math.floor(max / 2);
  const older = count - recent;
  const slots = max - recent;
  const out = new Int32Array(max);
  for (let k = 0; k < slots; k++) out[k] = Math.floor((k * older) / slots);
  for (let k = 0; k < recent; k++) out[slots + k] = older + k;
  return out;
}

// ---------------------------------------------------------------- ticks and numbers

/** Nice tick values (1, 2, 2.5, 5 × 10^k apart) inside [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  const step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * mag;
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** Ticks of the height axis: nice values on a linear scale; evenly spaced heights on a log scale. */
export function heightTicks(transform: HeightTransform, count = 4): { t: number; value: number }[] {
  if (transform.clipValue <= transform.min) return [{ t: 0, value: transform.min }];
  if (transform.scale === 'linear') {
    return niceTicks(transform.min, transform.clipValue, count).map((value) => ({
      t: transform.toHeight(value),
      value,
    }));
  }
  const out: { t: number; value: number }[] = [];
  for (let k = 0; k <= count; k++) {
    const t = k / count;
    out.push({ t, value: transform.toValue(t) });
  }
  return out;
}

/** A value for a label: `digits` (default 3) significant digits, exponent form outside [10⁻³, 10⁵). */
export function formatValue(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(digits)));
  return v.toExponential(digits - 1).replace('e+', 'e');
}

/**
 * Labels for an axis's tick values: `formatValue` with the fewest significant digits (3 to 8)
 * that tell neighbouring ticks apart (a narrow range on a log scale, e.g. 2.286 … 2.31, would
 * otherwise read 2.29, 2.3, 2.3, 2.3, 2.31).
 */
export function formatTickValues(values: readonly number[]): string[] {
  let labels = values.map((v) => formatValue(v));
  for (let digits = 4; digits <= 8; digits++) {
    if (
      labels.every((label, i) => i === 0 || label !== labels[i - 1] || values[i] === values[i - 1])
    )
      break;
    labels = values.map((v) => formatValue(v, digits));
  }
  return labels;
}
