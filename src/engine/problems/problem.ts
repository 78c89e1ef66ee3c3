import type { Rng } from '../math/random';
import { tf, type Tensor1D, type Tensor2D } from '../tf';
import type { HostSnapshot } from './host-snapshot';
import type { ParameterLayout } from './layout';

/** Which part of the data a loss is evaluated on. */
export type Split = 'train' | 'test';

/**
 * A trainable problem: a loss that is a function of one flat parameter vector θ ∈ R^P, evaluated
 * for K parameter vectors at once (θ as a [K, P] tensor), so that K runs, or the K points of a
 * landscape grid, are one tensor program.
 *
 * The training loss of row k with example weights w (one row of a [K, m] tensor, e.g. 1/B on the
 * examples of a mini-batch of size B, 0 elsewhere) is L_k = Σᵢ w_ki ℓᵢ(θ_k); with uniform
 * weights 1/m it is the mean loss L(θ) = (1/m) Σᵢ ℓᵢ(θ).
 */
export interface Problem {
  /** Short identifier, e.g. "mlp", "rosenbrock". */
  readonly name: string;
  /** Where each tensor lives in θ. */
  readonly layout: ParameterLayout;
  /** 'surface' problems are analytic functions of θ ∈ R² with no data. */
  readonly task: 'classification' | 'regression' | 'surface';
  /**
   * Classification only: the number of classes C. 2 means one logit per example (label 1 ⇔
   * logit > 0); C ≥ 3 means C logits per example (softmax, predicted class = argmax). Absent: 2.
   */
  readonly classes?: number;
  /** Number of examples in each split (a surface has one "example" and no test set). */
  readonly size: Readonly<Record<Split, number>>;
  /**
   * Per-example losses ℓ, shape [K, m_split], for θ of shape [K, P].
   * @param twice use ops that can be differentiated twice (for Hessian-vector products)
   */
  perExampleLoss(theta: Tensor2D, split: Split, twice?: boolean): Tensor2D;
  /**
   * Model outputs [K, m_split]: logits for classification, predictions for regression, the
   * function value for surfaces. With C ≥ 3 classes, [K, m_split·C]: example i's C logits at
   * i·C … i·C + C − 1.
   */
  outputs(theta: Tensor2D, split: Split): Tensor2D;
  /**
   * Model outputs [K, n] at arbitrary inputs x [n, d] (logits for classification; [K, n·C] with
   * C ≥ 3 classes, as `outputs`): decision boundaries and fitted curves. Absent for problems
   * without an input space.
   */
  predict?(theta: Tensor2D, x: Tensor2D): Tensor2D;
  /**
   * Classification accuracy per row [K]: the fraction of examples whose logit has the sign of
   * the label (label 1 ⇔ logit > 0), or with C ≥ 3 classes whose largest logit is the label's.
   * Only for classification problems.
   */
  accuracy?(theta: Tensor2D, split: Split): Tensor1D;
  /**
   * Optional: the value and gradient of the weighted training loss computed on the host, without a
   * tensor program (e.g. `MlpBackprop`). The trainer uses it on the CPU backends (wasm, cpu), where
   * kernel launches cost more than the arithmetic of small networks.
   */
  readonly hostGradient?: HostGradient;
  /**
   * Optional: a training snapshot's metrics on the host (e.g. `MlpHostSnapshot`); the trainer
   * uses it when its steps run on the host (`hostGradient`).
   */
  readonly hostSnapshot?: HostSnapshot;
  /**
   * Optional: device floats held per θ row while a [K, P] batch is evaluated, for problems whose
   * intermediates are not sized like an MLP's (e.g. a CNN's feature maps); landscape chunks use it.
   */
  readonly floatsPerRow?: number;
  /** A fresh initial θ₀ [P] drawn from `rng` (surfaces return their default start point). */
  init(rng: Rng): Float32Array;
  /** Frees the data tensors the problem holds. */
  dispose(): void;
}

/** Value and gradient of L_k = Σᵢ w_ki ℓᵢ(θ_k) for K rows, on the host. */
export interface HostGradient {
  /**
   * @param theta [K, P] row-major
   * @param weights example weights [K, m_train] row-major, or null for the mean (wᵢ = 1/m)
   * @param lossOut receives L_k [K]
   * @param gradOut receives ∂L_k/∂θ_k [K, P]
   */
  valueAndGrad(
    theta: Float32Array,
    k: number,
    weights: Float32Array | null,
    lossOut: Float32Array,
    gradOut: Float32Array,
  ): void;
  /**
   * Optional: Hessian-vector products H_k v_k of the same loss for K rows.
   * @param theta [K, P]; @param v [K, P]
   * @param weights [K, m_train], or [m_train] shared by the rows, or null for the mean
   * @param out receives H_k v_k [K, P]
   */
  hessianVectorProducts?(
    theta: Float32Array,
    v: Float32Array,
    k: number,
    weights: Float32Array | null,
    out: Float32Array,
  ): void;
}

/** The backends on which host computations beat tensor programs for small networks. */
const CPU_BACKENDS: ReadonlySet<string> = new Set(['wasm', 'cpu']);

/**
 * Whether the current tfjs backend is a CPU one (wasm, cpu): there a tensor program of small
 * networks costs more in kernel launches than in arithmetic, and host loops (`HostGradient`) win.
 */
export function onCpuBackend(): boolean {
  return CPU_BACKENDS.has(tf.getBackend());
}

/** Mean loss per row: L_k = (1/m) Σᵢ ℓ_ki, shape [K]. */
export function meanLoss(problem: Problem, theta: Tensor2D, split: Split, twice = false): Tensor1D {
  return tf.mean(problem.perExampleLoss(theta, split, twice), 1) as Tensor1D;
}

/** Weighted loss per row: L_k = Σᵢ w_ki ℓ_ki for weights w [K, m_train], shape [K]. */
export function weightedLoss(problem: Problem, theta: Tensor2D, weights: Tensor2D): Tensor1D {
  return tf.sum(tf.mul(problem.perExampleLoss(theta, 'train'), weights), 1) as Tensor1D;
}
