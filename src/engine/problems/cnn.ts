import { classCount, type Dataset } from '../data/datasets';
import type { Rng } from '../math/random';
import { tf, type Tensor, type Tensor2D, type Tensor3D, type Tensor4D } from '../tf';
import { activate, type ActivationName } from './activations';
import { CNN_KERNEL, cnnFloatsPerRow, cnnLayout } from './cnn-layout';
import {
  accuracyFromClassLogits,
  accuracyFromLogits,
  DataTensors,
  lossFromOutputs,
  softmaxCrossEntropy,
} from './data-problem';
import { entrySize, type ParameterLayout } from './layout';
import type { Problem, Split } from './problem';

/**
 * How the second convolution, whose kernel differs per θ row, is batched over K rows:
 * - 'im2col': the 9 shifted copies of the padded feature maps stacked into patches
 *   [K, m·(s/2)², 9·c₁] and one batched matMul with the K kernels [K, 9·c₁, c₂];
 * - 'depthwise': one depthwise conv2d over the K·c₁ channels with channel multiplier c₂, then a
 *   sum over each row's c₁ input channels (about 5× faster on wasm: README, CNN).
 * 'depthwise' falls back to 'im2col' where it cannot be differentiated: for Hessian-vector
 * products (tfjs's depthwise backprop ops have no gradients) and under tf.grad on a backend
 * without the depthwise backprop kernels (wasm).
 */
export type CnnSecondLayer = 'im2col' | 'depthwise';

/** A small LeNet-like CNN on square single-channel images. */
export interface CnnSpec {
  /** Output channels [c₁, c₂] of the two 3×3 convolutions. */
  channels: readonly [number, number];
  activation: ActivationName;
  /** How conv 2 is batched over K rows (default 'depthwise', the faster: see README). */
  secondLayer?: CnnSecondLayer;
}

/**
 * The zero-padded 3×3 patches of side×side images x [m, s²] (row-major pixels): [m·s², 9], row
 * (i, r, c) holding x_i at (r + dy − 1, c + dx − 1) in column 3·dy + dx (0 outside the image).
 * Rows are ordered as NHWC positions, columns as the kernel's (kh, kw) axes.
 */
