import { Rng } from '../math/random';
import { drawImportanceBatch, importanceProbabilities, type SamplingSpec } from './importance';

/**
 * Mini-batch example weights for K runs that may use different batch sizes, so that all runs
 * step together in one tensor program.
 *
 * Run k draws its batches without replacement within an epoch: a fresh seeded permutation of the
 * m training examples per epoch, cut into consecutive batches of B_k (the last batch of an epoch
 * is smaller when B_k does not divide m, like torch's DataLoader with drop_last = False). The
 * weight of example i in run k's batch b is 1/|b| if i ∈ b, else 0, so Σᵢ w_ki ℓᵢ is the batch
 * mean. A run with B_k ≥ m trains full-batch. Runs with the same batch size and batch seed see
 * the same batches (a fair race); a run's batches do not depend on the other runs.
 *
 * A run with importance sampling (`SamplingSpec`, Zancato & Chiuso) instead draws B_k examples
 * i.i.d. from p ∝ exp(−ℓᵢ(θ_k)/U_c) at every step, from the same seeded stream: its weights are
 * (times drawn)/B_k, and `next` then needs the current per-example losses (`needsLosses`).
 */
export class MiniBatchSampler {
  /** True when every run is full-batch (weights never change). */
  readonly allFullBatch: boolean;
  /** True when some run samples by importance: `next` needs the per-example losses [K, m]. */
  readonly needsLosses: boolean;
  /** Importance temperature U_c per run, or 0 for uniform sampling. */
  private readonly temperatures: Float64Array;
  private readonly probabilities: Float64Array;
  private readonly cdf: Float64Array;
  private readonly rngs: Rng[];
  private readonly perms: (Int32Array | null)[];
  private readonly cursors: Int32Array;
  private readonly weights: Float32Array;

  /**
   * @param batchSizes B_k per run
   * @param m number of training examples
   * @param seeds batch-stream seed per run
   * @param sampling how each run draws its batches (default: uniform for all)
   */
  constructor(
    private readonly batchSizes: readonly number[],
    private readonly m: number,
    seeds: readonly number[],
    sampling: readonly (SamplingSpec | undefined)[] = [],
  ) {
    this.temperatures = Float64Array.from(batchSizes, (_, k) => {
      const spec = sampling[k];
      return spec?.kind === 'importance' ? spec.temperature : 0;
    });
    this.needsLosses = this.temperatures.some((t) => t > 0);
    this.probabilities = new Float64Array(this.needsLosses ? m : 0);
    this.cdf = new Float64Array(this.needsLosses ? m : 0);
    // An importance run draws i.i.d. batches even when B ≥ m (a full batch of draws from p).
    this.allFullBatch = !this.needsLosses && batchSizes.every((b) => b >= m);
    this.rngs = seeds.map((s) => Rng.derive(s, 'batches'));
    this.perms = batchSizes.map(() => null);
    this.cursors = new Int32Array(batchSizes.length);
    this.weights = new Float32Array(batchSizes.length * m).fill(1 / m);
  }

  /**
   * The weights of the next step, row-major [K, m]. The returned array is reused by the next
   * call: copy it (or upload it) before calling again.
   * @param losses per-example training losses ℓᵢ(θ_k) [K, m] at the current parameters (needed
   *   when `needsLosses`; rows of uniform runs are not read)
   */
  next(losses?: Float32Array): Float32Array {
    const m = this.m;
    for (let k = 0; k < this.batchSizes.length; k++) {
      const b = this.batchSizes[k]!;
      const temperature = this.temperatures[k]!;
      if (temperature > 0) {
        if (!losses || losses.length !== this.batchSizes.length * m)
          throw new RangeError('importance sampling needs the per-example losses [K, m]');
        importanceProbabilities(
          losses.subarray(k * m, (k + 1) * m),
          temperature,
          this.probabilities,
        );
        drawImportanceBatch(
          this.probabilities,
          b,
          this.rngs[k]!,
          this.weights.subarray(k * m, (k + 1) * m),
          this.cdf,
        );
        continue;
      }
      if (b >= m) continue;
      let perm = this.perms[k];
      if (!perm || this.cursors[k]! >= m) {
        perm = this.rngs[k]!.permutation(m);
        this.perms[k] = perm;
        this.cursors[k] = 0;
      }
      const start = this.cursors[k]!;
      const end = Math.min(m, start + b);
      const row = this.weights.subarray(k * m, (k + 1) * m);
      row.fill(0);
      const w = 1 / (end - start);
      for (let i = start; i < end; i++) row[perm[i]!] = w;
      this.cursors[k] = end;
    }
    return this.weights;
  }
}
