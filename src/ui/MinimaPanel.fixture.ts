/**
 * A flat-vs-sharp comparison for tests of the panel, shaped like what the minima analysis returns
 * for the lesson's xor network (small batch: λ_max ≈ 0.5; full batch: λ_max ≈ 3.5). Each loss
 * is a softplus bowl log(1 + e^(q − 4)) · k around the minimum's loss, with curvature q from the
 * minimum's λ: closed forms, so a test can compute any value the panel should show.
 */
import type { LossSlice, MinimaResult, MinimumAnalysis } from '../config/result';

/** n values from `from` to `to`, evenly spaced. */
export const linspace = (from: number, to: number, n: number): number[] =>
  Array.from({ length: n }, (_, k) => from + ((to - from) * k) / (n - 1));

/** The fixture's loss at squared distance `r2` from a minimum with loss `base` and curvature `c`. */
export const bowl = (base: number, c: number, r2: number): number => base + 0.5 * c * r2;

function minimum(
  run: number,
  name: string,
  lambda: number,
  trainLoss: number,
  testLoss: number,
  testAccuracy: number,
): MinimumAnalysis {
  const coords = linspace(-1, 1, 21);
  const n = coords.length;
  const values: number[] = [];
  // The plane's curvature in filter-normalised units: the sharp minimum rises faster.
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++)
      values.push(bowl(trainLoss, 2 * lambda, coords[i]! ** 2 + 0.6 * coords[j]! ** 2));
  const slice = (direction: LossSlice['direction'], c: number): LossSlice => ({
    direction,
    coords,
    trainLoss: coords.map((s) => bowl(trainLoss, c, s * s)),
    testLoss: coords.map((s) => bowl(testLoss, c * 1.1, s * s)),
    trainAccuracy: coords.map((s) => Math.max(0.5, 1 - 0.3 * c * s * s)),
    testAccuracy: coords.map((s) => Math.max(0.5, testAccuracy - 0.3 * c * s * s)),
  });
  const grid = linspace(-1, 5, 61);
  return {
    run,
    name,
    step: 1500,
    trainLoss,
    testLoss,
    trainAccuracy: 1,
    testAccuracy,
    lambdaMax: lambda,
    lambdaResidual: 1e-4,
    trace: { value: 3 * lambda, standardError: 0.1 * lambda, probes: 100 },
    sharpness: [
      { epsilon: 1e-3, value: 0.05 * lambda, loss: trainLoss, maxLoss: trainLoss * 1.0005 },
      { epsilon: 5e-4, value: 0.0125 * lambda, loss: trainLoss, maxLoss: trainLoss * 1.0001 },
    ],
    density: {
      grid,
      // Most mass at 0, a bump at λ_max (normalised on the grid by the test where needed).
      density: grid.map(
        (x) =>
          (0.9 * Math.exp(-(x * x) / 0.02)) / 0.3545 +
          (0.1 * Math.exp(-((x - lambda) ** 2) / 0.02)) / 0.3545,
      ),
      sigma: 0.1,
    },
    plane: { coords, values },
    slices: { eigen: slice('eigen', lambda), random: slice('random', 2 * lambda) },
  };
}

/** Minimum a: small-batch SGD (flat); minimum b: full-batch SGD (sharp). */
export const FLAT_SHARP: MinimaResult = {
  split: 'train',
  batch: 'full',
  minima: [
    minimum(0, 'SGD, batch 8', 0.48, 0.032, 0.041, 1),
    minimum(1, 'SGD, full batch', 3.49, 0.019, 0.036, 0.984),
  ],
  interpolation: (() => {
    const t = linspace(-1, 2, 31);
    // Low at t = 0 and t = 1, a barrier between, rising outside: the sharp side (t > 1) faster.
    const loss = (x: number, base: number) =>
      base +
      0.3 * Math.sin(Math.PI * x) ** 2 * (x > 0 && x < 1 ? 1 : 0) +
      (x < 0 ? 0.5 * x * x : x > 1 ? 3.5 * (x - 1) ** 2 : 0);
    return {
      t,
      trainLoss: t.map((x) => loss(x, 0.02)),
      testLoss: t.map((x) => loss(x, 0.04)),
      trainAccuracy: t.map((x) => Math.max(0.5, 1 - loss(x, 0))),
      testAccuracy: t.map((x) => Math.max(0.5, 0.98 - loss(x, 0))),
    };
  })(),
};
