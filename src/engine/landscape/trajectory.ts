import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { planeEvaluator } from './evaluators';
import type { Plane } from './plane';
import { projectOntoPlane, type PlaneCoordinates } from './projection';

/** A trajectory on a plane, with what the plane hides. */
export interface ProjectedTrajectory extends PlaneCoordinates {
  /** L(θ_t): the loss the optimiser actually saw [T]. */
  trueLoss: Float32Array;
  /** L(c + a_t d₁ + b_t d₂): the loss of the surface under the projected point [T]. */
  planeLoss: Float32Array;
}

/**
 * Projects recorded parameter vectors (row-major [T, P]) onto a plane and evaluates both the
 * true loss and the plane's loss at the projected point, each as one batched program.
 */
export async function projectTrajectory(
  problem: Problem,
  plane: Plane,
  points: Float32Array,
  metric: 'trainLoss' | 'testLoss' = 'trainLoss',
): Promise<ProjectedTrajectory> {
  const p = problem.layout.size;
  const t = points.length / p;
  const coordinates = projectOntoPlane(points, plane);
  const split = metric === 'trainLoss' ? 'train' : 'test';
  const evaluator = planeEvaluator(problem, plane);
  try {
    const [trueLoss, planeLoss] = tf.tidy(() => [
      meanLoss(problem, tf.tensor2d(points, [t, p]) as Tensor2D, split),
      evaluator.evaluate(tf.tensor1d(coordinates.a), tf.tensor1d(coordinates.b), [metric])[0]!,
    ]);
    try {
      const [tl, pl] = await Promise.all([trueLoss!.data(), planeLoss!.data()]);
      return {
        ...coordinates,
        trueLoss: Float32Array.from(tl as Float32Array),
        planeLoss: Float32Array.from(pl as Float32Array),
      };
    } finally {
      tf.dispose([trueLoss!, planeLoss!]);
    }
  } finally {
    evaluator.dispose();
  }
}
