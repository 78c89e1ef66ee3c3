/**
 * The numbers behind the flat-vs-sharp panel (no DOM): one colour scale shared by the two minima's
 * 2-D landscapes, the contour levels on it, and the comparison table's rows as display strings.
 *
 * The landscapes are coloured by log₁₀ of the training loss on one domain [lo, hi] covering both
 * planes, so a colour means the same loss in both pictures: the flat minimum's low-loss basin is
 * wider, not just drawn wider (Li et al. 2018, Fig. 4-style comparisons).
 */
import type { MinimaResult, MinimumAnalysis } from '../config/result';

/** A loss domain shared by the two landscapes, coloured on a log₁₀ scale. */
export interface SharedScale {
  /** Smallest and largest loss shown (lo > 0). Values outside are clamped to the ends. */
  lo: number;
  hi: number;
}

/**
 * The smallest loss drawn, relative to the largest: a plane whose minimum is (numerically) zero
 * still gets a finite log domain of at most this many decades.
 */
export const MAX_DECADES = 6;

/**
 * One log scale for both planes: [min, max] of the finite, positive values of both (min raised to
 * max·10^−MAX_DECADES when smaller). Throws when neither plane has a positive finite value.
 */
export function sharedScale(planes: readonly { values: readonly number[] }[]): SharedScale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const plane of planes) {
    for (const v of plane.values) {
      if (!(v > 0) || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > 0)) throw new Error('minima planes: no positive finite loss to colour');
  lo = Math.max(lo, hi * 10 ** -MAX_DECADES);
  // A flat plane (every value equal) still gets a non-empty domain around its value.
  if (!(hi > lo)) return { lo: lo / 1.5, hi: hi * 1.5 };
  return { lo, hi };
}

/**
 * The position t ∈ [0, 1] of `loss` on the scale: (log₁₀ loss − log₁₀ lo) / (log₁₀ hi − log₁₀ lo),
 * clamped; non-finite or non-positive values above the plane's range (a blown-up loss) give 1,
 * zero or negative losses give 0.
 */
export function scalePosition(scale: SharedScale, loss: number): number {
  // (A JSON result writes NaN and ±∞ as null.)
  if (loss === null || Number.isNaN(loss) || loss === Infinity) return 1;
  if (!(loss > 0)) return 0;
  const t = Math.log10(loss / scale.lo) / Math.log10(scale.hi / scale.lo);
  return Math.min(1, Math.max(0, t));
}

/** A plane's values (row-major [n, n]) as scale positions, for the contour bands. */
export function planePositions(scale: SharedScale, values: readonly number[]): Float32Array {
  const out = new Float32Array(values.length);
  values.forEach((v, k) => (out[k] = scalePosition(scale, v)));
  return out;
}

/** `count` levels evenly spaced strictly inside (0, 1) of the scale, and the loss at each. */
export function scaleLevels(scale: SharedScale, count: number): { t: number; loss: number }[] {
  const out: { t: number; loss: number }[] = [];
  for (let k = 1; k <= count; k++) {
    const t = k / (count + 1);
    out.push({ t, loss: scale.lo * (scale.hi / scale.lo) ** t });
  }
  return out;
}

/**
 * A number for the table: 4 significant digits, exponent form below 10⁻³ and from 10⁴; '–' for
 * missing or non-finite values.
 */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3) return x.toExponential(2);
  return x.toPrecision(4);
}

/** An accuracy in [0, 1] as a percentage with one decimal ('–' when missing). */
export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${(100 * x).toFixed(1)} %`;
}

/** One row of the comparison table: what it measures, and each minimum's value (a, b). */
export interface TableRow {
  key: string;
  label: string;
  /** What the row means, for a tooltip. */
  help: string;
  values: [string, string];
  /** b / a for quantities where the ratio is meaningful (both positive), else null. */
  ratio: string | null;
}

const ratioOf = (a: number | null, b: number | null): string | null =>
  a !== null && b !== null && a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)
    ? `${(b / a).toPrecision(3)}×`
    : null;

/**
 * The table's rows: λ_max, tr(H) ± its standard error, Keskar's ε-sharpness for each ε (in
 * percent, as the engine reports it), train loss, test loss, test accuracy.
 */
export function minimaTable(result: MinimaResult): TableRow[] {
  const [a, b] = result.minima;
  const row = (
    key: string,
    label: string,
    help: string,
    get: (m: MinimumAnalysis) => number | null,
    show: (m: MinimumAnalysis) => string = (m) => formatNumber(get(m)),
  ): TableRow => ({ key, label, help, values: [show(a), show(b)], ratio: ratioOf(get(a), get(b)) });
  const epsilons = a.sharpness.map((s) => s.epsilon);
  return [
    row(
      'lambda',
      'λ_max',
      'Largest Hessian eigenvalue (Lanczos): the curvature along the steepest direction',
      (m) => m.lambdaMax,
    ),
    row(
      'trace',
      'tr(H)',
      'Hutchinson estimate of the Hessian trace (sum of all eigenvalues) ± its standard error',
      (m) => m.trace.value,
      (m) => `${formatNumber(m.trace.value)} ± ${formatNumber(m.trace.standardError)}`,
    ),
    ...epsilons.map((epsilon, i) =>
      row(
        `sharpness-${epsilon}`,
        `sharpness ε=${epsilon}`,
        'Keskar et al. 2017: the largest loss rise in the box |δᵢ| ≤ ε(|θᵢ| + 1), in percent of 1 + loss',
        (m) => m.sharpness[i]?.value ?? null,
      ),
    ),
    row('train-loss', 'train loss', 'Training loss at the minimum', (m) => m.trainLoss),
    row('test-loss', 'test loss', 'Test loss at the minimum', (m) => m.testLoss),
    {
      key: 'test-accuracy',
      label: 'test accuracy',
      help: 'Fraction of the test set classified correctly',
      values: [formatPercent(a.testAccuracy), formatPercent(b.testAccuracy)],
      ratio: null,
    },
  ];
}

/** Density values below this fraction of the largest are drawn at it on the log density axis. */
export const DENSITY_FLOOR = 1e-4;

/** A spectral density for a log axis: each value raised to DENSITY_FLOOR × the largest. */
export function densityFloored(density: readonly number[]): number[] {
  let max = 0;
  for (const v of density) if (Number.isFinite(v) && v > max) max = v;
  const floor = max * DENSITY_FLOOR;
  return density.map((v) => (Number.isFinite(v) ? Math.max(v, floor) : floor));
}
