import { Rng } from '../math/random';

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
 */
export class MiniBatchSampler {
  /** True when every run is full-batch (weights never change). */
  readonly allFullBatch: boolean;
  private readonly rngs: Rng[];
  private readonly perms: (Int32Array | null)[];
  private readonly cursors: Int32Array;
  private readonly weights: Float32Array;

  /**
   * @param batchSizes B_k per run
   * @param m number of training examples
   * @param seeds batch-stream seed per run
   */
  constructor(
    private readonly batchSizes: readonly number[],
    private readonly m: number,
    seeds: readonly number[],
  ) {
    this.allFullBatch = batchSizes.every((b) => b >= m);
    this.rngs = seeds.map((s) => Rng.derive(s, 'batches'));
    this.perms = batchSizes.map(() => null);
    this.cursors = new Int32Array(batchSizes.length);
    this.weights = new Float32Array(batchSizes.length * m).fill(1 / m);
  }

  /**
   * The weights of the next step, row-major [K, m]. The returned array is reused by the next
   * call: copy it (or upload it) before calling again.
   */
  next(): Float32Array {
    const m = this.m;
    for (let k = 0; k < this.batchSizes.length; k++) {
      const b = this.batchSizes[k]!;
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
