import { MlpProblem } from '../problems/mlp';
import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor1D, type Tensor2D } from '../tf';
import { METRIC_SPLIT, type LandscapeMetric, type PlaneEvaluator } from './metrics';
import { MlpPlaneEvaluator } from './mlp-plane';
import type { Plane } from './plane';

/**
 * The general evaluator: builds the G parameter vectors θ_g = c + a_g d₁ + b_g d₂ as a [G, P]
 * tensor and evaluates the problem on them as K = G runs. Works for every problem.
 */
export class GenericPlaneEvaluator implements PlaneEvaluator {
  readonly floatsPerPoint: number;
  private readonly centre: Tensor2D;
  private readonly d1: Tensor2D;
  private readonly d2: Tensor2D;

  constructor(
    private readonly problem: Problem,
    plane: Plane,
  ) {
    const p = problem.layout.size;
    this.centre = tf.tensor2d(plane.centre, [1, p]);
    this.d1 = tf.tensor2d(plane.d1, [1, p]);
    this.d2 = tf.tensor2d(plane.d2, [1, p]);
    const widest = problem instanceof MlpProblem ? Math.max(...problem.widths) : 8;
    const m = Math.max(problem.size.train, problem.size.test);
    this.floatsPerPoint = 4 * p + 6 * m * widest;
  }

  evaluate(a: Tensor1D, b: Tensor1D, metrics: readonly LandscapeMetric[]): Tensor1D[] {
    const g = a.shape[0];
    const theta = tf.add(
      this.centre,
      tf.add(tf.mul(tf.reshape(a, [g, 1]), this.d1), tf.mul(tf.reshape(b, [g, 1]), this.d2)),
    ) as Tensor2D;
    return metrics.map((metric) => {
      const split = METRIC_SPLIT[metric];
      if (metric === 'trainLoss' || metric === 'testLoss')
        return meanLoss(this.problem, theta, split);
      if (!this.problem.accuracy)
        throw new Error(`${metric} needs a classification problem, not '${this.problem.name}'`);
      return this.problem.accuracy(theta, split);
    });
  }

  dispose(): void {
    tf.dispose([this.centre, this.d1, this.d2]);
  }
}

/** The fastest evaluator for a problem: the affine-plane MLP program when it applies. */
export function planeEvaluator(problem: Problem, plane: Plane): PlaneEvaluator {
  if (problem instanceof MlpProblem) return new MlpPlaneEvaluator(problem, plane);
  return new GenericPlaneEvaluator(problem, plane);
}
