import { MlpProblem } from '../problems/mlp';
import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor1D, type Tensor2D } from '../tf';
import { METRIC_SPLIT, type LandscapeMetric, type PlaneEvaluator } from './metrics';
import { MlpPlaneEvaluator } from './mlp-plane';
import type { Plane } from './plane';

/** Device floats held per θ row while the metrics of a [G, P] batch are evaluated (chunk sizing). */
export function floatsPerRow(problem: Problem): number {
  if (problem.floatsPerRow !== undefined) return problem.floatsPerRow;
  const widest = problem instanceof MlpProblem ? Math.max(...problem.widths) : 8;
  const m = Math.max(problem.size.train, problem.size.test);
  return 4 * problem.layout.size + 6 * m * widest;
}

/**
 * The metrics of G parameter vectors θ [G, P] as one program each: the mean loss of the metric's
 * split, or the classification accuracy. One [G] tensor per metric, in the order asked. Call inside
 * `tf.tidy`.
 */
export function evaluateMetrics(
  problem: Problem,
  theta: Tensor2D,
  metrics: readonly LandscapeMetric[],
): Tensor1D[] {
  return metrics.map((metric) => {
    const split = METRIC_SPLIT[metric];
    if (metric === 'trainLoss' || metric === 'testLoss') return meanLoss(problem, theta, split);
    if (!problem.accuracy)
      throw new Error(`${metric} needs a classification problem, not '${problem.name}'`);
    return problem.accuracy(theta, split);
  });
}

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
    this.floatsPerPoint = floatsPerRow(problem);
  }

  evaluate(a: Tensor1D, b: Tensor1D, metrics: readonly LandscapeMetric[]): Tensor1D[] {
    const g = a.shape[0];
    const theta = tf.add(
      this.centre,
      tf.add(tf.mul(tf.reshape(a, [g, 1]), this.d1), tf.mul(tf.reshape(b, [g, 1]), this.d2)),
    ) as Tensor2D;
    return evaluateMetrics(this.problem, theta, metrics);
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
