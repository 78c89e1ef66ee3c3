import { describe, expect, it } from 'vitest';
import {
  FLAG_CLIPPED,
  FLAG_NON_FINITE,
  aToX,
  bToZ,
  computeHeights,
  coordAt,
  createHeightTransform,
  currentIndex,
  formatTickValues,
  formatValue,
  fractionalIndex,
  gridFrame,
  heightTicks,
  niceTicks,
  polylineToSegments,
  quantileSorted,
  sampleGrid,
  surfaceIndices,
  surfacePositions,
  trajectoryPositions,
  worldToGrid,
  yToValue,
  pathIndices,
} from './geometry';
import { NON_FINITE_RGB, colormapLut, parseColor, surfaceColors } from './colormap';
import { bandPath, contourBands, contourLevels, isolinePositions, isolines } from './contours';
import type { LandscapeView, TrajectoryView } from '../state/view-types';

function linspace(lo: number, hi: number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = lo + ((hi - lo) * k) / (n - 1);
  return out;
}

/** An n × n view of f(a, b) over [a0, a1] × [b0, b1]. */
function viewOf(
  n: number,
  f: (a: number, b: number) => number,
  [a0, a1] = [-1, 1],
  [b0, b1] = [-1, 1],
): LandscapeView {
  const a = linspace(a0, a1, n);
  const b = linspace(b0, b1, n);
  const values = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = f(a[i]!, b[j]!);
  return { n, a, b, values, metric: 'trainLoss', axisLabels: ['δ', 'η'] };
}

/** The 3 × 3 grid used for hand-computed checks: values 0 … 8 row-major. */
const grid3 = (): LandscapeView => ({
  n: 3,
  a: Float32Array.from([-2, 0, 2]),
  b: Float32Array.from([10, 11, 12]),
  values: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]),
  metric: 'trainLoss',
  axisLabels: ['a', 'b'],
});

