/**
 * Metrics along a path (the straight segment or a curve) and the plane through w₀, w₁, w₂ in which a
 * curve with one bend lies (Garipov et al. 2018, Fig. 1).
 */
import { DegeneratePlane, planeThroughPoints, type Plane } from '../landscape/plane';
import { projectOntoPlane, type PlaneCoordinates } from '../landscape/projection';
import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';

/** Metrics at the T points of a path, [T] each (null where the problem has no such metric). */
export interface PathMetrics {
  trainLoss: Float32Array;
  /** Null for problems without a test split (an analytic surface, an empty test set). */
  testLoss: Float32Array | null;
  trainAccuracy: Float32Array | null;
  testAccuracy: Float32Array | null;
}

/** Evaluates the metrics at the rows of `points` (row-major [T, P]) as one batched program. */
export async function evaluatePath(problem: Problem, points: Float32Array): Promise<PathMetrics> {
  const p = problem.layout.size;
  const t = points.length / p;
  if (!Number.isInteger(t) || t < 1)
    throw new RangeError(`evaluatePath: ${points.length} numbers are not whole rows of P = ${p}`);
  const hasTest = problem.task !== 'surface' && problem.size.test > 0;
  const accuracy = problem.accuracy?.bind(problem);
  const tensors = tf.tidy(() => {
    const theta = tf.tensor2d(points, [t, p]) as Tensor2D;
    const out: tf.Tensor[] = [meanLoss(problem, theta, 'train')];
    out.push(hasTest ? meanLoss(problem, theta, 'test') : tf.zeros([0]));
    out.push(accuracy ? accuracy(theta, 'train') : tf.zeros([0]));
    out.push(accuracy && hasTest ? accuracy(theta, 'test') : tf.zeros([0]));
    return out;
  });
  try {
    const data = await Promise.all(tensors.map((x) => x.data()));
    const copy = (i: number) =>
      data[i]!.length === 0 ? null : Float32Array.from(data[i] as Float32Array);
    return {
      trainLoss: copy(0)!,
      testLoss: copy(1),
      trainAccuracy: copy(2),
      testAccuracy: copy(3),
    };
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * The plane through w₀, w₂ and w₁ (`planeThroughPoints(w₀, w₂, w₁)`): centre w₀, d₁ along the
 * segment w₀ → w₂ (so the segment is the a-axis from 0 to ‖w₂ − w₀‖), d₂ towards the bend. Every
 * point c₀w₀ + c₁w₁ + c₂w₂ with c₀ + c₁ + c₂ = 1 lies in it, so the whole curve does. Null while the
 * bend is on the segment's line (at the midpoint, before training): then there is no plane.
 */
export function curvePlane(w0: Float32Array, w1: Float32Array, w2: Float32Array): Plane | null {
  try {
    return planeThroughPoints(w0, w2, w1);
  } catch (error) {
    if (error instanceof DegeneratePlane && error.kind === 'collinear') return null;
    throw error;
  }
}

/** Coordinates of a path's points (row-major [T, P]) in the plane, with their off-plane distances. */
export function pathInPlane(points: Float32Array, plane: Plane): PlaneCoordinates {
  return projectOntoPlane(points, plane);
}
