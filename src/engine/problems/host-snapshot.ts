import type { Dataset } from '../data/datasets';
import { MlpBackprop } from './mlp-backprop';

/** A training snapshot's full-batch metrics of K rows, evaluated on the host. */
export interface HostSnapshotMetrics {
  /** Mean training loss L(θ_k) [K]. */
  trainLoss: Float32Array;
  /** Mean test loss [K] (NaN when the test split is empty). */
  testLoss: Float32Array;
  /** ‖∇L(θ_k)‖ of the full-batch training loss [K]. */
  gradNorm: Float32Array;
  /** Training and test accuracy [K] (test NaN when the test split is empty). */
  trainAccuracy: Float32Array;
  testAccuracy: Float32Array;
}

/**
 * What the trainer's snapshots report (`snapshotAt` in `trainer.ts`: mean losses of both splits,
 * the gradient norm of the mean training loss, the accuracies), computed on host arrays with no
 * tensor program. A problem offers it (`Problem.hostSnapshot`) when it can; the trainer uses it
 * where its steps already run on the host (the CPU backends), so that θ is never uploaded.
 */
export interface HostSnapshot {
  /**
   * @param theta [K, P] row-major
   * @param backend the tfjs backend whose Mean kernel's rounding the accuracies follow (so that
   *   they equal the tensor program's bit for bit): 'cpu' multiplies every term by float32(1/m)
   *   and sums; the others (wasm) divide the sum by m
   */
  evaluate(theta: Float32Array, k: number, backend: string): HostSnapshotMetrics;
}

/** count/m rounded as `backend`'s Mean kernel rounds a mean of m zeros and ones. */
export function meanOfCount(count: number, m: number, backend: string): number {
  return Math.fround(backend === 'cpu' ? count * Math.fround(1 / m) : count / m);
}

/**
 * An MLP's snapshot metrics with the hand-derived passes of `MlpBackprop`: the training split
 * through the trainer's own `MlpBackprop` (forward and backward: loss, ‖∇L‖ and the outputs'
 * classes), the test split through a second one on the test data (forward only), built on first
 * use.
 *
 * How close to the tensor program (`snapshotAt`): the losses are float64 sums of float32 outputs
 * z (the tensor program sums float32 losses); z differs by the float32 rounding of products of
 * ≤ fanIn + 1 terms and by the tanh approximations (Eigen's rational form here, |error| < 3e-7,
 * 2σ(2x) − 1 in tfjs), ~1e-6 relative; |∂ℓ/∂z| ≤ 1 for the cross-entropies, so losses agree to
 * ~2e-6 relative (the tests pin it). Accuracies count [z > 0] = y or argmax = y exactly as the
 * tensor program does and round the mean as the backend does: identical unless an output lies
 * within that ~1e-6 of a decision boundary.
 */
export class MlpHostSnapshot implements HostSnapshot {
  private test: MlpBackprop | null = null;

  constructor(
    private readonly train: MlpBackprop,
    private readonly dataset: Dataset,
  ) {}

  evaluate(theta: Float32Array, k: number, backend: string): HostSnapshotMetrics {
    const mTrain = this.dataset.yTrain.length;
    const mTest = this.dataset.yTest.length;
    const out: HostSnapshotMetrics = {
      trainLoss: new Float32Array(k),
      testLoss: new Float32Array(k).fill(Number.NaN),
      gradNorm: new Float32Array(k),
      trainAccuracy: new Float32Array(k),
      testAccuracy: new Float32Array(k).fill(Number.NaN),
    };
    const correct = new Float64Array(k);
    this.train.evaluate(theta, k, out.trainLoss, out.gradNorm, correct);
    for (let r = 0; r < k; r++) out.trainAccuracy[r] = meanOfCount(correct[r]!, mTrain, backend);
    if (mTest > 0) {
      this.test ??= new MlpBackprop(
        this.train.widths,
        this.train.activation,
        this.train.loss,
        this.dataset.xTest,
        this.dataset.yTest,
      );
      this.test.evaluate(theta, k, out.testLoss, null, correct);
      for (let r = 0; r < k; r++) out.testAccuracy[r] = meanOfCount(correct[r]!, mTest, backend);
    }
    return out;
  }
}
