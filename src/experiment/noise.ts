/**
 * Gradient noise for a config's `noise` block (SCIENCE.md §7, Zancato & Chiuso): at every chosen
 * run's chosen recorded points, the mini-batch gradient-noise covariance projected on the
 * experiment's landscape plane (`planeNoise`), with its split into the intrinsic and exploration
 * terms for squared loss on teacher data, and for importance-sampled runs the loss the sampler
 * sees (`sampledLandscape`).
 *
 * `checkNoise` runs before training (bad run indices or steps fail at once with a config error);
 * `experimentNoise` after it, on the recorded trajectories and the computed landscape.
 */
import type { NoiseConfig } from '../config/noise-schema';
import type {
  NoiseResult,
  ResultEllipse,
  ResultNoisePoint,
  ResultNoiseTerm,
} from '../config/noise-result';
import { ConfigError } from '../config/parse';
import type { ExperimentConfig } from '../config/schema';
import type { EllipseAxes, Symmetric2 } from '../engine/noise/covariance';
import { withoutReplacementFactor } from '../engine/noise/covariance';
import { planeNoise, type LabelNoise, type NoiseEllipse } from '../engine/noise/noise';
import { sampledLandscape } from '../engine/noise/sampled-landscape';
import { teacherTargets } from '../engine/noise/teacher';
import { importanceProbabilities } from '../engine/optim/importance';
import { learningRateAt } from '../engine/optim/schedules';
import { tf } from '../engine/tf';
import type { Experiment } from './build';
import type { ExperimentLandscape } from './landscape';
import type { Plane } from '../engine/landscape/plane';

export type { NoiseResult } from '../config/noise-result';

/** The steps a config records: 0, every `recordEvery`, and the last. */
export function recordedSteps(config: Pick<ExperimentConfig, 'steps' | 'recordEvery'>): number[] {
  const out = [0];
  for (let t = config.recordEvery; t < config.steps; t += config.recordEvery) out.push(t);
  out.push(config.steps);
  return out;
}

/** Config errors of a `noise` block that can be found before training. */
export function checkNoise(
  config: ExperimentConfig,
  spec: NoiseConfig,
  hasLandscape: boolean,
): void {
  const problems: string[] = [];
  if (!hasLandscape)
    problems.push(
      'noise: needs a landscape (add a "landscape" block): the covariance is projected on its plane',
    );
  if (config.problem.kind === 'surface')
    problems.push('noise: the analytic surfaces have no examples, so no mini-batch noise');
  if (Array.isArray(spec.runs))
    spec.runs.forEach((r, i) => {
      if (r >= config.runs.length)
        problems.push(`noise.runs[${i}]: run ${r} does not exist (${config.runs.length} runs)`);
    });
  if (Array.isArray(spec.at)) {
    const recorded = new Set(recordedSteps(config));
    spec.at.forEach((s, i) => {
      if (!recorded.has(s))
        problems.push(
          `noise.at[${i}]: step ${s} is not recorded (steps 0, every ${config.recordEvery}, and ${config.steps})`,
        );
    });
  }
  if (problems.length) throw new ConfigError(problems);
}

/** What `noisePoint` needs besides the experiment: the run, its θ, and where it is on the plane. */
export interface NoisePointInput {
  run: number;
  step: number;
  theta: Float32Array;
  plane: Plane;
  /** θ's plane coordinates. */
  a: number;
  b: number;
  /** Grid of the sampler's landscape (importance runs), or null for none. */
  grid: { a: ArrayLike<number>; b: ArrayLike<number> } | null;
  /** Batch size override (default: the run's own). */
  batchSize?: number;
  /** Compute the label-noise split where it applies. */
  split: boolean;
}

/** The label noise of a teacher data set for a squared-loss problem, or null. */
export function experimentLabelNoise(experiment: Experiment): LabelNoise | null {
  const { problem, config, dataset } = experiment;
  const kind =
    config.data.kind === 'tanh-teacher' || config.data.kind === 'linear-design'
      ? config.data.kind
      : null;
  if (!kind || !dataset || problem.task !== 'regression') return null;
  return {
    labels: dataset.yTrain,
    cleanTargets: teacherTargets(dataset, kind),
    sigma: (config.data as { noise: number }).noise,
  };
}

