/**
 * The top-k Hessian eigenpairs (k ≤ 5) of K runs at once: Lanczos with full re-orthogonalisation
 * (./lanczos.ts), one lane per run, so each iteration is one batched Hessian-vector product over
 * the K runs' points. The residual ‖Hy − λy‖ of every reported pair is measured with one more
 * batched product (not only estimated).
 */
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { lanczos, topRitzPairs } from './lanczos';
import { hessianOperator, type CurvatureLoss } from './operator';

export const MAX_EIGENPAIRS = 5;

export interface HessianEigenOptions {
  /** Eigenpairs wanted per run, 1…5 (default 1). */
  count?: number;
  /** Lanczos steps (default 20; capped at P). */
  iterations?: number;
  loss?: CurvatureLoss;
  /** Seed of the Gaussian start vectors (default 1). */
  seed?: number;
  /**
   * Start vectors per run [P] (e.g. the previous top eigenvector, to track λ_max during training
   * with few steps); the seeded Gaussian ones where omitted.
   */
  starts?: readonly (Float64Array | null)[];
  /** Awaited after every Lanczos step (progress; cancellation: it may throw). */
  onStep?: (step: number, iterations: number) => void | Promise<void>;
  /** Where the Hessian-vector products run (see `hessianOperator`; default 'auto'). */
  engine?: 'auto' | 'tensor';
}

/** The top eigenpairs of one run's Hessian. */
export interface HessianEigen {
  /** The `count` largest eigenvalues, descending. */
  values: Float64Array;
  /** Unit eigenvectors [count][P]. */
  vectors: Float64Array[];
  /** ‖H y_k − λ_k y_k‖ measured with a Hessian-vector product, per pair. */
  residuals: Float64Array;
  /** Lanczos steps taken. */
  steps: number;
}

/** Top eigenpairs of H(θ_k) for every run's point θ_k [P] (see the module comment). */
export async function hessianTopEigen(
  problem: Problem,
  thetas: readonly Float32Array[],
  options: HessianEigenOptions = {},
): Promise<HessianEigen[]> {
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_EIGENPAIRS)
    throw new RangeError(`eigenpairs: count must be 1 … ${MAX_EIGENPAIRS} (got ${count})`);
  const P = problem.layout.size;
  const iterations = Math.min(options.iterations ?? 20, P);
  if (iterations < count)
    throw new RangeError(`eigenpairs: ${iterations} Lanczos steps cannot give ${count} pairs`);
  const products = hessianOperator(problem, options.loss, options.engine);
  const rng = new Rng(options.seed ?? 1);
  const starts = thetas.map((_, k) => {
    const given = options.starts?.[k];
    const random = Float64Array.from(rng.normals(P));
    return given && given.length === P && given.every(Number.isFinite) && given.some((x) => x !== 0)
      ? given
      : random;
  });
  const lanes = await lanczos({
    starts,
    iterations,
    apply: (vectors, laneIds) =>
      products(
        laneIds.map((i) => thetas[i]!),
        vectors,
      ),
    onStep: options.onStep,
  });
  const pairs = lanes.map((lane) => topRitzPairs(lane, count));
  // Measured residuals: one product per reported pair, all runs at once.
  const rows = pairs.flatMap((runPairs, k) => runPairs.map((pair) => ({ k, pair })));
  const images = await products(
    rows.map((r) => thetas[r.k]!),
    rows.map((r) => r.pair.vector),
  );
  const residualOf = (n: number): number => {
    const { pair } = rows[n]!;
    const hy = images[n]!;
    let s = 0;
    for (let i = 0; i < P; i++) s += (hy[i]! - pair.value * pair.vector[i]!) ** 2;
    return Math.sqrt(s);
  };
  let n = 0;
  return pairs.map((runPairs, k) => ({
    values: Float64Array.from(runPairs.map((p) => p.value)),
    vectors: runPairs.map((p) => p.vector),
    residuals: Float64Array.from(runPairs.map(() => residualOf(n++))),
    steps: lanes[k]!.steps,
  }));
}
