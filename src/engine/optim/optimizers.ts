import { tf, type Tensor2D } from '../tf';
import type { ScheduleSpec } from './schedules';
import type { SamplingSpec } from './importance';

/**
 * The optimisers, with torch.optim's update rules and defaults (SCIENCE.md §2). Their list lives in
 * the config (`OPTIMIZERS`, which the engine may not import); experiment/build.ts checks that the
 * two name the same set.
 */
export type OptimizerName =
  'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw' | 'nadam';

/** The fully resolved hyper-parameters of one run. */
export interface RunHyper {
  optimizer: OptimizerName;
  /** Base learning rate η (before the schedule). */
  lr: number;
  /** Momentum μ (momentum, Nesterov). */
  momentum: number;
  /** β₁, β₂ (Adam, AdamW, NAdam). */
  beta1: number;
  beta2: number;
  /** ε in the denominator (Adagrad, RMSProp, Adam, AdamW, NAdam). */
  eps: number;
  /** RMSProp's smoothing constant α. */
  alpha: number;
  /** Weight decay λ: L2 added to the gradient (g + λθ), decoupled for AdamW (θ ← θ(1 − ηλ)). */
  weightDecay: number;
  /** NAdam's momentum decay ψ. */
  momentumDecay: number;
  /** Mini-batch size B (≥ m means full batch). */
  batchSize: number;
  schedule: ScheduleSpec;
  /** SAM neighbourhood radius ρ; 0 = plain optimiser. */
  samRho: number;
  /** How mini-batches are drawn (absent = uniform, without replacement within an epoch). */
  sampling?: SamplingSpec;
}

/**
 * Every optimiser above is one instance of a single update with per-run coefficients, so that K
 * runs with different optimisers step as one tensor program. With g the mini-batch gradient and
 * state m, v initialised to 0:
 *   g' = g + l2·θ
 *   m  ← a1·m + b1·g'
 *   v  ← a2·v + b2·g'²
 *   θ  ← θ(1 − η·dec) − η (cg·g' + cm·m) / (√(dv·v) + e)
 *
 * | optimiser | a1 | b1 | a2 | b2 | cg | cm | dv | e | l2 | dec |
 * | SGD       | 0  | 0  | 0  | 0  | 1  | 0  | 0  | 1 | λ  | 0 |
 * | momentum  | μ  | 1  | 0  | 0  | 0  | 1  | 0  | 1 | λ  | 0 |
 * | Nesterov  | μ  | 1  | 0  | 0  | 1  | μ  | 0  | 1 | λ  | 0 |
 * | Adagrad   | 0  | 0  | 1  | 1  | 1  | 0  | 1  | ε | λ  | 0 |
 * | RMSProp   | 0  | 0  | α  | 1−α| 1  | 0  | 1  | ε | λ  | 0 |
 * | Adam      | β₁ | 1−β₁ | β₂ | 1−β₂ | 0 | 1/(1−β₁ᵗ) | 1/(1−β₂ᵗ) | ε | λ | 0 |
 * | AdamW     | as Adam, l2 = 0, dec = λ |
 * | NAdam     | β₁ | 1−β₁ | β₂ | 1−β₂ | (1−μ_t)/(1−Πμ) | μ_{t+1}/(1−Πμ·μ_{t+1}) | 1/(1−β₂ᵗ) | ε | λ | 0 |
 * with NAdam's μ_t = β₁(1 − ½·0.96^{tψ}) and Πμ = μ₁⋯μ_t (torch.optim.NAdam). Momentum with
 * buffer initialised to 0 and μ·0 + g equals torch's first step buf = g (dampening 0).
 */
export const COEFFICIENTS = [
  'lr',
  'a1',
  'b1',
  'a2',
  'b2',
  'cg',
  'cm',
  'dv',
  'e',
  'l2',
  'dec',
] as const;
const C = COEFFICIENTS.length;

/** Per-run state carried across steps on the CPU (NAdam's running product of μ_t). */
export class CoefficientTable {
  private readonly muProduct: Float64Array;
  private readonly values: Float32Array;

