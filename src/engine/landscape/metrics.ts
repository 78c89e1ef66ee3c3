import type { Split } from '../problems/problem';
import type { Tensor1D } from '../tf';

/** What a landscape can show at every grid point. */
export type LandscapeMetric = 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy';

export const METRIC_SPLIT: Readonly<Record<LandscapeMetric, Split>> = {
  trainLoss: 'train',
  testLoss: 'test',
  trainAccuracy: 'train',
  testAccuracy: 'test',
};

/**
 * Evaluates metrics at G points (a_g, b_g) of a plane, θ_g = c + a_g d₁ + b_g d₂, as one program.
 */
export interface PlaneEvaluator {
  /** Device floats held per grid point while a chunk is evaluated (for chunk sizing). */
  readonly floatsPerPoint: number;
  /** One [G] tensor per metric, in the order asked. Call inside `tf.tidy`. */
  evaluate(a: Tensor1D, b: Tensor1D, metrics: readonly LandscapeMetric[]): Tensor1D[];
  dispose(): void;
}
