/**
 * Implicit bias (Srebro et al.; SCIENCE.md §8): every recorded θ of every run against the exact
 * solution the theory predicts, for a config's `implicitBias` block.
 *
 * - Logistic regression, θ = (w [d], b): the hard-margin SVM ŵ of the signed augmented training
 *   points zᵢ = yᵢ(xᵢ, 1), yᵢ = 2·labelᵢ − 1 (`hardMarginSvm`, exact in float64). Series: the angle
 *   between θ(t) and ŵ, the normalised margin min_i zᵢ·θ(t)/‖θ(t)‖ and ‖θ(t)‖. Gradient descent's
 *   angle decays like 1/log t (Soudry et al. 2018); adaptive methods head elsewhere.
 * - Least squares with P > m: the minimum-norm solution A⁺b of the training design
 *   (`minNormSolution`). Series: ‖θ(t) − A⁺b‖ (absolute and relative to ‖A⁺b‖) and ‖θ(t)‖. GD and
 *   momentum from θ₀ = 0 stay in the row space and reach A⁺b; Adam in general does not.
 *
 * `implicitBiasTarget` runs before training (so non-separable data fail at once with a config
 * error); `implicitBiasSeries` after it, on the recorded trajectories.
 */
import { ConfigError } from '../config/parse';
import type { ImplicitBiasResult } from '../config/result';
import {
  angleBetween,
  hardMarginSvm,
  normalisedMargin,
  NotSeparableError,
  signedAugmented,
} from '../engine/math/max-margin';
import { classCount } from '../engine/data/datasets';
import { minNormSolution } from '../engine/math/min-norm';
import type { Experiment } from './build';

export type { ImplicitBiasResult } from '../config/result';

/** The exact solution the runs are compared with. */
export type ImplicitBiasTarget =
  | {
      kind: 'max-margin';
      /** Signed augmented training points z [m, d + 1] row-major. */
      z: Float64Array;
      m: number;
      w: Float64Array;
      direction: Float64Array;
      margin: number;
      support: number[];
    }
  | {
      kind: 'min-norm';
      solution: Float64Array;
      norm: number;
      trainLoss: number;
      testLoss: number | null;
    };

/** One run's recorded points: steps [T] and θ at each ([P] each). */
export interface RecordedRun {
  name: string;
  steps: readonly number[];
  thetas: readonly ArrayLike<number>[];
}

/**
 * The SVM direction or A⁺b of the experiment's training data. Throws a `ConfigError` naming
 * `implicitBias` when the data are not linearly separable or the problem does not apply.
 */
export function implicitBiasTarget(experiment: Experiment): ImplicitBiasTarget {
  const { problem, dataset, config } = experiment;
  const fail = (message: string): never => {
    throw new ConfigError([`implicitBias: ${message}`]);
  };
  if (!dataset) return fail('needs a data set');
  const classes = classCount(dataset);
  if (problem.name === 'logistic' && classes > 2)
    return fail(
      `is for binary classification (the hard-margin SVM direction of two classes); this data set has ${classes} classes`,
    );
  if (problem.name === 'logistic') {
    const d = dataset.inputDim;
    const m = dataset.yTrain.length;
    const z = signedAugmented(dataset.xTrain, dataset.yTrain, d);
    try {
      const svm = hardMarginSvm(z, m, d + 1);
      return { kind: 'max-margin', z, m, ...svm };
    } catch (error) {
      if (!(error instanceof NotSeparableError)) throw error;
      const hint =
        config.data.kind === 'linear'
          ? ''
          : ` ('${config.data.kind}' data rarely are: use data.kind 'linear', which keeps a margin)`;
      return fail(`${error.message}${hint}`);
    }
  }
  if (problem.name === 'linear-regression') {
    const p = dataset.inputDim;
    const m = dataset.yTrain.length;
    if (p <= m) fail(`needs more features than training points, this design has ${p} and ${m}`);
    const { solution } = minNormSolution(dataset.xTrain, m, p, dataset.yTrain);
    const mTest = dataset.yTest.length;
    return {
      kind: 'min-norm',
      solution,
      norm: euclideanNorm(solution),
      trainLoss: meanSquaredError(dataset.xTrain, dataset.yTrain, solution),
      testLoss: mTest > 0 ? meanSquaredError(dataset.xTest, dataset.yTest, solution) : null,
    };
  }
  return fail(`needs problem 'logistic' or 'linear-regression', not '${problem.name}'`);
}

/** ‖v‖₂ (a loop: θ may be too long to spread into Math.hypot). */
function euclideanNorm(v: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
  return Math.sqrt(s);
}

/** Mean of (aᵢ·θ − yᵢ)² over rows aᵢ of x [m, P] (the problem's 'mse' loss). */
function meanSquaredError(x: Float32Array, y: Float32Array, theta: ArrayLike<number>): number {
  const m = y.length;
  const p = theta.length;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += x[i * p + k]! * theta[k]!;
    sum += (s - y[i]!) ** 2;
  }
  return sum / m;
}

/** The per-point series of every run against `target` (see the file comment). */
export function implicitBiasSeries(
  target: ImplicitBiasTarget,
  runs: readonly RecordedRun[],
): ImplicitBiasResult {
  if (target.kind === 'max-margin') {
    return {
      kind: 'max-margin',
      svm: {
        theta: Array.from(target.w),
        direction: Array.from(target.direction),
        margin: target.margin,
        support: target.support,
      },
      runs: runs.map((run) => ({
        name: run.name,
        steps: [...run.steps],
        angle: run.thetas.map((theta) => angleBetween(theta, target.direction)),
        margin: run.thetas.map((theta) => normalisedMargin(target.z, target.m, theta)),
        norm: run.thetas.map((theta) => euclideanNorm(theta)),
      })),
    };
  }
  const { solution, norm } = target;
  return {
    kind: 'min-norm',
    minNorm: {
      theta: Array.from(solution),
      norm,
      trainLoss: target.trainLoss,
      testLoss: target.testLoss,
    },
    runs: runs.map((run) => {
      const distance = run.thetas.map((theta) => {
        let s = 0;
        for (let k = 0; k < solution.length; k++) s += (theta[k]! - solution[k]!) ** 2;
        return Math.sqrt(s);
      });
      return {
        name: run.name,
        steps: [...run.steps],
        distance,
        relativeDistance: distance.map((e) => e / norm),
        norm: run.thetas.map((theta) => euclideanNorm(theta)),
      };
    }),
  };
}

/** Both steps at once for a finished experiment (tests, scripts). */
export function experimentImplicitBias(
  experiment: Experiment,
  runs: readonly RecordedRun[],
): ImplicitBiasResult {
  return implicitBiasSeries(implicitBiasTarget(experiment), runs);
}
