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
  const { problem, config, dataset, runs, names } = experiment;
  const m = problem.size.train;
  const p = problem.layout.size;
  const { plane } = landscape;
  const runIndices = spec.runs === 'all' ? runs.map((_, k) => k) : spec.runs;
  const teacherKind =
    config.data.kind === 'tanh-teacher' || config.data.kind === 'linear-design'
      ? config.data.kind
      : null;
  const labelNoise: LabelNoise | null =
    spec.split && teacherKind && dataset && problem.task === 'regression'
      ? {
          labels: dataset.yTrain,
          cleanTargets: teacherTargets(dataset, teacherKind),
          sigma: (config.data as { noise: number }).noise,
        }
      : null;
  const points: ResultNoisePoint[] = [];
  for (const k of runIndices) {
    const hyper = runs[k]!;
    const recorded = steps[k]!;
    const chosen =
      spec.at === 'final'
        ? [recorded.length - 1]
        : spec.at === 'initial'
          ? [0]
          : spec.at === 'all'
            ? recorded.map((_, i) => i)
            : spec.at.map((s) => recorded.indexOf(s));
    const batchSize = Math.min(spec.batchSize ?? hyper.batchSize, m);
    const importance = hyper.sampling?.kind === 'importance' ? hyper.sampling : null;
    for (const index of chosen) {
      const theta = thetas[k]![index]!;
      const step = recorded[index]!;
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
        labelNoise: labelNoise ?? undefined,
      });
      const trajectory = landscape.trajectories[k]!;
      const point: ResultNoisePoint = {
        run: k,
        name: names[k]!,
        step,
        a: trajectory.a[index]!,
        b: trajectory.b[index]!,
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
        if (spec.sampledLandscape) {
          const l = sampledLandscape(
            problem,
            plane,
            landscape.grid.a,
            landscape.grid.b,
            probabilities,
          );
          point.sampled.landscape = {
            trainLoss: Array.from(l.trainLoss),
            sampledLoss: Array.from(l.sampledLoss),
          };
        }
      }
      points.push(point);
    }
  }
  return {
    axisLabels: landscape.axisLabels,
    n: landscape.grid.n,
    a: Array.from(landscape.grid.a),
    b: Array.from(landscape.grid.b),
    examples: m,
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
