/**
 * Hutchinson's trace estimator (Hutchinson 1990): tr(H) = E[zᵀHz] for Rademacher z ∈ {±1}^P, so
 * the mean of zⱼᵀHzⱼ over k probes estimates the trace, with standard error s/√k (s: the sample
 * standard deviation of the zⱼᵀHzⱼ). Probes go `batch` at a time through one Hessian-vector
 * product program (θ repeated on every row).
 */
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { hessianOperator, repeatRows, type CurvatureLoss } from './operator';

export interface TraceEstimate {
  /** The mean of the probes' quadratic forms. */
  trace: number;
  /** s/√k (0 with one probe). */
  standardError: number;
  probes: number;
  /** zⱼᵀHzⱼ per probe. */
  samples: Float64Array;
}

export interface TraceOptions {
  /** Number of probes (default 100). */
  probes?: number;
  /** Probes per Hessian-vector product program (default 25). */
  batch?: number;
  seed?: number;
  loss?: CurvatureLoss;
  /** Awaited after every batch (progress; cancellation: it may throw). */
  onBatch?: (done: number, probes: number) => void | Promise<void>;
}

/** Rademacher ±1 vector of length P from `rng`. */
export function rademacher(rng: Rng, P: number): Float64Array {
  const z = new Float64Array(P);
  for (let i = 0; i < P; i++) z[i] = rng.uniform() < 0.5 ? -1 : 1;
  return z;
}

export async function hutchinsonTrace(
  problem: Problem,
  theta: Float32Array,
  options: TraceOptions = {},
): Promise<TraceEstimate> {
  const probes = options.probes ?? 100;
  const batch = options.batch ?? 25;
  if (!Number.isInteger(probes) || probes < 1)
    throw new RangeError(`trace: probes must be a whole number ≥ 1 (got ${probes})`);
  if (!Number.isInteger(batch) || batch < 1)
    throw new RangeError(`trace: batch must be a whole number ≥ 1 (got ${batch})`);
  const P = problem.layout.size;
  const products = hessianOperator(problem, options.loss);
  const rng = new Rng(options.seed ?? 1);
  const samples = new Float64Array(probes);
  for (let done = 0; done < probes;) {
    const n = Math.min(batch, probes - done);
    const zs = Array.from({ length: n }, () => rademacher(rng, P));
    const images = await products(repeatRows(theta, n), zs);
    for (let j = 0; j < n; j++) {
      let s = 0;
      const z = zs[j]!;
      const hz = images[j]!;
      for (let i = 0; i < P; i++) s += z[i]! * hz[i]!;
      samples[done + j] = s;
    }
    done += n;
    await options.onBatch?.(done, probes);
  }
  let mean = 0;
  for (const s of samples) mean += s;
  mean /= probes;
  let ss = 0;
  for (const s of samples) ss += (s - mean) ** 2;
  const standardError = probes > 1 ? Math.sqrt(ss / (probes - 1) / probes) : 0;
  return { trace: mean, standardError, probes, samples };
}
