/**
 * A result file's later analyses (`implicitBias`, `ensemble`, `noise`) with NaN again for the
 * nulls that stood for NaN (JSON writes NaN and ±Infinity as null). Fields whose type is nullable
 * by meaning (a diverged member's coordinates, a spread of fewer than two members, no fit) stay null.
 */
import type { EnsembleResult } from '../config/ensemble-result';
import type { NoiseResult } from '../config/noise-result';
import type { ExperimentResult } from '../config/result';
import type { ResultFile } from '../config/result-file-schema';

const nan = (x: number | null): number => x ?? Number.NaN;
const nans = (xs: readonly (number | null)[]): number[] => xs.map(nan);

/** Every run's series (angle, margin, distance, norm, …) with NaN for null. */
export function decodeImplicitBias(
  file: NonNullable<ResultFile['implicitBias']>,
): NonNullable<ExperimentResult['implicitBias']> {
  if (file.kind === 'max-margin') {
    return {
      ...file,
      runs: file.runs.map((r) => ({
        name: r.name,
        steps: r.steps,
        angle: nans(r.angle),
        margin: nans(r.margin),
        norm: nans(r.norm),
      })),
    };
  }
  return {
    ...file,
    minNorm: { ...file.minNorm, testLoss: nan(file.minNorm.testLoss) },
    runs: file.runs.map((r) => ({
      name: r.name,
      steps: r.steps,
      distance: nans(r.distance),
      relativeDistance: nans(r.relativeDistance),
      norm: nans(r.norm),
    })),
  };
}

const pair = (x: readonly [number | null, number | null]): [number, number] => [
  nan(x[0]),
  nan(x[1]),
];
const triple = (
  x: readonly [number | null, number | null, number | null],
): [number, number, number] => [nan(x[0]), nan(x[1]), nan(x[2])];

/** The ensemble: NaN for null in means, covariances, traces, losses and the plane's vectors. */
export function decodeEnsemble({
  escape,
  ...file
}: NonNullable<ResultFile['ensemble']>): EnsembleResult {
  return {
    ...file,
    plane: {
      ...file.plane,
      origin: nans(file.plane.origin),
      directions: [nans(file.plane.directions[0]), nans(file.plane.directions[1])],
      explained: file.plane.explained && pair(file.plane.explained),
    },
    temperatures: file.temperatures.map(({ escape, ...t }) => ({
      ...t,
      mean: t.mean.map(pair),
      cov: t.cov.map(triple),
      trace: nans(t.trace),
      loss: nans(t.loss),
      planeCov: t.planeCov && triple(t.planeCov),
      ...(escape ? { escape: { ...escape, fraction: nan(escape.fraction) } } : {}),
    })),
    fit: file.fit && {
      slope: nan(file.fit.slope),
      intercept: nan(file.fit.intercept),
      r2: nan(file.fit.r2),
    },
    ...(escape
      ? {
          escape: {
            ...escape,
            reference: { theta: nans(escape.reference.theta), loss: nan(escape.reference.loss) },
          },
        }
      : {}),
  };
}

/** Every null in a value, NaN again (the noise block has no field that is null by meaning). */
function allNaN(x: unknown): unknown {
  if (x === null) return Number.NaN;
  if (Array.isArray(x)) return x.map(allNaN);
  if (typeof x === 'object') {
    return Object.fromEntries(Object.entries(x as object).map(([k, v]) => [k, allNaN(v)]));
  }
  return x;
}

/** The noise block with NaN for every null. */
export function decodeNoise(file: NonNullable<ResultFile['noise']>): NoiseResult {
  return allNaN(file) as NoiseResult;
}
