import { Rng } from '../math/random';
import { tf, type Tensor2D } from '../tf';
import type { Problem, Split } from '../problems/problem';

/**
 * A pool of m noise vectors ξᵢ ∈ R^P, row-major [m, P], standardised so that every coordinate has
 * mean exactly 0 and population variance (1/m) Σᵢ ξᵢⱼ² exactly σ² (up to float32 rounding): drawn
 * N(0, 1) from `seed`, centred per coordinate, then scaled. The coordinates are independent draws,
 * so their sample cross-covariances are small but not exactly 0.
 */
export function noisePool(m: number, p: number, sigma: number, seed: number): Float32Array {
  if (!(m >= 2)) throw new RangeError(`noisePool: needs m ≥ 2 examples, got ${m}`);
  const rng = Rng.derive(seed, 'gradient-noise');
  const raw = new Float64Array(m * p);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.normal();
  const pool = new Float32Array(m * p);
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += raw[i * p + j]!;
    mean /= m;
    let sq = 0;
    for (let i = 0; i < m; i++) sq += (raw[i * p + j]! - mean) ** 2;
    const scale = sigma / Math.sqrt(sq / m);
    for (let i = 0; i < m; i++) pool[i * p + j] = (raw[i * p + j]! - mean) * scale;
  }
  return pool;
}

/**
 * An analytic surface f(θ) turned into a finite-sum problem with additive gradient noise: m
 * "examples" with per-example loss ℓᵢ(θ) = f(θ) − ξᵢ·θ, where the pool ξ (`noisePool`) has mean
 * exactly 0. So the training loss (1/m) Σᵢ ℓᵢ = f, the full-batch gradient is ∇f, and a mini-batch
 * b of size B has gradient ∇f − ξ̄_b: the noise is additive, independent of θ, with covariance
 * (1/B)·(1/m)Σᵢ ξᵢξᵢᵀ·(m − B)/(m − 1) for a batch drawn without replacement (σ²/B per coordinate
 * times the finite-population factor). SCIENCE.md §7: the model of SGD as a noisy dynamical system.
 *
 * The test split is f itself (one "example"), like the bare surface.
 */
export class AdditiveNoiseProblem implements Problem {
  readonly name: string;
  readonly task: Problem['task'];
  readonly layout: Problem['layout'];
  readonly size: Readonly<Record<Split, number>>;
  /** The pool ξ as a [m, P] tensor. */
  private readonly xi: Tensor2D;

  /**
   * @param base a problem with a single training "example" (an analytic surface)
   * @param pool ξ [m, P] row-major (see `noisePool`)
   */
  constructor(
    readonly base: Problem,
    readonly pool: Float32Array,
  ) {
    if (base.size.train !== 1) {
      throw new Error(
        `additive gradient noise is for analytic surfaces (one example); '${base.name}' has ${base.size.train}`,
      );
    }
    const p = base.layout.size;
    if (pool.length === 0 || pool.length % p !== 0) {
      throw new RangeError(`noise pool has ${pool.length} entries, not a multiple of P = ${p}`);
    }
    const m = pool.length / p;
    this.name = base.name;
    this.task = base.task;
    this.layout = base.layout;
    this.size = { train: m, test: base.size.test };
    this.xi = tf.tensor2d(pool, [m, p]);
  }

  /** Outputs are the surface's own (f per row). */
  outputs(theta: Tensor2D, split: Split): Tensor2D {
    return this.base.outputs(theta, split);
  }

  /** ℓ [K, m] = f(θ_k) − θ_k·ξᵢ on 'train'; f [K, 1] on 'test'. */
  perExampleLoss(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    if (split === 'test') return this.base.perExampleLoss(theta, split, twice);
    return tf.tidy(() => {
      const f = this.base.perExampleLoss(theta, 'train', twice); // [K, 1]
      return tf.sub(f, tf.matMul(theta, this.xi, false, true)) as Tensor2D;
    });
  }

  init(rng: Rng): Float32Array {
    return this.base.init(rng);
  }

  /** Frees the pool (not the base problem, which its owner disposes). */
  dispose(): void {
    this.xi.dispose();
  }
}
