/**
 * The result file (the CLI's output format, `config/result.ts`) of what an explorer shows, and
 * reading one back: `encodeResult` joins what the worker recorded (θ and metrics at every
 * recorded step) with the landscape on screen; `parseResultText` validates a file and names every
 * problem; `decodeResult` turns a file's nulls (NaN or ±Infinity when written) back into NaN.
 */
import type { ViewConfig } from '../config/app';
import { ConfigError, ConfigSyntaxError, parseConfigJson, parseWith } from '../config/parse';
import {
  type ExperimentResult,
  type MinimaResult,
  type MinimumAnalysis,
  type ResultLandscape,
} from '../config/result';
import { ResultFileSchema, type ResultFile } from '../config/result-file-schema';
import type { RecordedResult } from '../protocol/recorded';
import { decodeEnsemble, decodeImplicitBias, decodeNoise } from './decode-analyses';
import { decodeBadMinima } from './decode-bad-minima';
import type { LandscapeView, TrajectoryView } from '../state/view-types';

/** What a result file is made of in the explorer. */
export interface ResultSources {
  /** What the worker recorded (or what a replayed file held). */
  recorded: RecordedResult;
  /** Per run: the update at which it diverged, or −1. */
  divergedAt: readonly number[];
  /** The tfjs backend's name. */
  backend: string;
  /** The view on screen (null: none given). */
  view: ViewConfig | null;
  /** The landscape on screen, or null (then the file has none). */
  landscape: LandscapeView | null;
  /** The plane of the landscape on screen. */
  plane: { directions: string; explained: [number, number] | null } | null;
  /** One per run: the paths on the landscape's plane. */
  trajectories: readonly TrajectoryView[];
  /** Per run: the absolute off-plane distances, when known (a replayed file's); else empty lists. */
  offPlane?: readonly (readonly number[])[];
  /** The curvature analyses, when known (a replayed file's: the app does not compute them here). */
  curvature?: ExperimentResult['curvature'];
  /** The flat-vs-sharp comparison, when known (a replayed file's). */
  minima?: ExperimentResult['minima'];
  /** The trained mode-connecting curve on screen (or a replayed file's), when there is one. */
  connect?: ExperimentResult['connect'];
  /** The implicit-bias series, when known (a replayed file's, or a finished job's). */
  implicitBias?: ExperimentResult['implicitBias'];
  /** The seed ensembles, when known (a replayed file's, or a finished job's). */
  ensemble?: ExperimentResult['ensemble'];
  /** The gradient-noise ellipses, when known (a replayed file's). */
  noise?: ExperimentResult['noise'];
  /** The nearby bad minima, when known (a replayed file's, or a finished job's). */
  badMinima?: ExperimentResult['badMinima'];
  /** The confusion matrices and misclassified examples, when known (a replayed file's). */
  classification?: ExperimentResult['classification'];
}

const list = (x: ArrayLike<number>, length = x.length): number[] =>
  Array.from({ length }, (_, i) => x[i]!);

/** The landscape part of a result: the grid of the metric on screen and every run's path on it. */
export function encodeLandscape(
  landscape: LandscapeView,
  plane: ResultSources['plane'],
  trajectories: readonly TrajectoryView[],
  offPlane: ResultSources['offPlane'] = [],
): ResultLandscape {
  return {
    directions: plane?.directions ?? 'unknown',
    explained: plane?.explained ?? null,
    axisLabels: [...landscape.axisLabels],
    n: landscape.n,
    a: list(landscape.a),
    b: list(landscape.b),
    values: { [landscape.metric]: list(landscape.values) },
    trajectories: trajectories.map((t, k) => ({
      name: t.name,
      a: list(t.a, t.length),
      b: list(t.b, t.length),
      trueLoss: list(t.trueLoss, t.length),
      planeLoss: list(t.planeLoss, t.length),
      offPlane: [...(offPlane[k] ?? [])],
      offPlaneRelative: list(t.offPlane, t.length),
    })),
  };
}

/** The result file's object (write it with `resultJson`). */
export function encodeResult(sources: ResultSources): ExperimentResult {
  const { recorded, divergedAt, view, landscape } = sources;
  return {
    config: recorded.config,
    ...(view ? { view } : {}),
    backend: sources.backend,
    problem: recorded.problem,
    unavailable: recorded.unavailable,
    runs: recorded.runs.map((run, k) => {
      const at = divergedAt[k] ?? -1;
      // The CLI's key order, so that a file re-exported unchanged is the same text.
      return {
        name: run.name,
        hyper: run.hyper,
        diverged: at >= 0,
        divergedAt: at >= 0 ? at : null,
        trajectory: run.trajectory,
      };
    }),
    // The CLI writes the classification and noise blocks before the landscape.
    ...(sources.classification ? { classification: sources.classification } : {}),
    ...(sources.noise ? { noise: sources.noise } : {}),
    ...(landscape
      ? {
          landscape: encodeLandscape(
            landscape,
            sources.plane,
            sources.trajectories,
            sources.offPlane,
          ),
        }
      : {}),
    ...(sources.curvature ? { curvature: sources.curvature } : {}),
    ...(sources.minima ? { minima: sources.minima } : {}),
    ...(sources.badMinima ? { badMinima: sources.badMinima } : {}),
    // The CLI's key order (run.ts), so that a file re-exported unchanged is the same text.
    ...(sources.implicitBias ? { implicitBias: sources.implicitBias } : {}),
    ...(sources.ensemble ? { ensemble: sources.ensemble } : {}),
    ...(sources.connect ? { connect: sources.connect } : {}),
  };
}

