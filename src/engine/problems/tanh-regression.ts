import type { Dataset } from '../data/datasets';
import type { Rng } from '../math/random';
import { tf, type Tensor2D, type Tensor3D } from '../tf';
import { tanhFast, tanhTwice } from './activations';
import { DataTensors, lossFromOutputs } from './data-problem';
import { makeLayout, type ParameterLayout } from './layout';
import type { Problem, Split } from './problem';

/**
 * Layout of the 1-D tanh model with d units: θ = [w, b₁..b_d, α₁..α_d]:
 * the shared slope w [1], the centres b [d] (biases), the output weights α as a [d, 1] kernel.
 */
export function tanhRegressionLayout(units: number): ParameterLayout {
  return makeLayout([
    { name: 'w', shape: [1], kind: 'weight', unitAxis: 0 },
    { name: 'b', shape: [units], kind: 'bias' },
    { name: 'alpha', shape: [units, 1], kind: 'weight', unitAxis: 1 },
  ]);
}

/**
 * The simplified model of Zancato & Chiuso: h(x) = Σᵢ αᵢ tanh(w (x − bᵢ)), squared-error loss
 * ℓ = (h(x) − y)², batched over K parameter vectors.
 */
export class TanhRegressionProblem implements Problem {
  readonly name = 'tanh-regression';
  readonly task = 'regression' as const;
  readonly layout: ParameterLayout;
  readonly size: Readonly<Record<Split, number>>;
  private readonly data: DataTensors;

  constructor(
    readonly units: number,
    dataset: Dataset,
  ) {
    if (dataset.inputDim !== 1) {
      throw new Error(
        `tanh-regression needs 1-D inputs, the data has ${dataset.inputDim}-D inputs`,
      );
    }
    this.layout = tanhRegressionLayout(units);
    this.data = new DataTensors(dataset);
    this.size = this.data.size;
  }

  outputs(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return this.predict(theta, this.data.x[split], twice);
  }

  /** h(x) [K, n] of the K models at inputs x [n, 1] (the fitted curve). */
  predict(theta: Tensor2D, x: Tensor2D, twice = false): Tensor2D {
    return tf.tidy(() => {
      const k = theta.shape[0];
      const d = this.units;
      const m = x.shape[0];
      const w = tf.reshape(tf.slice(theta, [0, 0], [k, 1]), [k, 1, 1]);
      const b = tf.reshape(tf.slice(theta, [0, 1], [k, d]), [k, 1, d]);
      const alpha = tf.reshape(tf.slice(theta, [0, 1 + d], [k, d]), [k, d, 1]);
      const pre = tf.mul(w, tf.sub(tf.reshape(x, [1, m, 1]), b));
      const features = twice ? tanhTwice(pre) : tanhFast(pre);
      return tf.reshape(tf.matMul(features as Tensor3D, alpha as Tensor3D), [k, m]) as Tensor2D;
    });
  }

  perExampleLoss(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return tf.tidy(() =>
      lossFromOutputs('mse', this.outputs(theta, split, twice), this.data.y[split]),
    );
  }

  /** w = 1, centres bᵢ ~ U(−3, 3) (the data range), αᵢ ~ N(0, 1/d). */
  init(rng: Rng): Float32Array {
    const d = this.units;
    const theta = new Float32Array(1 + 2 * d);
    theta[0] = 1;
    for (let i = 0; i < d; i++) theta[1 + i] = rng.uniformIn(-3, 3);
    for (let i = 0; i < d; i++) theta[1 + d + i] = rng.normal() / Math.sqrt(d);
    return theta;
  }

  dispose(): void {
    this.data.dispose();
  }
}
