import type { ViewConfig } from '../config/app';
import type { ExperimentResult, TrajectoryPoint, UnavailableMetric } from '../config/result';
import type { ExperimentConfig, LandscapeConfig } from '../config/schema';
import { train, type Snapshot } from '../engine/train/trainer';
import { buildExperiment, trainerOptions } from './build';
import { loadDataAssets } from './data-assets';
import { experimentBadMinima } from './bad-minima';
import { experimentClassification } from './classification';
import { experimentCurvature } from './curvature';
import { experimentEnsemble } from './ensemble';
import { implicitBiasSeries, implicitBiasTarget } from './implicit-bias';
import { experimentConnect } from './curves';
import { experimentLandscape, type ExperimentLandscape } from './landscape';
import { checkNoise, experimentNoise } from './noise';
import { experimentMinima } from './minima';
import { landscapeSpecFor } from './view';

export type { ExperimentResult, TrajectoryPoint, UnavailableMetric } from '../config/result';

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
  /** Called with the computed landscape (its plane's vectors and ranges: the CLI's plane export). */
  onLandscape?: (landscape: ExperimentLandscape) => void;
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
  await loadDataAssets(config);
  const experiment = buildExperiment(config);
  const { problem, runs, names } = experiment;
  const p = problem.layout.size;
  try {
    const unavailable = unavailableMetrics(config, problem.size.test, !!problem.accuracy);
    // The exact SVM direction / A⁺b first: non-separable data fail before any training.
    const biasTarget = config.implicitBias ? implicitBiasTarget(experiment) : null;
    const noiseSpec = config.noise;
    if (noiseSpec) checkNoise(config, noiseSpec, !!(options.view || config.landscape));
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
    // Multi-class classification: each run's predictions at its last recorded θ.
    const classification = experimentClassification(
      experiment,
      thetas.map((list) => list[list.length - 1]!),
      result.runs.map((run) => run.trajectory[run.trajectory.length - 1]!.step),
    );
    if (classification) result.classification = classification;
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
      if (noiseSpec) {
        const recorded = result.runs.map((run) => run.trajectory.map((t) => t.step));
        result.noise = experimentNoise(experiment, thetas, recorded, l, noiseSpec);
      }
      options.onLandscape?.(l);
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
      if (l.varpro) {
        const v = l.varpro;
        result.landscape.varpro = {
          reference: list(v.reference),
          outliers: { ...v.outliers },
          minima: v.minima.map(({ w, s, loss, outliers }) => ({ w, s, loss, outliers })),
        };
      }
    }
    if (config.curvature) {
      // Every run's last recorded point (the final θ, or where a diverged run was frozen) or θ₀.
      const last = config.curvature.at === 'end';
      const steps = result.runs.map((run) => {
        const t = run.trajectory;
        return last ? t[t.length - 1]!.step : t[0]!.step;
      });
      const points = thetas.map((list) => (last ? list[list.length - 1]! : list[0]!));
      result.curvature = await experimentCurvature(experiment, points, steps, config.curvature);
    }
    if (config.minima) {
      // Each run's last recorded point: its final θ, or where a diverged run was frozen.
      const steps = result.runs.map((run) => run.trajectory[run.trajectory.length - 1]!.step);
      const points = thetas.map((list) => list[list.length - 1]!);
      result.minima = await experimentMinima(experiment, points, steps, config.minima);
    }
    if (config.badMinima) {
      // The good path: every recorded point of the good run, θ₀ to its final θ.
      const good = config.badMinima.run;
      result.badMinima = await experimentBadMinima(
        experiment,
        { steps: result.runs[good]!.trajectory.map((t) => t.step), thetas: thetas[good]! },
        config.badMinima,
      );
    }
    if (biasTarget) {
      result.implicitBias = implicitBiasSeries(
        biasTarget,
        result.runs.map((run, k) => ({
          name: run.name,
          steps: run.trajectory.map((t) => t.step),
          thetas: thetas[k]!,
        })),
      );
    }
    if (config.ensemble) {
      result.ensemble = await experimentEnsemble(experiment, config.ensemble);
    }
    if (config.connect) {
      // The curve joins the two runs' last recorded points (their final θ).
      const [a, b] = config.connect.runs;
      const end = (k: number) => thetas[k]![thetas[k]!.length - 1]!;
      result.connect = await experimentConnect(experiment, end(a), end(b), config.connect);
    }
    return result;
  } finally {
    problem.dispose();
  }
}