describe('height transform', () => {
  it('quantiles interpolate like numpy', () => {
    const s = [0, 1, 2, 3, 4];
    expect(quantileSorted(s, 0)).toBe(0);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(s, 0.5)).toBe(2);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(3.6, 12);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('linear heights of a 3 × 3 grid are (v − min) / (max − min)', () => {
    const view = grid3();
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    expect([tf.min, tf.max, tf.clipValue, tf.eps]).toEqual([0, 8, 8, 0]);
    const h = computeHeights(view.values, tf);
    expect(Array.from(h.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((v) => Math.fround(v / 8)));
    expect(h.clipped).toBe(0);
    expect(h.nonFinite).toBe(0);
    expect(Array.from(h.flags)).toEqual(new Array(9).fill(0));
  });

  it('log heights of a 3 × 3 grid follow log10(v − min + ε), ε = 10⁻² (max − min)', () => {
    const view = grid3();
    const tf = createHeightTransform(view.values, { scale: 'log', clip: 1 });
    const eps = 0.08;
    expect(tf.eps).toBeCloseTo(eps, 15);
    const lo = Math.log10(eps);
    const hi = Math.log10(8 + eps);
    const h = computeHeights(view.values, tf);
    for (let v = 0; v <= 8; v++) {
      expect(h.t[v]).toBeCloseTo((Math.log10(v + eps) - lo) / (hi - lo), 6);
    }
    // Hand values: t(1) = (log10 1.08 + 1.09691) / (log10 8.08 + 1.09691) = 1.130334 / 2.004321 = 0.563949
    expect(h.t[1]).toBeCloseTo(0.563949, 5);
    expect(h.t[0]).toBe(0);
    expect(h.t[8]).toBe(1);
  });

  it('log scale is strictly monotone and inverts back to the value', () => {
    const values = Float32Array.from({ length: 200 }, (_, k) => 0.3 + 1.7 ** (k / 20));
    const tf = createHeightTransform(values, { scale: 'log', clip: 1 });
    let prev = -1;
    for (let k = 0; k < values.length; k++) {
      const t = tf.toHeight(values[k]!);
      expect(t).toBeGreaterThan(prev);
      prev = t;
      expect(tf.toValue(t)).toBeCloseTo(values[k]!, 4);
    }
    // And for values between grid values too.
    for (let v = 1.31; v < 5; v += 0.173)
      expect(tf.toHeight(v + 1e-3)).toBeGreaterThan(tf.toHeight(v));
  });

  it('clipping at a quantile caps the values above it', () => {
    const values = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    const tf = createHeightTransform(values, { scale: 'linear', clip: 0.9 });
    expect(tf.clipValue).toBeCloseTo(9, 12); // 0.9 · 10 = index 9
    const h = computeHeights(values, tf);
    expect(h.t[10]).toBe(1);
    expect(h.t[9]).toBe(1);
    expect(h.t[8]).toBeCloseTo(8 / 9, 6);
    expect(h.flags[10]).toBe(FLAG_CLIPPED);
    expect(h.flags[9]).toBe(0); // equal to the clip value is not above it
    expect(h.clipped).toBe(1);
    expect(tf.toValue(1)).toBeCloseTo(9, 12);
    expect(() => createHeightTransform(values, { scale: 'linear', clip: 0 })).toThrow(/clip/);
    expect(() => createHeightTransform(values, { scale: 'linear', clip: 1.5 })).toThrow(/clip/);
  });

  it('NaN and ±Infinity are clipped to the max and flagged; the statistics ignore them', () => {
    const values = Float32Array.from([1, NaN, 3, Infinity, 5, -Infinity]);
    const tf = createHeightTransform(values, { scale: 'linear', clip: 1 });
    expect([tf.min, tf.max]).toEqual([1, 5]);
    const h = computeHeights(values, tf);
    expect(Array.from(h.t)).toEqual([0, 1, 0.5, 1, 1, 1]);
    expect(Array.from(h.flags)).toEqual([
      0,
      FLAG_NON_FINITE,
      0,
      FLAG_NON_FINITE,
      0,
      FLAG_NON_FINITE,
    ]);
    expect(h.nonFinite).toBe(3);
    for (const scale of ['linear', 'log'] as const) {
      const t = createHeightTransform(values, { scale, clip: 1 });
      expect(Array.from(computeHeights(values, t).t).every(Number.isFinite)).toBe(true);
    }
  });

  it('a flat or empty field maps everything to 0 without dividing by zero', () => {
    const flat = createHeightTransform(Float32Array.from([2, 2, 2]), { scale: 'log', clip: 1 });
    expect(flat.toHeight(2)).toBe(0);
    expect(flat.toValue(0.5)).toBe(2);
    const empty = createHeightTransform(Float32Array.from([NaN, NaN]), {
      scale: 'linear',
      clip: 1,
    });
    expect(computeHeights(Float32Array.from([NaN, NaN]), empty).t[0]).toBe(0);
  });

  it('reuses the output buffers', () => {
    const view = grid3();
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    const first = computeHeights(view.values, tf);
    const second = computeHeights(view.values, tf, first);
    expect(second.t).toBe(first.t);
    expect(second.flags).toBe(first.flags);
  });
});

describe('surface geometry', () => {
  it('vertex positions map back to the grid coordinates, hitting both ends of both axes', () => {
    const view = viewOf(7, (a, b) => a * a + b, [-0.75, 1.5], [-3, 0.25]);
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    const h = computeHeights(view.values, tf);
    const frame = gridFrame(view, 0.8);
    const pos = surfacePositions(view, h.t, frame);
    expect(pos).toHaveLength(7 * 7 * 3);
    const n = view.n;
    // Corners: exactly ±1, and exactly back to the end coordinates.
    const corner = (i: number, j: number) => {
      const k = j * n + i;
      return [pos[3 * k]!, pos[3 * k + 2]!] as const;
    };
    expect(corner(0, 0)).toEqual([-1, 1]);
    expect(corner(n - 1, 0)).toEqual([1, 1]);
    expect(corner(0, n - 1)).toEqual([-1, -1]);
    expect(corner(n - 1, n - 1)).toEqual([1, -1]);
    expect(worldToGrid(frame, -1, 1)).toEqual({ a: view.a[0], b: view.b[0] });
    expect(worldToGrid(frame, 1, -1)).toEqual({ a: view.a[n - 1], b: view.b[n - 1] });
    // Every vertex: back to (a[i], b[j]) and its height back to the value.
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const k = j * n + i;
        const g = worldToGrid(frame, pos[3 * k]!, pos[3 * k + 2]!);
        expect(g.a).toBeCloseTo(view.a[i]!, 6);
        expect(g.b).toBeCloseTo(view.b[j]!, 6);
        expect(yToValue(frame, tf, pos[3 * k + 1]!)).toBeCloseTo(view.values[k]!, 5);
        expect(pos[3 * k + 1]).toBeCloseTo(0.8 * h.t[k]!, 7);
      }
    }
    // Heights span [0, h].
    expect(Math.min(...Array.from(h.t))).toBe(0);
    expect(Math.max(...Array.from(pos.filter((_, q) => q % 3 === 1)))).toBeCloseTo(0.8, 7);
    // And in place.
    expect(surfacePositions(view, h.t, frame, pos)).toBe(pos);
  });

  it('maps non-uniform grids through the coordinates, not the indices', () => {
    const a = Float32Array.from([0, 1, 4]);
    expect(fractionalIndex(a, 2.5)).toBeCloseTo(1.5, 12);
    expect(coordAt(a, 1.5)).toBeCloseTo(2.5, 12);
    expect(fractionalIndex(a, -1)).toBe(0);
    expect(fractionalIndex(a, 9)).toBe(2);
    const frame = { aMin: 0, aMax: 4, bMin: 0, bMax: 4, height: 1 };
    expect(aToX(frame, 1)).toBe(-0.5);
    expect(bToZ(frame, 1)).toBe(0.5);
  });

  it('triangles wind counter-clockwise seen from above, covering every cell', () => {
    const n = 4;
    const idx = surfaceIndices(n);
    expect(idx).toHaveLength((n - 1) * (n - 1) * 6);
    const view = viewOf(n, () => 0);
    const pos = surfacePositions(view, new Float32Array(n * n), gridFrame(view));
    for (let f = 0; f < idx.length / 3; f++) {
      const [p, q, r] = [idx[3 * f]!, idx[3 * f + 1]!, idx[3 * f + 2]!];
      const ux = pos[3 * q]! - pos[3 * p]!;
      const uz = pos[3 * q + 2]! - pos[3 * p + 2]!;
      const vx = pos[3 * r]! - pos[3 * p]!;
      const vz = pos[3 * r + 2]! - pos[3 * p + 2]!;
      // y component of (q − p) × (r − p) must be positive (normal points up).
      expect(uz * vx - ux * vz).toBeGreaterThan(0);
    }
    expect(Math.max(...idx)).toBe(n * n - 1);
  });

  it('samples the grid bilinearly and returns NaN next to a non-finite value', () => {
    const view = grid3();
    expect(sampleGrid(view, -2, 10)).toBe(0);
    expect(sampleGrid(view, 2, 12)).toBe(8);
    expect(sampleGrid(view, -1, 10)).toBeCloseTo(0.5, 12);
    expect(sampleGrid(view, 1, 11.5)).toBeCloseTo((4 + 5 + 7 + 8) / 4, 12);
    view.values[4] = NaN;
    expect(sampleGrid(view, 0, 11)).toBeNaN();
    expect(sampleGrid(view, 2, 10)).toBe(2);
  });
});

