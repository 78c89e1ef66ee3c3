/**
 * The Hessian of a problem's loss as an operator on the host: B products H(θ_b) v_b in one tensor
 * program (θ rows may repeat: B probes at one point, or one vector per run at K points), read back
 * to float64 for the small dense work (Lanczos, Hutchinson sums) that follows.
 */
import { onCpuBackend, type Problem, type Split } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { hessianVectorProduct } from './hvp';

/** Which loss the curvature is of. */
export interface CurvatureLoss {
  /** The split the loss is evaluated on (default 'train'). */
  split?: Split;
  /**
   * Example weights [m_train] for a mini-batch loss Σᵢ wᵢ ℓᵢ (e.g. 1/B on a batch, 0 elsewhere);
   * the full-batch mean loss when omitted. Only for the train split.
   */
  weights?: Float32Array;
}

/** H(θ_b) v_b for b = 1…B: `thetas` and `vectors` are B rows of length P each. */
export type HessianProducts = (
  thetas: readonly Float32Array[],
  vectors: readonly Float64Array[],
) => Promise<Float64Array[]>;

/**
 * The Hessian operator of `problem`'s loss (see `CurvatureLoss`). On the CPU backends, for the
 * training loss of a problem with host Hessian-vector products (the MLPs' R-operator in
 * `MlpBackprop`), the products run on the host with no tensor program; otherwise, or with
 * `engine: 'tensor'`, by double back-propagation (`hessianVectorProduct`).
 */
export function hessianOperator(
  problem: Problem,
  loss: CurvatureLoss = {},
  engine: 'auto' | 'tensor' = 'auto',
): HessianProducts {
  const split = loss.split ?? 'train';
  const P = problem.layout.size;
  if (loss.weights) {
    if (split !== 'train')
      throw new RangeError('curvature: example weights apply to the train split only');
    if (loss.weights.length !== problem.size.train)
      throw new RangeError(
        `curvature: ${loss.weights.length} example weights for ${problem.size.train} training examples`,
      );
  }
  return async (thetas, vectors) => {
    const B = thetas.length;
    if (vectors.length !== B)
      throw new RangeError(`curvature: ${B} points but ${vectors.length} vectors`);
    if (B === 0) return [];
    const thetaFlat = new Float32Array(B * P);
    const vFlat = new Float32Array(B * P);
    for (let b = 0; b < B; b++) {
      if (thetas[b]!.length !== P || vectors[b]!.length !== P)
        throw new RangeError(`curvature: row ${b} is not of length P = ${P}`);
      thetaFlat.set(thetas[b]!, b * P);
      vFlat.set(vectors[b]!, b * P);
    }
    const host = problem.hostGradient;
    if (engine === 'auto' && split === 'train' && host?.hessianVectorProducts && onCpuBackend()) {
      const hv = new Float32Array(B * P);
      host.hessianVectorProducts(thetaFlat, vFlat, B, loss.weights ?? null, hv);
      return Array.from({ length: B }, (_, b) =>
        Float64Array.from(hv.subarray(b * P, (b + 1) * P)),
      );
    }
    const product = tf.tidy(() => {
      const theta = tf.tensor2d(thetaFlat, [B, P]);
      const v = tf.tensor2d(vFlat, [B, P]);
      if (!loss.weights) return hessianVectorProduct(problem, theta, v, split);
      const w = tf.tensor2d(loss.weights, [1, problem.size.train]);
      return weightedHessianVectorProduct(problem, theta, v, w);
    });
    const data = await product.data();
    product.dispose();
    const out: Float64Array[] = [];
    for (let b = 0; b < B; b++) out.push(Float64Array.from(data.subarray(b * P, (b + 1) * P)));
    return out;
  };
}

/** Hv of the weighted training loss Σᵢ wᵢ ℓᵢ(θ) (weights [1, m] shared by the rows). */
function weightedHessianVectorProduct(
  problem: Problem,
  theta: Tensor2D,
  v: Tensor2D,
  weights: Tensor2D,
): Tensor2D {
  const loss = (th: tf.Tensor) =>
    tf.sum(tf.mul(problem.perExampleLoss(th as Tensor2D, 'train', true), weights), 1);
  const gradient = tf.grad(loss);
  return tf.grad((th: tf.Tensor) => tf.sum(tf.mul(gradient(th), v)))(theta) as Tensor2D;
}

/** `count` copies of θ (rows for products at one point). */
export function repeatRows(theta: Float32Array, count: number): Float32Array[] {
  return Array.from({ length: count }, () => theta);
}
