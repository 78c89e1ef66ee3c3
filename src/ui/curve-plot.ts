/**
 * Plain helpers for the mode-connectivity panel (no DOM): the colours of the two paths, the
 * normalised log heights of the plane's loss grid for its contour bands, and a chart's y range.
 */

/** The straight segment (dark grey) and the trained curve (Okabe–Ito vermillion). */
export const SEGMENT_COLOR = '#3a3a3a';
export const CURVE_COLOR = '#d55e00';

/**
 * Heights in [0, 1] for contour bands of a loss grid on a log scale: log₁₀ of each value between
 * the smallest finite value (0) and the `clip` quantile (1, higher values clipped to it), so the
 * low valley between two minima keeps its detail next to a tall barrier. Non-finite values are 1.
 */
export function logHeights(
  values: ArrayLike<number>,
  clip = 0.95,
): { t: Float32Array; lo: number; hi: number } {
  const logs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) logs.push(Math.log10(Math.max(v, 1e-12)));
  }
  logs.sort((x, y) => x - y);
  const t = new Float32Array(values.length).fill(1);
  if (logs.length === 0) return { t, lo: Number.NaN, hi: Number.NaN };
  const lo = logs[0]!;
  const hi = Math.max(
    logs[Math.min(logs.length - 1, Math.floor(clip * (logs.length - 1)))]!,
    lo + 1e-6,
  );
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const x = (Math.log10(Math.max(v, 1e-12)) - lo) / (hi - lo);
    t[i] = x < 0 ? 0 : x > 1 ? 1 : x;
  }
  return { t, lo: 10 ** lo, hi: 10 ** hi };
}

/** [0, max] over every finite value of the lists (at least [0, 1e-6]), 5 % headroom on top. */
export function zeroBasedRange(
  lists: readonly (readonly (number | null)[] | null)[],
): [number, number] {
  let max = 0;
  for (const list of lists)
    for (const v of list ?? []) if (v !== null && Number.isFinite(v)) max = Math.max(max, v);
  return [0, Math.max(max * 1.05, 1e-6)];
}
