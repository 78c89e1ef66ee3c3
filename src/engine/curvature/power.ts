/**
 * The simple baseline for the top Hessian eigenpairs: power iteration with deflation (SCIENCE.md
 * §4: ≈ 100 iterations, relative tolerance 1e-3). For pair j the operator is
 * H − Σ_{i<j} λ_i u_i u_iᵀ, iterated from a seeded Gaussian vector until the Rayleigh quotient
 * changes by less than `tolerance` relative. It converges to the eigenvalue of largest MAGNITUDE
 * (a saddle's large negative eigenvalue can win) and slowly when |λ₂/λ₁| is near 1: Lanczos
 * (./eigenpairs.ts) is the method the app uses; this one is kept for comparison and tests.
 */
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { hessianOperator, type CurvatureLoss } from './operator';

export interface PowerResult {
  values: Float64Array;
  vectors: Float64Array[];
  /** Iterations used per pair. */
  iterations: Int32Array;
}

export async function hessianPowerIteration(
  problem: Problem,
  theta: Float32Array,
  options: {
    count?: number;
    maxIterations?: number;
    tolerance?: number;
    seed?: number;
    loss?: CurvatureLoss;
  } = {},
): Promise<PowerResult> {
  const count = options.count ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-3;
  const P = problem.layout.size;
  const products = hessianOperator(problem, options.loss);
  const rng = new Rng(options.seed ?? 1);
  const values: number[] = [];
  const vectors: Float64Array[] = [];
  const used: number[] = [];
  const normalise = (v: Float64Array): Float64Array => {
    let s = 0;
    for (const x of v) s += x * x;
    const n = Math.sqrt(s);
    return n > 0 ? v.map((x) => x / n) : v;
  };
  for (let j = 0; j < count; j++) {
    let v = normalise(Float64Array.from(rng.normals(P)));
    let lambda = 0;
    let it = 0;
    for (; it < maxIterations; it++) {
      const [hv] = await products([theta], [v]);
      const w = hv!;
      // Deflate the pairs already found.
      vectors.forEach((u, i) => {
        let c = 0;
        for (let k = 0; k < P; k++) c += u[k]! * v[k]!;
        for (let k = 0; k < P; k++) w[k] = w[k]! - values[i]! * c * u[k]!;
      });
      let rq = 0;
      for (let k = 0; k < P; k++) rq += v[k]! * w[k]!;
      v = normalise(w);
      const change = Math.abs(rq - lambda);
      lambda = rq;
      if (it > 0 && change <= tolerance * Math.abs(rq)) break;
    }
    values.push(lambda);
    vectors.push(v);
    used.push(Math.min(it + 1, maxIterations));
  }
  return {
    values: Float64Array.from(values),
    vectors,
    iterations: Int32Array.from(used),
  };
}
