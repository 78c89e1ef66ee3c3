import type { Dataset } from '../data/datasets';
import { tf, type Tensor2D } from '../tf';
import { DataTensors, lossFromOutputs } from './data-problem';
import { makeLayout, type ParameterLayout } from './layout';
import type { Problem, Split } from './problem';

/** Layout of least squares on d features: one [d, 1] kernel w (no bias). */
export function linearRegressionLayout(features: number): ParameterLayout {
  return makeLayout([{ name: 'w', shape: [features, 1], kind: 'weight', unitAxis: 1 }]);
}

/**
 * Least squares on a design A [m, P] (usually over-parameterised, P > m): prediction a·θ, loss
 * ℓ = (a·θ − y)². θ is one [P, 1] kernel. Started at θ₀ = 0, gradient descent converges to the
 * minimum-norm solution A⁺y (implicit bias, SCIENCE.md §8).
 */
export class LinearRegressionProblem implements Problem {
  readonly name = 'linear-regression';
  readonly task = 'regression' as const;
  readonly layout: ParameterLayout;
  readonly size: Readonly<Record<Split, number>>;
  private readonly data: DataTensors;

  constructor(dataset: Dataset) {
    this.layout = linearRegressionLayout(dataset.inputDim);
    this.data = new DataTensors(dataset);
    this.size = this.data.size;
  }

  outputs(theta: Tensor2D, split: Split): Tensor2D {
    // [K, P] × [m, P]ᵀ → [K, m]
    return tf.matMul(theta, this.data.x[split], false, true);
  }

  perExampleLoss(theta: Tensor2D, split: Split): Tensor2D {
    return tf.tidy(() => lossFromOutputs('mse', this.outputs(theta, split), this.data.y[split]));
  }

  /** θ₀ = 0, the start from which GD finds the minimum-norm solution. */
  init(): Float32Array {
    return new Float32Array(this.layout.size);
  }

  dispose(): void {
    this.data.dispose();
  }
}