describe('colours', () => {
  it('parses CSS colours and samples perceptual maps from dark to light', () => {
    expect(parseColor('#ff8000')).toEqual([1, 128 / 255, 0]);
    expect(parseColor('#f80')).toEqual([1, 136 / 255, 0]);
    expect(parseColor('rgb(0, 51, 255)')).toEqual([0, 0.2, 1]);
    expect(() => parseColor('teal')).toThrow();
    const lut = colormapLut('viridis', 64);
    expect(lut).toHaveLength(64 * 3);
    const lum = (k: number) =>
      0.2126 * lut[3 * k]! + 0.7152 * lut[3 * k + 1]! + 0.0722 * lut[3 * k + 2]!;
    for (let k = 1; k < 64; k++) expect(lum(k)).toBeGreaterThan(lum(k - 1));
    // viridis starts dark purple (#440154) and ends yellow (#fde725).
    expect(Array.from(lut.slice(0, 3)).map((c) => Math.round(c * 255))).toEqual([68, 1, 84]);
    for (const name of ['magma', 'inferno', 'cividis'] as const) {
      expect(colormapLut(name, 8).every((c) => c >= 0 && c <= 1)).toBe(true);
    }
  });

  it('colours vertices by height and greys out non-finite values', () => {
    const values = Float32Array.from([0, 1, NaN]);
    const tf = createHeightTransform(values, { scale: 'linear', clip: 1 });
    const h = computeHeights(values, tf);
    const lut = colormapLut('viridis', 16);
    const srgb = surfaceColors(h, lut, false);
    expect(Array.from(srgb.slice(0, 3))).toEqual(Array.from(lut.slice(0, 3)));
    expect(Array.from(srgb.slice(3, 6))).toEqual(Array.from(lut.slice(45, 48)));
    expect(Array.from(srgb.slice(6, 9))).toEqual(NON_FINITE_RGB.map(Math.fround));
    const linear = surfaceColors(h, lut, true);
    expect(linear[3 * 1 + 0]).toBeLessThan(srgb[3 * 1 + 0]!); // linear light is darker in value
  });
});

