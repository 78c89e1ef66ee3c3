/**
 * Colour maps for the landscape views, from d3-scale-chromatic (the matplotlib viridis / magma /
 * inferno / cividis tables: perceptually uniform, colour-blind safe), as lookup tables of linear
 * RGB for vertex colours and CSS strings for the 2-D map.
 */
import {
  interpolateCividis,
  interpolateInferno,
  interpolateMagma,
  interpolateViridis,
} from 'd3-scale-chromatic';
import { FLAG_NON_FINITE, type Heights } from './geometry';

// ---------------------------------------------------------------- colour maps

export type ColormapName = 'viridis' | 'magma' | 'inferno' | 'cividis';

const INTERPOLATORS: Record<ColormapName, (t: number) => string> = {
  viridis: interpolateViridis,
  magma: interpolateMagma,
  inferno: interpolateInferno,
  cividis: interpolateCividis,
};

/** Parses `#rrggbb`, `#rgb` or `rgb(r, g, b)` into sRGB components in [0, 1]. */
export function parseColor(css: string): [number, number, number] {
  const s = css.trim();
  if (s.startsWith('#')) {
    const hex =
      s.length === 4
        ? s
            .slice(1)
            .split('')
            .map((c) => c + c)
            .join('')
        : s.slice(1, 7);
    const v = parseInt(hex, 16);
    if (hex.length === 6 && Number.isFinite(v)) {
      return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
    }
  }
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (m) return [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255];
  throw new Error(`cannot parse colour '${css}'`);
}

/**
 * The colour without its alpha, in a form three.js' `Color` reads: `#rrggbbaa` → `#rrggbb`,
 * `rgba(r, g, b, a)` → `rgb(r, g, b)`, `hsla(h, s, l, a)` → `hsl(h, s, l)`; anything else as it is.
 * (Run colours may carry alpha; the 3-D paths are drawn opaque.)
 */
export function opaqueColor(css: string): string {
  const s = css.trim();
  if (/^#[\da-f]{8}$/i.test(s)) return s.slice(0, 7);
  const m = /^(rgb|hsl)a\(\s*([^,]+),\s*([^,]+),\s*([^,]+),\s*[^,)]+\)$/i.exec(s);
  if (m) return `${m[1]!.toLowerCase()}(${m[2]!.trim()}, ${m[3]!.trim()}, ${m[4]!.trim()})`;
  return s;
}

/** sRGB component → linear-light component (three.js vertex colours are linear). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** A colour map sampled at `size` points: [size · 3] sRGB components in [0, 1]. */
export function colormapLut(name: ColormapName, size = 256): Float32Array {
  const interpolate = INTERPOLATORS[name];
  const lut = new Float32Array(size * 3);
  for (let k = 0; k < size; k++) {
    const [r, g, b] = parseColor(interpolate(size > 1 ? k / (size - 1) : 0));
    lut[3 * k] = r;
    lut[3 * k + 1] = g;
    lut[3 * k + 2] = b;
  }
  return lut;
}

/** The LUT's colour at t ∈ [0, 1] as a CSS hex string. */
export function lutCss(lut: Float32Array, t: number): string {
  const size = lut.length / 3;
  const k = Math.round(Math.min(1, Math.max(0, t)) * (size - 1));
  const hex = (c: number) =>
    Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(lut[3 * k]!)}${hex(lut[3 * k + 1]!)}${hex(lut[3 * k + 2]!)}`;
}

/** Colour of values that are not finite (a diverged region): a neutral grey, in sRGB. */
export const NON_FINITE_RGB: readonly [number, number, number] = [0.62, 0.62, 0.62];

/**
 * Per-vertex colours [m · 3] from normalised heights through the LUT; non-finite values get
 * `NON_FINITE_RGB`. With `linear` the components are converted to linear light (for three.js).
 */
export function surfaceColors(
  heights: Heights,
  lut: Float32Array,
  linear: boolean,
  out?: Float32Array,
): Float32Array {
  const m = heights.t.length;
  const col = out && out.length === m * 3 ? out : new Float32Array(m * 3);
  const size = lut.length / 3;
  const conv = linear ? srgbToLinear : (c: number) => c;
  // Convert the LUT once rather than per vertex.
  const table = new Float32Array(lut.length);
  for (let k = 0; k < lut.length; k++) table[k] = conv(lut[k]!);
  const nan = NON_FINITE_RGB.map(conv);
  for (let k = 0; k < m; k++) {
    if (heights.flags[k]! & FLAG_NON_FINITE) {
      col[3 * k] = nan[0]!;
      col[3 * k + 1] = nan[1]!;
      col[3 * k + 2] = nan[2]!;
      continue;
    }
    const q = Math.round(heights.t[k]! * (size - 1));
    col[3 * k] = table[3 * q]!;
    col[3 * k + 1] = table[3 * q + 1]!;
    col[3 * k + 2] = table[3 * q + 2]!;
  }
  return col;
}
