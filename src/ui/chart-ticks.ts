/**
 * Tick maths of the SVG line charts (`LossChart`, `ImplicitBiasChart`, the ensemble charts, the
 * minima plot): nice linear tick spacings, log-axis domains and ticks, and tick labels. No DOM.
 */

/** A "nice" tick spacing (1, 2, 2.5 or 5 × 10^k) that gives about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / magnitude;
  const nice = ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 2.5 ? 2.5 : ratio <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * Domain and ticks of a log axis covering [min, max]: labelled ticks at 1·10^k (wide ranges),
 * 1, 2, 5 · 10^k (1.3 to 3 decades), 1, 2, 3, 5 · 10^k (0.6 to 1.3) or 1…9 · 10^k; the domain is
 * widened to the labelled ticks just outside the data. Minor ticks at every 1…9 · 10^k when the
 * range spans at most four decades.
 */
export function logTicks(
  min: number,
  max: number,
): { domain: [number, number]; major: number[]; minor: number[] } {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { domain: [0.1, 1], major: [0.1, 1], minor: [] };
  }
  if (max / min < 1.5) {
    const mid = Math.sqrt(min * max);
    min = mid / 1.25;
    max = mid * 1.25;
  }
  const decades = Math.log10(max / min);
  const mantissas =
    decades > 3
      ? [1]
      : decades > 1.3
        ? [1, 2, 5]
        : decades > 0.6
          ? [1, 2, 3, 5]
          : [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const candidates: number[] = [];
  for (let e = lo - 1; e <= hi; e++) {
    for (const m of mantissas) candidates.push(roundTick(m * 10 ** e));
  }
  const below = candidates.filter((v) => v <= min * (1 + 1e-9));
  const above = candidates.filter((v) => v >= max * (1 - 1e-9));
  const d0 = below.length ? below[below.length - 1]! : min;
  const d1 = above.length ? above[0]! : max;
  const major = candidates.filter((v) => v >= d0 * (1 - 1e-9) && v <= d1 * (1 + 1e-9));
  const minor: number[] = [];
  if (decades <= 4) {
    for (let e = lo - 1; e <= hi; e++) {
      for (let m = 1; m <= 9; m++) {
        const v = roundTick(m * 10 ** e);
        if (v > d0 && v < d1 && !major.includes(v)) minor.push(v);
      }
    }
  }
  return { domain: [d0, d1], major, minor };
}

/** `v` to 6 significant digits (drops the float noise of m·10^k and of summed tick steps). */
export function roundTick(v: number): number {
  return Number(v.toPrecision(6));
}

/** Tick label: plain decimals from 0.001 to 9999, else 1e-5 style. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(roundTick(v));
  return v.toExponential(0).replace('e+', 'e');
}