describe('contours', () => {
  it('levels are evenly spaced inside (0, 1)', () => {
    expect(contourLevels(3)).toEqual([0.25, 0.5, 0.75]);
  });

  it('isolines of a cone are circles at the right radius, lifted to the level height', () => {
    const n = 41;
    const view = viewOf(n, (a, b) => Math.hypot(a, b)); // t = r / √2 after normalisation
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    const h = computeHeights(view.values, tf);
    const lines = isolines(h.t, n, [0.25, 0.5]);
    expect(lines.count).toBeGreaterThan(40);
    const frame = gridFrame(view, 2);
    const pos = isolinePositions(view, lines, frame, 0.01);
    for (let s = 0; s < lines.count; s++) {
      const level = lines.levels[s]!;
      for (let e = 0; e < 2; e++) {
        const x = pos[6 * s + 3 * e]!;
        const y = pos[6 * s + 3 * e + 1]!;
        const z = pos[6 * s + 3 * e + 2]!;
        expect(y).toBeCloseTo(2 * level + 0.01, 6);
        // The grid spans [−1, 1] in a and b, so world x = a, z = −b: radius = level · √2.
        expect(Math.hypot(x, z)).toBeCloseTo(level * Math.SQRT2, 1);
        expect(Math.abs(Math.hypot(x, z) - level * Math.SQRT2)).toBeLessThan(0.01);
      }
    }
  });

  it('leaves out the frame d3-contour uses to close regions at the border', () => {
    const n = 11;
    // A ramp in a: the level set t = 0.5 is the vertical line a = 0, crossing the whole grid.
    const view = viewOf(n, (a) => a);
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    const h = computeHeights(view.values, tf);
    const lines = isolines(h.t, n, [0.5]);
    expect(lines.count).toBe(n - 1);
    for (let s = 0; s < lines.count; s++) {
      expect(lines.segments[4 * s]).toBeCloseTo(5, 9); // u = 5 ↔ a = 0
      expect(lines.segments[4 * s + 2]).toBeCloseTo(5, 9);
    }
    // The band t ≥ 0.5 is the right half of the grid, clamped to it.
    const [band] = contourBands(h.t, n, [0.5]);
    expect(band!.polygons).toHaveLength(1);
    const ring = band!.polygons[0]![0]!;
    for (let k = 0; k < ring.length; k += 2) {
      expect(ring[k]).toBeGreaterThanOrEqual(5 - 1e-9);
      expect(ring[k]).toBeLessThanOrEqual(n - 1);
      expect(ring[k + 1]).toBeGreaterThanOrEqual(0);
      expect(ring[k + 1]).toBeLessThanOrEqual(n - 1);
    }
    const d = bandPath(
      band!,
      (u) => u * 10,
      (v) => 100 - v * 10,
    );
    expect(d.startsWith('M')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
  });
});

describe('trajectories', () => {
  const traj = (): TrajectoryView => ({
    name: 'SGD',
    color: '#e15759',
    a: Float32Array.from([-1, 0, 1, 0]),
    b: Float32Array.from([-1, 0, 1, 0]),
    trueLoss: Float32Array.from([8, 4, 0, 0]),
    planeLoss: Float32Array.from([8, 2, 0, 0]),
    offPlane: Float32Array.from([0, 0.5, 0, 0]),
    length: 3,
    diverged: false,
  });

  it('is drawn at its true loss, not the plane loss', () => {
    const view = viewOf(3, () => 0);
    view.values.set([0, 8]);
    const frame = gridFrame(view, 1);
    const tf = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
    const out = new Float32Array(9);
    trajectoryPositions(traj(), 3, frame, tf, 0, out);
    expect(Array.from(out)).toEqual([-1, 1, 1, 0, 0.5, 0, 1, 0, -1]);
    const seg = new Float32Array(12);
    expect(polylineToSegments(out, 3, seg)).toBe(2);
    expect(Array.from(seg)).toEqual([-1, 1, 1, 0, 0.5, 0, 0, 0.5, 0, 1, 0, -1]);
  });

  it('clamps the scrub index to the points in use', () => {
    expect(currentIndex(traj(), null)).toBe(2);
    expect(currentIndex(traj(), 1)).toBe(1);
    expect(currentIndex(traj(), 99)).toBe(2);
    expect(currentIndex({ ...traj(), length: 0 }, null)).toBe(-1);
  });
});

describe('ticks and labels', () => {
  it('nice ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-1.3, 2.2, 4)).toEqual([-1, 0, 1, 2]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('height ticks sit at the transformed height of their value', () => {
    const values = Float32Array.from([0.2, 1, 3, 10]);
    for (const scale of ['linear', 'log'] as const) {
      const tf = createHeightTransform(values, { scale, clip: 1 });
      const ticks = heightTicks(tf, 4);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      for (const { t, value } of ticks) expect(tf.toHeight(value)).toBeCloseTo(t, 5);
    }
  });

  it('formats values', () => {
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(1.5e-5)).toBe('1.50e-5');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(2.30412, 5)).toBe('2.3041');
    expect(formatValue(1.5e-5, 4)).toBe('1.500e-5');
    expect(formatValue(Infinity)).toBe('∞');
  });
});

