import type { Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import {
  ellipseAxes,
  gramOf,
  projectedNoiseCovariance,
  stepCovarianceInPlane,
  type EllipseAxes,
  type Symmetric2,
} from './covariance';
import { splitSquaredLossNoise } from './label-noise-split';
import { projectedPerExampleGradients } from './projected-gradients';

/** Label noise of a teacher data set (squared loss): what the split needs beyond the problem. */
export interface LabelNoise {
  /** Training labels yᵢ [m]. */
  labels: ArrayLike<number>;
  /** Noise-free targets h_θ*(xᵢ) [m] (`teacherTargets`). */
  cleanTargets: ArrayLike<number>;
  /** Label-noise standard deviation σ. */
  sigma: number;
}

/** One 2×2 covariance with its ellipse. */
export interface NoiseEllipse {
  /** Dᵀ C D (units of the loss gradient along d₁, d₂, squared). */
  gradient: Symmetric2;
  gradientAxes: EllipseAxes;
  /** η² M DᵀCD M, M = (DᵀD)⁻¹: covariance of one SGD step in plane coordinates (the marker's ellipse). */
  step: Symmetric2;
  stepAxes: EllipseAxes;
}

/** The gradient noise of a mini-batch optimiser at one θ, on the view plane. */
export interface PlaneNoise {
  /** The noise covariance as SCIENCE.md §7 defines it (i.i.d. draws from p). */
  total: NoiseEllipse;
  /** Squared loss with label noise, uniform sampling: the split (absent otherwise). */
  split?: { intrinsic: NoiseEllipse; exploration: NoiseEllipse; expectedTotal: NoiseEllipse };
  /** Number of examples m and batch size B used. */
  examples: number;
  batchSize: number;
}

export interface PlaneNoiseOptions {
  /** Mini-batch size B. */
  batchSize: number;
  /** Learning rate η (scales the step ellipse). */
  lr: number;
  /** Sampling probabilities pᵢ [m] (importance sampling); uniform when omitted. */
  probabilities?: ArrayLike<number>;
  /** Label noise for the split (squared-loss problems on teacher data, uniform sampling). */
  labelNoise?: LabelNoise;
}

/**
 * The mini-batch gradient-noise covariance at θ projected on the plane spanned by d₁, d₂
 * (`projectedNoiseCovariance`), its ellipse in gradient units and as the covariance of one SGD
 * step in plane coordinates, and for squared loss with noisy labels its split into the intrinsic
 * (label-noise) and exploration (misfit) terms (`splitSquaredLossNoise`).
 */
export function planeNoise(
  problem: Problem,
  theta: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
  options: PlaneNoiseOptions,
): PlaneNoise {
  const m = problem.size.train;
  const batchSize = Math.min(options.batchSize, Math.max(1, m));
  const gram = gramOf(d1, d2);
  const ellipse = (gradient: Symmetric2): NoiseEllipse => {
    const step = stepCovarianceInPlane(gradient, gram, options.lr);
    return { gradient, gradientAxes: ellipseAxes(gradient), step, stepAxes: ellipseAxes(step) };
  };
  const lossGradients = projectedPerExampleGradients(problem, theta, [d1, d2], 'loss');
  const result: PlaneNoise = {
    total: ellipse(projectedNoiseCovariance(lossGradients, batchSize, options.probabilities)),
    examples: m,
    batchSize,
  };
  const noise = options.labelNoise;
  if (noise && !options.probabilities) {
    if (problem.task !== 'regression')
      throw new Error(
        `the label-noise split needs squared loss; '${problem.name}' is not regression`,
      );
    const outputGradients = projectedPerExampleGradients(problem, theta, [d1, d2], 'output');
    const outputs = tf.tidy(() =>
      problem.outputs(tf.tensor2d(theta, [1, theta.length]) as Tensor2D, 'train'),
    );
    const h = outputs.dataSync();
    outputs.dispose();
    const split = splitSquaredLossNoise({
      outputs: h,
      labels: noise.labels,
      cleanTargets: noise.cleanTargets,
      sigma: noise.sigma,
      outputGradients,
      batchSize,
    });
    result.split = {
      intrinsic: ellipse(split.intrinsic),
      exploration: ellipse(split.exploration),
      expectedTotal: ellipse(split.expectedTotal),
    };
  }
  return result;
}