/** The gradient noise of one run at one recorded point (one entry of `NoiseResult.points`). */
export function noisePoint(
  experiment: Experiment,
  input: NoisePointInput,
  labelNoise: LabelNoise | null = input.split ? experimentLabelNoise(experiment) : null,
): ResultNoisePoint {
  const { problem, config, runs, names } = experiment;
  const m = problem.size.train;
  const p = problem.layout.size;
  const { run: k, step, theta, plane } = input;
  const hyper = runs[k]!;
  const batchSize = Math.min(input.batchSize ?? hyper.batchSize, m);
  const importance = hyper.sampling?.kind === 'importance' ? hyper.sampling : null;
  const lr = learningRateAt(
    hyper.schedule,
    hyper.lr,
    Math.min(step, config.steps - 1),
    config.steps,
  );
  let probabilities: Float64Array | undefined;
  let losses: Float32Array | undefined;
  if (importance) {
    const tensor = tf.tidy(() => problem.perExampleLoss(tf.tensor2d(theta, [1, p]), 'train'));
    losses = tensor.dataSync() as Float32Array;
    tensor.dispose();
    probabilities = importanceProbabilities(losses, importance.temperature);
  }
  const noise = planeNoise(problem, theta, plane.d1, plane.d2, {
    batchSize,
    lr,
    probabilities,
    labelNoise: input.split && labelNoise ? labelNoise : undefined,
  });
  const point: ResultNoisePoint = {
    run: k,
    name: names[k]!,
    step,
    a: input.a,
    b: input.b,
    batchSize,
    lr,
    sampling: importance ? 'importance' : 'uniform',
    ...(importance ? { temperature: importance.temperature } : {}),
    samplerFactor: importance ? 1 : withoutReplacementFactor(m, batchSize),
    total: term(noise.total),
  };
  if (noise.split)
    point.split = {
      intrinsic: term(noise.split.intrinsic),
      exploration: term(noise.split.exploration),
      expectedTotal: term(noise.split.expectedTotal),
    };
  if (probabilities && losses) {
    let mean = 0;
    let sampled = 0;
    let squares = 0;
    for (let i = 0; i < m; i++) {
      mean += losses[i]! / m;
      sampled += probabilities[i]! * losses[i]!;
      squares += probabilities[i]! ** 2;
    }
    point.sampled = { trainLoss: mean, sampledLoss: sampled, effectiveExamples: 1 / squares };
    if (input.grid) {
      const l = sampledLandscape(problem, plane, input.grid.a, input.grid.b, probabilities);
      point.sampled.landscape = {
        trainLoss: Array.from(l.trainLoss),
        sampledLoss: Array.from(l.sampledLoss),
      };
    }
  }
  return point;
}

/**
 * @param thetas per run, θ [P] of each recorded point
 * @param steps per run, the recorded steps
 */
export function experimentNoise(
  experiment: Experiment,
  thetas: readonly (readonly Float32Array[])[],
  steps: readonly (readonly number[])[],
  landscape: ExperimentLandscape,
  spec: NoiseConfig,
): NoiseResult {
  const { problem, runs } = experiment;
  const plane = landscape.plane;
  if (!plane)
    throw new RangeError(
      "noise: the ellipses are drawn on a linear plane; the landscape's exact (w, shift) view has none",
    );
  const runIndices = spec.runs === 'all' ? runs.map((_, k) => k) : spec.runs;
  const labelNoise = spec.split ? experimentLabelNoise(experiment) : null;
  const points: ResultNoisePoint[] = [];
  for (const k of runIndices) {
    const recorded = steps[k]!;
    const chosen =
      spec.at === 'final'
        ? [recorded.length - 1]
        : spec.at === 'initial'
          ? [0]
          : spec.at === 'all'
            ? recorded.map((_, i) => i)
            : spec.at.map((s) => recorded.indexOf(s));
    const trajectory = landscape.trajectories[k]!;
    for (const index of chosen) {
      points.push(
        noisePoint(
          experiment,
          {
            run: k,
            step: recorded[index]!,
            theta: thetas[k]![index]!,
            plane,
            a: trajectory.a[index]!,
            b: trajectory.b[index]!,
            grid: spec.sampledLandscape ? landscape.grid : null,
            batchSize: spec.batchSize,
            split: spec.split,
          },
          labelNoise,
        ),
      );
    }
  }
  return {
    axisLabels: landscape.axisLabels,
    n: landscape.grid.n,
    a: Array.from(landscape.grid.a),
    b: Array.from(landscape.grid.b),
    examples: problem.size.train,
    points,
  };
}

function ellipse(c: Symmetric2, axes: EllipseAxes): ResultEllipse {
  return {
    covariance: { ...c },
    eigenvalues: axes.eigenvalues,
    axes: axes.axes,
    angle: axes.angle,
    trace: axes.trace,
  };
}

function term(e: NoiseEllipse): ResultNoiseTerm {
  return { gradient: ellipse(e.gradient, e.gradientAxes), step: ellipse(e.step, e.stepAxes) };
}