describe('pathIndices (level of detail of long paths)', () => {
  it('keeps every point that fits, else the newest half exactly and the older ones evenly', () => {
    expect(Array.from(pathIndices(5, 8))).toEqual([0, 1, 2, 3, 4]);
    // 20 points, at most 8: the newest 4 (16…19) exactly, the older 16 thinned to 4 (0, 4, 8, 12).
    expect(Array.from(pathIndices(20, 8))).toEqual([0, 4, 8, 12, 16, 17, 18, 19]);
    const big = pathIndices(10_000, 600);
    expect(big.length).toBe(600);
    expect(big[0]).toBe(0);
    expect(big[599]).toBe(9_999);
    for (let k = 1; k < big.length; k++) expect(big[k]!).toBeGreaterThan(big[k - 1]!);
  });
});

describe('formatTickValues', () => {
  it('keeps 3 digits where they tell ticks apart', () => {
    expect(formatTickValues([0.1, 0.2, 0.5])).toEqual(['0.1', '0.2', '0.5']);
    expect(formatTickValues([1234.5, 2000])).toEqual(['1230', '2000']);
  });
  it('adds digits until neighbouring ticks differ (a narrow log-scale range)', () => {
    // Evenly spaced heights between 2.286 and 2.31: 3 digits would read 2.29, 2.29, 2.3, 2.3, 2.31.
    const values = [2.286, 2.292, 2.298, 2.304, 2.31];
    expect(values.map((v) => formatValue(v))).toEqual(['2.29', '2.29', '2.3', '2.3', '2.31']);
    expect(formatTickValues(values)).toEqual(['2.286', '2.292', '2.298', '2.304', '2.31']);
  });
  it('leaves equal values equal and stops at 8 digits', () => {
    expect(formatTickValues([1, 1])).toEqual(['1', '1']);
    expect(formatTickValues([1, 1 + 1e-12])).toEqual(['1', '1']);
  });
});
