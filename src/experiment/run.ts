import type { ViewConfig } from '../config/app';
import type { ExperimentConfig, LandscapeConfig } from '../config/schema';
import type { RunHyper } from '../engine/optim/optimizers';
import type { ParameterEntry } from '../engine/problems/layout';
import { train, type Snapshot } from '../engine/train/trainer';
import { buildExperiment, trainerOptions } from './build';
import { experimentLandscape } from './landscape';
import { landscapeSpecFor } from './view';

/** One recorded point of one run's trajectory. */
export interface TrajectoryPoint {
  step: number;
  /** θ at this step [P]. */
  theta: number[];
  trainLoss: number;
  /** null when the test split is empty (see `ExperimentResult.unavailable`). */
  testLoss: number | null;
  gradNorm: number;
  trainAccuracy?: number;
  /** null when the test split is empty. */
  testAccuracy?: number | null;
}

/** Metrics a run's trajectory cannot report. */
export type UnavailableMetric = 'testLoss' | 'testAccuracy';

/** The output of a headless run (the CLI's JSON). */
export interface ExperimentResult {
  config: ExperimentConfig;
  /** The document's view when one was given (then `landscape` is the one it shows). */
  view?: ViewConfig;
  backend: string;
  problem: { name: string; parameters: number; layout: readonly ParameterEntry[] };
  /**
   * The metrics that could not be computed, each with the reason (e.g. an empty test split); their
   * values in every trajectory point are null. Empty when everything was computed.
   */
  unavailable: Partial<Record<UnavailableMetric, string>>;
  runs: {
    name: string;
    hyper: RunHyper;
    /** True when the run diverged; it was frozen at its last finite θ. */
    diverged: boolean;
    /** The update at which it diverged (1-based), or null. */
    divergedAt: number | null;
    trajectory: TrajectoryPoint[];
  }[];
  /**
   * Present when the config asks for a landscape, or a view was given (then it is the landscape
   * that view shows when training has finished, and the config's own `landscape` is not used).
   * `values` has one grid per metric (the view's one metric); grids are row-major [n_b, n_a].
   */
  landscape?: {
    directions: string;
    explained: [number, number] | null;
    axisLabels: [string, string];
    n: number;
    a: number[];
    b: number[];
    values: Record<string, number[]>;
    /** Per run: projected coordinates, the loss the optimiser saw, the plane's loss there, and the off-plane distance. */
    trajectories: {
      name: string;
      a: number[];
      b: number[];
      trueLoss: number[];
      planeLoss: number[];
      offPlane: number[];
      offPlaneRelative: number[];
    }[];
  };
}

/**
 * The metrics an experiment cannot report and why: with an empty test split (testFraction 0 of
 * few points, or an empty custom testX) there is no test loss or accuracy.
 */
export function unavailableMetrics(
  config: ExperimentConfig,
  testPoints: number,
  classifier: boolean,
): Partial<Record<UnavailableMetric, string>> {
  if (config.problem.kind === 'surface' || testPoints > 0) return {};
  const { data } = config;
  const reason =
    data.kind === 'custom' && data.testX
      ? 'no test set: data.testX is empty'
      : `no test set: data.testFraction ${data.testFraction} leaves none of the ${
          data.kind === 'custom' ? data.x.length : data.points
        } points for testing`;
  return classifier ? { testLoss: reason, testAccuracy: reason } : { testLoss: reason };
}

export interface RunOptions {
  /**
   * The document's view: after training, compute the landscape it shows for what was recorded
   * (`landscapeSpecFor`) instead of the config's own `landscape`.
   */
  view?: ViewConfig;
}

/**
 * Trains a config to the end and gathers every run's trajectory; then computes the view's
 * landscape (when `options.view` is given) or the config's `landscape` (when it has one).
 */
export async function runExperiment(
  config: ExperimentConfig,
  backend: string,
  onSnapshot?: (snapshot: Snapshot) => void,
  options: RunOptions = {},
): Promise<ExperimentResult> {
  const experiment = buildExperiment(config);
  const { problem, runs, names } = experiment;
  const p = problem.layout.size;
  try {
    const unavailable = unavailableMetrics(config, problem.size.test, !!problem.accuracy);
    const result: ExperimentResult = {
      config,
      ...(options.view ? { view: options.view } : {}),
      backend,
      problem: { name: problem.name, parameters: p, layout: problem.layout.entries },
      unavailable,
      runs: runs.map((hyper, k) => ({
        name: names[k]!,
        hyper,
        diverged: false,
        divergedAt: null,
        trajectory: [],
      })),
    };
    const thetas: Float32Array[][] = runs.map(() => []);
    for await (const s of train(trainerOptions(experiment))) {
      onSnapshot?.(s);
      thetas.forEach((list, k) => list.push(s.theta.slice(k * p, (k + 1) * p)));
      result.runs.forEach((run, k) => {
        const at = s.divergedAt[k]!;
        run.diverged = at >= 0;
        run.divergedAt = at >= 0 ? at : null;
        const point: TrajectoryPoint = {
          step: s.step,
          theta: Array.from(s.theta.subarray(k * p, (k + 1) * p)),
          trainLoss: s.trainLoss[k]!,
          testLoss: unavailable.testLoss ? null : s.testLoss[k]!,
          gradNorm: s.gradNorm[k]!,
        };
        if (s.trainAccuracy && s.testAccuracy) {
          point.trainAccuracy = s.trainAccuracy[k]!;
          point.testAccuracy = unavailable.testAccuracy ? null : s.testAccuracy[k]!;
        }
        run.trajectory.push(point);
      });
    }
    // The view's landscape for every snapshot recorded (θ₀ and the last step included).
    const spec: LandscapeConfig | undefined = options.view
      ? landscapeSpecFor(config, options.view, thetas[0]!.length)
      : config.landscape;
    if (spec) {
      const trajectories = thetas.map((list) => {
        const out = new Float32Array(list.length * p);
        list.forEach((theta, i) => out.set(theta, i * p));
        return out;
      });
      const l = await experimentLandscape(experiment, trajectories, spec);
      const list = (x: ArrayLike<number>) => Array.from(x);
      result.landscape = {
        directions: l.directions,
        explained: l.explained,
        axisLabels: l.axisLabels,
        n: l.grid.n,
        a: list(l.grid.a),
        b: list(l.grid.b),
        values: Object.fromEntries(Object.entries(l.grid.values).map(([k, v]) => [k, list(v)])),
        trajectories: l.trajectories.map((t, k) => ({
          name: names[k]!,
          a: list(t.a),
          b: list(t.b),
          trueLoss: list(t.trueLoss),
          planeLoss: list(t.planeLoss),
          offPlane: list(t.offPlane),
          offPlaneRelative: list(t.offPlaneRelative),
        })),
      };
    }
    return result;
  } finally {
    problem.dispose();
  }
}
