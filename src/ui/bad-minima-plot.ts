/**
 * Plain helpers for the bad-minima panel (no DOM): the colours of the good and the bad minimum,
 * the checkpoint list the user types, and percentages.
 */

/** The good minimum (Okabe–Ito blue) and the bad one (Okabe–Ito vermillion). */
export const GOOD_COLOR = '#0072b2';
export const BAD_COLOR = '#d55e00';

/**
 * Checkpoints typed as fractions of the good path, e.g. "0, 0.5, 1": 1 to 8 numbers from 0 to 1,
 * separated by commas or spaces. Returns the list, or a message saying what is allowed.
 */
export function parseCheckpoints(text: string): number[] | string {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (parts.length === 0) return 'list 1 to 8 fractions of the path from 0 to 1, e.g. 0, 0.5, 1';
  if (parts.length > 8) return `at most 8 checkpoints (got ${parts.length})`;
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !(values[i]! >= 0 && values[i]! <= 1));
  if (bad !== undefined) return `“${bad}” is not a fraction from 0 to 1`;
  return values;
}

/** 0.873 → "87.3 %"; null or NaN → "–". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(1)} %`;
}

/** A number with 3 significant digits (exponent form when tiny or huge); "–" when not finite. */
export function short(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x !== 0 && (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return x.toPrecision(3);
}
