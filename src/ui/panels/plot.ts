/**
 * Plain helpers for the small plots: the data-point type the worker sends, linear scales and
 * ticks, the two class colours, the decision-boundary colour map and the 0.5 contour. No DOM.
 */
import { contours } from 'd3-contour';
import { interpolateRdBu } from 'd3-scale-chromatic';

/**
 * The data of a problem with a 1-D or 2-D input (what the worker's `SessionInfo.points` holds):
 * `x*` row-major [m, inputDim], `y*` [m] (class labels 0, 1, … for classification, targets for regression).
 */
export interface DataPoints {
  inputDim: number;
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
}

/** [xMin, xMax, yMin, yMax]: the input window (2-D) or the x and target ranges (1-D). */
export type PlotWindow = readonly [number, number, number, number];

/**
 * Class colours, colour-blind safe (ColorBrewer RdBu's ends, told apart with every common colour
 * vision deficiency): class 0 red, class 1 blue, the same hues as the boundary's colour map.
 */
export const CLASS_COLORS = ['#b2182b', '#2166ac'] as const;

/** How much of RdBu's range the boundary uses (its darkest ends would hide the points). */
const BOUNDARY_SPAN = 0.6;
const LUT_SIZE = 256;
let lut: Uint8ClampedArray | null = null;

function parseRgb(css: string): [number, number, number] {
  const m = /rgb\(\s*(\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (h) return [parseInt(h[1]!, 16), parseInt(h[2]!, 16), parseInt(h[3]!, 16)];
  return [200, 200, 200];
}

function colorTable(): Uint8ClampedArray {
  if (lut) return lut;
  lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const p = i / (LUT_SIZE - 1);
    const [r, g, b] = parseRgb(interpolateRdBu(0.5 + (p - 0.5) * BOUNDARY_SPAN));
    lut[3 * i] = r;
    lut[3 * i + 1] = g;
    lut[3 * i + 2] = b;
  }
  return lut;
}

/**
 * The colour of P(y = 1) = p: red (class 0) at 0 through white at 0.5 to blue (class 1) at 1
 * (d3's RdBu, trimmed at the dark ends). p outside [0, 1] is clamped; NaN is grey.
 */
export function boundaryColor(p: number): [number, number, number] {
  if (Number.isNaN(p)) return [200, 200, 200];
  const t = colorTable();
  const i = Math.round(Math.min(1, Math.max(0, p)) * (LUT_SIZE - 1));
  return [t[3 * i]!, t[3 * i + 1]!, t[3 * i + 2]!];
}

/** CSS colour of `boundaryColor(p)`. */
export function boundaryCss(p: number): string {
  const [r, g, b] = boundaryColor(p);
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * RGBA pixels of an n×n image of `values` (row-major [n, n], row j is y, column i is x), with y
 * pointing up: grid row j goes to image row n − 1 − j.
 */
export function boundaryImage(
  values: ArrayLike<number>,
  n: number,
  out = new Uint8ClampedArray(n * n * 4),
): Uint8ClampedArray {
  for (let j = 0; j < n; j++) {
    const row = n - 1 - j;
    for (let i = 0; i < n; i++) {
      const [r, g, b] = boundaryColor(values[j * n + i]!);
      const o = 4 * (row * n + i);
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
  return out;
}

/**
 * The `level` contour of `values` (row-major [n, n] samples at x = x0 + i·(x1 − x0)/(n − 1),
 * y = y0 + j·(y1 − y0)/(n − 1)) as polylines in data coordinates, from d3-contour's marching
 * squares. d3 closes its rings along the border of the grid; those closing pieces are dropped, so
 * only the level line itself is left (open where it meets the window's edge, closed otherwise).
 */
export function contourLines(
  values: ArrayLike<number>,
  n: number,
  window: PlotWindow,
  level = 0.5,
): [number, number][][] {
  if (n < 2 || values.length < n * n) return [];
  const data = Array.from({ length: n * n }, (_, k) => {
    const v = values[k]!;
    return Number.isFinite(v) ? v : 0;
  });
  const [x0, x1, y0, y1] = window;
  const sx = (x1 - x0) / (n - 1);
  const sy = (y1 - y0) / (n - 1);
  // d3-contour places sample k at grid point (i + 0.5, j + 0.5) and the border at 0 and n.
  const onBorder = ([gx, gy]: number[]) => gx! <= 0 || gx! >= n || gy! <= 0 || gy! >= n;
  const toData = ([gx, gy]: number[]): [number, number] => [
    x0 + (gx! - 0.5) * sx,
    y0 + (gy! - 0.5) * sy,
  ];
  const lines: [number, number][][] = [];
  const geometry = contours().size([n, n]).thresholds([level])(data)[0];
  if (!geometry) return lines;
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      const pts = ring.slice(0, -1); // the last point repeats the first
      const start = pts.findIndex(onBorder);
      if (start < 0) {
        if (pts.length > 1) lines.push([...pts, pts[0]!].map(toData));
        continue;
      }
      let current: [number, number][] = [];
      for (let k = 1; k <= pts.length; k++) {
        const p = pts[(start + k) % pts.length]!;
        if (onBorder(p)) {
          if (current.length > 1) lines.push(current);
          current = [];
        } else {
          current.push(toData(p));
        }
      }
    }
  }
  return lines;
}

/** Nice ticks (1, 2 or 5 × 10^k apart) inside [min, max], about `count` of them. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  // d3-array's thresholds: the spacing nearest (geometrically) to the raw one.
  const step = (r >= Math.sqrt(50) ? 10 : r >= Math.sqrt(10) ? 5 : r >= Math.SQRT2 ? 2 : 1) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** A tick label: up to 4 significant digits, no trailing zeros. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Indices of at most `max` of `count` points, evenly spread (keeps big data sets drawable). */
export function sampleIndices(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const stride = count / max;
  return Array.from({ length: max }, (_, k) => Math.floor(k * stride));
}