/** The file's text, as the CLI writes it (NaN and ±Infinity become null). */
export function resultJson(result: ExperimentResult): string {
  return JSON.stringify(result);
}

/** A file that is not a result: `problems` has one line per problem, naming the field. */
export class ResultFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Not a result file: ${problems.join('; ')}`);
    this.name = 'ResultFileError';
  }
}

/**
 * Reads a result file's text (from the app or the CLI). Throws `ResultFileError` naming what is
 * wrong: text that is not JSON, an app document instead of a result, a field of the wrong type, a
 * list of the wrong length.
 */
export function parseResultText(text: string): ExperimentResult {
  let raw: unknown;
  try {
    raw = parseConfigJson(text);
  } catch (e) {
    if (e instanceof ConfigSyntaxError) throw new ResultFileError([`not valid JSON: ${e.reason}`]);
    throw e;
  }
  return decodeResult(validateResult(raw));
}

/** Validates a parsed file; throws `ResultFileError` (paths from the file's root). */
export function validateResult(raw: unknown): ResultFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ResultFileError([
      'expected an object with config, backend, problem, unavailable and runs (the CLI’s output)',
    ]);
  }
  if (!('runs' in raw) && ('experiment' in raw || 'view' in raw || 'display' in raw)) {
    throw new ResultFileError([
      'this is an app document (experiment, view, display), not a result: open it as a document',
    ]);
  }
  try {
    return parseWith(ResultFileSchema, raw);
  } catch (e) {
    if (e instanceof ConfigError) throw new ResultFileError(e.problems);
    throw e;
  }
}

/** null (NaN or ±Infinity when written) back to NaN in lists and numbers that are never null. */
const nan = (x: number | null): number => x ?? Number.NaN;
const nans = (xs: readonly (number | null)[]): number[] => xs.map(nan);

/** A validated file as an `ExperimentResult`: every null that stood for NaN is NaN again. */
export function decodeResult(file: ResultFile): ExperimentResult {
  const l = file.landscape;
  return {
    ...file,
    runs: file.runs.map((run) => ({
      ...run,
      trajectory: run.trajectory.map((p) => ({
        ...p,
        theta: nans(p.theta),
        trainLoss: nan(p.trainLoss),
        ...(p.trainAccuracy !== undefined ? { trainAccuracy: nan(p.trainAccuracy) } : {}),
      })),
    })),
    ...(l
      ? {
          landscape: {
            ...l,
            values: Object.fromEntries(Object.entries(l.values).map(([k, v]) => [k, nans(v)])),
            trajectories: l.trajectories.map((t) => ({
              name: t.name,
              a: nans(t.a),
              b: nans(t.b),
              trueLoss: nans(t.trueLoss),
              planeLoss: nans(t.planeLoss),
              offPlane: nans(t.offPlane),
              offPlaneRelative: nans(t.offPlaneRelative),
            })),
          },
        }
      : {}),
    ...(file.minima ? { minima: decodeMinima(file.minima) } : {}),
    ...(file.implicitBias ? { implicitBias: decodeImplicitBias(file.implicitBias) } : {}),
    ...(file.ensemble ? { ensemble: decodeEnsemble(file.ensemble) } : {}),
    ...(file.noise ? { noise: decodeNoise(file.noise) } : {}),
    ...(file.badMinima ? { badMinima: decodeBadMinima(file.badMinima) } : {}),
    ...(file.classification ? { classification: file.classification } : {}),
  } as ExperimentResult;
}

/**
 * A file's minima comparison with NaN for the nulls that stood for NaN; a list that is null as a
 * whole (no test set, no accuracy) stays null, and so do the scalar test loss and accuracies.
 */
function decodeMinima(m: NonNullable<ResultFile['minima']>): MinimaResult {
  const line = (x: {
    trainLoss: (number | null)[];
    testLoss: (number | null)[] | null;
    trainAccuracy: (number | null)[] | null;
    testAccuracy: (number | null)[] | null;
  }) => ({
    trainLoss: nans(x.trainLoss),
    testLoss: x.testLoss && nans(x.testLoss),
    trainAccuracy: x.trainAccuracy && nans(x.trainAccuracy),
    testAccuracy: x.testAccuracy && nans(x.testAccuracy),
  });
  const minimum = (a: NonNullable<ResultFile['minima']>['minima'][number]): MinimumAnalysis => ({
    ...a,
    trainLoss: nan(a.trainLoss),
    lambdaMax: nan(a.lambdaMax),
    lambdaResidual: nan(a.lambdaResidual),
    trace: { ...a.trace, value: nan(a.trace.value), standardError: nan(a.trace.standardError) },
    sharpness: a.sharpness.map((s) => ({
      epsilon: s.epsilon,
      value: nan(s.value),
      loss: nan(s.loss),
      maxLoss: nan(s.maxLoss),
    })),
    density: {
      grid: nans(a.density.grid),
      density: nans(a.density.density),
      sigma: nan(a.density.sigma),
    },
    plane: { coords: a.plane.coords, values: nans(a.plane.values) },
    slices: {
      eigen: { direction: 'eigen', coords: a.slices.eigen.coords, ...line(a.slices.eigen) },
      random: { direction: 'random', coords: a.slices.random.coords, ...line(a.slices.random) },
    },
  });
  return {
    split: m.split,
    batch: m.batch,
    minima: [minimum(m.minima[0]), minimum(m.minima[1])],
    interpolation: { t: m.interpolation.t, ...line(m.interpolation) },
  };
}