  constructor(private readonly runs: readonly RunHyper[]) {
    this.muProduct = new Float64Array(runs.length).fill(1);
    this.values = new Float32Array(runs.length * C);
  }

  /**
   * Coefficients for update t (1-based), row-major [K, 11] in the order of `COEFFICIENTS`.
   * Must be called once per step, in order (NAdam keeps a running product).
   * @param lrs learning rate of each run at this step (after the schedule)
   */
  at(t: number, lrs: ArrayLike<number>): Float32Array {
    const out = this.values;
    this.runs.forEach((r, k) => {
      let a1 = 0,
        b1 = 0,
        a2 = 0,
        b2 = 0,
        cg = 1,
        cm = 0,
        dv = 0,
        e = 1;
      let l2 = r.weightDecay;
      let dec = 0;
      switch (r.optimizer) {
        case 'sgd':
          break;
        case 'momentum':
          a1 = r.momentum;
          b1 = 1;
          cg = 0;
          cm = 1;
          break;
        case 'nesterov':
          a1 = r.momentum;
          b1 = 1;
          cg = 1;
          cm = r.momentum;
          break;
        case 'adagrad':
          a2 = 1;
          b2 = 1;
          dv = 1;
          e = r.eps;
          break;
        case 'rmsprop':
          a2 = r.alpha;
          b2 = 1 - r.alpha;
          dv = 1;
          e = r.eps;
          break;
        case 'adam':
        case 'adamw':
          if (r.optimizer === 'adamw') {
            dec = r.weightDecay;
            l2 = 0;
          }
          a1 = r.beta1;
          b1 = 1 - r.beta1;
          a2 = r.beta2;
          b2 = 1 - r.beta2;
          cg = 0;
          cm = 1 / (1 - Math.pow(r.beta1, t));
          dv = 1 / (1 - Math.pow(r.beta2, t));
          e = r.eps;
          break;
        case 'nadam': {
          const mu = r.beta1 * (1 - 0.5 * Math.pow(0.96, t * r.momentumDecay));
          const muNext = r.beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * r.momentumDecay));
          const product = this.muProduct[k]! * mu;
          this.muProduct[k] = product;
          a1 = r.beta1;
          b1 = 1 - r.beta1;
          a2 = r.beta2;
          b2 = 1 - r.beta2;
          cg = (1 - mu) / (1 - product);
          cm = muNext / (1 - product * muNext);
          dv = 1 / (1 - Math.pow(r.beta2, t));
          e = r.eps;
          break;
        }
      }
      out.set([lrs[k]!, a1, b1, a2, b2, cg, cm, dv, e, l2, dec], k * C);
    });
    return out;
  }
}

/** Optimiser state on the device: θ and the two moment buffers, each [K, P]. */
export interface OptimizerState {
  theta: Tensor2D;
  m: Tensor2D;
  v: Tensor2D;
}

/**
 * One update of all K runs from gradients g [K, P] and coefficients [K, 11] (see
 * `COEFFICIENTS`). Returns new tensors; the caller disposes the old ones.
 */
export function applyUpdate(
  state: OptimizerState,
  g: Tensor2D,
  coefficients: Tensor2D,
): OptimizerState {
  return tf.tidy(() => {
    const [lr, a1, b1, a2, b2, cg, cm, dv, e, l2, dec] = tf.split(coefficients, C, 1) as Tensor2D[];
    const { theta } = state;
    const gw = tf.add(g, tf.mul(l2!, theta));
    const m = tf.add(tf.mul(a1!, state.m), tf.mul(b1!, gw)) as Tensor2D;
    const v = tf.add(tf.mul(a2!, state.v), tf.mul(b2!, tf.square(gw))) as Tensor2D;
    const numerator = tf.add(tf.mul(cg!, gw), tf.mul(cm!, m));
    const denominator = tf.add(tf.sqrt(tf.mul(dv!, v)), e!);
    const shrunk = tf.mul(theta, tf.sub(1, tf.mul(lr!, dec!)));
    const next = tf.sub(shrunk, tf.mul(lr!, tf.div(numerator, denominator))) as Tensor2D;
    return { theta: next, m, v };
  });
}