export function imagePatches(x: Tensor2D, side: number): Tensor2D {
  return tf.tidy(() => {
    const m = x.shape[0];
    const padded = tf.pad(tf.reshape(x, [m, side, side]), [
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    const shifts: Tensor[] = [];
    for (let dy = 0; dy < CNN_KERNEL; dy++)
      for (let dx = 0; dx < CNN_KERNEL; dx++)
        shifts.push(tf.slice(padded, [0, dy, dx], [m, side, side]));
    return tf.reshape(tf.stack(shifts, 3), [m * side * side, CNN_KERNEL * CNN_KERNEL]) as Tensor2D;
  });
}

/**
 * 2×2 average pooling (stride 2) of feature maps [n, h, w, c] → [n, h/2, w/2, c], as reshapes and
 * means (LeNet's subsampling; differentiable twice, unlike tfjs's AvgPool whose gradient op has no
 * gradient).
 */
export function averagePool2(x: Tensor, n: number, h: number, w: number, c: number): Tensor4D {
  const columns = tf.mean(tf.reshape(x, [n * h * (w / 2), 2, c]), 1);
  const rows = tf.mean(tf.reshape(columns, [n * (h / 2), 2, (w / 2) * c]), 1);
  return tf.reshape(rows, [n, h / 2, w / 2, c]) as Tensor4D;
}

/**
 * Whether conv 2 may run as a depthwise conv2d now: not for second derivatives (its backprop ops
 * have no gradients), and while tf.grad records only on backends with its backprop kernels.
 */
function depthwiseDifferentiable(twice: boolean): boolean {
  if (twice) return false;
  if (tf.engine().state.gradientDepth === 0) return true;
  const backend = tf.getBackend();
  return (
    tf.getKernel('DepthwiseConv2dNativeBackpropFilter', backend) !== undefined &&
    tf.getKernel('DepthwiseConv2dNativeBackpropInput', backend) !== undefined
  );
}

/**
 * A LeNet-like convolutional network on s×s images (s = 8 for the digits), batched over K θ rows:
 *   conv 3×3 same 1 → c₁, activation, 2×2 average pooling → (s/2)²·c₁,
 *   conv 3×3 same c₁ → c₂, activation, 2×2 average pooling → (s/4)²·c₂,
 *   dense → C logits (softmax cross-entropy), or 1 logit (binary cross-entropy) for 2 classes.
 * Layout: `cnnLayout` (kernels [kh, kw, cin, cout], filter normalisation per output channel).
 *
 * Batching over K rows: conv 1's input is shared, so it is one matMul of the precomputed image
 * patches [m·s², 9] with the K kernels side by side [9, K·c₁] (K·c₁ output channels); conv 2
 * differs per row (`CnnSecondLayer`); the dense head is a batched matMul [K, m, ·]·[K, ·, C].
 * Outputs are [K, m·C] (example i's logits at i·C … i·C + C − 1), or [K, m] with one logit.
 */
export class CnnProblem implements Problem {
  readonly name = 'cnn';
  readonly layout: ParameterLayout;
  readonly task = 'classification' as const;
  readonly classes: number;
  readonly size: Readonly<Record<Split, number>>;
  readonly data: DataTensors;
  /** Image side s. */
  readonly side: number;
  /** Logits per example: C, or 1 for two classes. */
  readonly outputsPerExample: number;
  /**
   * Device floats per θ row of a batched evaluation (landscape chunk sizing): conv 1's
   * pre-activation, activation and pooled maps, conv 2's patches (or depthwise products) and maps,
   * per example of the larger split.
   */
  readonly floatsPerRow: number;
  private readonly patches: Record<Split, Tensor2D>;
  private readonly secondLayer: CnnSecondLayer;

  constructor(
    readonly spec: CnnSpec,
    dataset: Dataset,
  ) {
    const side = Math.round(Math.sqrt(dataset.inputDim));
    if (side * side !== dataset.inputDim || side % 4 !== 0)
      throw new RangeError(
        `problem 'cnn' needs square images whose side is a multiple of 4 (the 8×8 'digits'); this data has ${dataset.inputDim} inputs`,
      );
    const classes = classCount(dataset);
    if (classes < 2)
      throw new RangeError("problem 'cnn' needs classification data (the 8×8 'digits')");
    const [c1, c2] = spec.channels;
    for (const c of spec.channels)
      if (!Number.isInteger(c) || c < 1)
        throw new RangeError(`CNN channels must be whole numbers ≥ 1, got [${c1}, ${c2}]`);
    this.side = side;
    this.classes = classes;
    this.outputsPerExample = classes > 2 ? classes : 1;
    this.secondLayer = spec.secondLayer ?? 'depthwise';
    const shape = { side, channels: spec.channels, outputs: this.outputsPerExample };
    this.layout = cnnLayout(shape);
    this.data = new DataTensors(dataset);
    this.size = this.data.size;
    this.patches = {
      train: imagePatches(this.data.x.train, side),
      test: imagePatches(this.data.x.test, side),
    };
    const m = Math.max(this.size.train, this.size.test);
    this.floatsPerRow = cnnFloatsPerRow(shape, m, this.secondLayer);
  }

  outputs(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return this.forward(theta, this.patches[split], twice);
  }

  /** Logits [K, n·C] (or [K, n]) of the K networks at images x [n, s²]. */
  predict(theta: Tensor2D, x: Tensor2D): Tensor2D {
    return tf.tidy(() => this.forward(theta, imagePatches(x, this.side), false));
  }

  perExampleLoss(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return tf.tidy(() => {
      const z = this.outputs(theta, split, twice);
      if (this.outputsPerExample > 1)
        return softmaxCrossEntropy(z, this.data.oneHot![split], this.classes, twice);
      return lossFromOutputs('bce', z, this.data.y[split]);
    });
  }

  accuracy(theta: Tensor2D, split: Split) {
    return tf.tidy(() => {
      const z = this.outputs(theta, split);
      if (this.outputsPerExample > 1)
        return accuracyFromClassLogits(z, this.data.y[split], this.classes);
      return accuracyFromLogits(z, this.data.y[split]);
    });
  }

  /** The K rows' slice of entry `index` reshaped to [K, …shape]. */
  private entry(theta: Tensor2D, index: number, shape: number[]): Tensor {
    const e = this.layout.entries[index]!;
    const k = theta.shape[0];
    return tf.reshape(tf.slice(theta, [0, e.offset], [k, entrySize(e)]), [k, ...shape]);
  }

  /** The network's logits [K, m·outputs] from the patches [m·s², 9] of m images. */
  private forward(theta: Tensor2D, patches: Tensor2D, twice: boolean): Tensor2D {
    return tf.tidy(() => {
      const k = theta.shape[0];
      const [c1, c2] = this.spec.channels;
      const s = this.side;
      const m = patches.shape[0] / (s * s);
      const taps = CNN_KERNEL * CNN_KERNEL;
      const act = (x: Tensor) => activate(this.spec.activation, x, twice);

      // Conv 1: the K kernels side by side, [9, K·c₁] (column k·c₁ + j: row k's channel j).
      const kernels1 = tf.reshape(tf.transpose(this.entry(theta, 0, [taps, c1]), [1, 0, 2]), [
        taps,
        k * c1,
      ]);
      const bias1 = tf.reshape(this.entry(theta, 1, [c1]), [1, k * c1]);
      const maps1 = act(tf.add(tf.matMul(patches, kernels1), bias1));
      const s2 = s / 2;
      const pooled1 = averagePool2(maps1, m, s, s, k * c1); // [m, s/2, s/2, K·c₁]

      // Conv 2, per row: [K, m·(s/2)², c₂].
      const bias2 = tf.reshape(this.entry(theta, 3, [c2]), [k, 1, c2]);
      const pre2 =
        this.secondLayer === 'depthwise' && depthwiseDifferentiable(twice)
          ? this.conv2Depthwise(theta, pooled1, k, m, s2)
          : this.conv2Im2col(theta, pooled1, k, m, s2);
      const maps2 = act(tf.add(pre2, bias2));
      const s4 = s2 / 2;
      const pooled2 = averagePool2(maps2, k * m, s2, s2, c2); // [K·m, s/4, s/4, c₂]

      // Dense head: [K, m, (s/4)²·c₂] · [K, (s/4)²·c₂, outputs].
      const features = s4 * s4 * c2;
      const out = this.outputsPerExample;
      const w3 = this.entry(theta, 4, [features, out]) as Tensor3D;
      const b3 = this.entry(theta, 5, [1, out]);
      const z = tf.add(tf.matMul(tf.reshape(pooled2, [k, m, features]) as Tensor3D, w3), b3);
      return tf.reshape(z, [k, m * out]) as Tensor2D;
    });
  }

  /** Conv 2 as 9 shifted slices stacked into patches and one batched matMul. */
  private conv2Im2col(theta: Tensor2D, maps: Tensor4D, k: number, m: number, s2: number): Tensor {
    const [c1, c2] = this.spec.channels;
    const padded = tf.pad(maps, [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    const shifts: Tensor[] = [];
    for (let dy = 0; dy < CNN_KERNEL; dy++)
      for (let dx = 0; dx < CNN_KERNEL; dx++)
        shifts.push(
          tf.reshape(tf.slice(padded, [0, dy, dx, 0], [m, s2, s2, k * c1]), [m * s2 * s2, k, c1]),
        );
    const taps = CNN_KERNEL * CNN_KERNEL;
    // [m·s2², K, 9, c₁] → [K, m·s2², 9·c₁], columns in the kernel's (kh, kw, cin) order.
    const cols = tf.reshape(tf.transpose(tf.stack(shifts, 2), [1, 0, 2, 3]), [
      k,
      m * s2 * s2,
      taps * c1,
    ]) as Tensor3D;
    return tf.matMul(cols, this.entry(theta, 2, [taps * c1, c2]) as Tensor3D);
  }

  /** Conv 2 as one depthwise conv2d (channel multiplier c₂) and a sum over each row's c₁ inputs. */
  private conv2Depthwise(
    theta: Tensor2D,
    maps: Tensor4D,
    k: number,
    m: number,
    s2: number,
  ): Tensor {
    const [c1, c2] = this.spec.channels;
    const filter = tf.reshape(
      tf.transpose(this.entry(theta, 2, [CNN_KERNEL * CNN_KERNEL, c1, c2]), [1, 0, 2, 3]),
      [CNN_KERNEL, CNN_KERNEL, k * c1, c2],
    ) as Tensor4D;
    const products = tf.depthwiseConv2d(maps, filter, 1, 'same'); // [m, s2, s2, K·c₁·c₂]
    const summed = tf.sum(tf.reshape(products, [m * s2 * s2, k, c1, c2]), 2);
    return tf.transpose(summed, [1, 0, 2]);
  }

  /**
   * torch's default initialisation of Conv2d and Linear: every weight and bias of a layer with
   * fan-in n (cin·kh·kw for a convolution) drawn from U(−1/√n, 1/√n).
   */
  init(rng: Rng): Float32Array {
    const theta = new Float32Array(this.layout.size);
    const entries = this.layout.entries;
    for (let layer = 0; layer < 3; layer++) {
      const weight = entries[2 * layer]!;
      const fanIn = entrySize(weight) / weight.shape[weight.unitAxis!]!;
      const bound = 1 / Math.sqrt(fanIn);
      for (const entry of [weight, entries[2 * layer + 1]!]) {
        const n = entrySize(entry);
        for (let i = 0; i < n; i++) theta[entry.offset + i] = rng.uniformIn(-bound, bound);
      }
    }
    return theta;
  }

  dispose(): void {
    tf.dispose([this.patches.train, this.patches.test]);
    this.data.dispose();
  }
}
