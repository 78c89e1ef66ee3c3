/**
 * Lanczos iteration with full re-orthogonalisation, in float64 on the host, run in lock-step on
 * several independent "lanes" so that each iteration is ONE batched operator call: a lane is a
 * (point, start vector) pair — one per run for the top eigenpairs of K runs' Hessians, one per
 * probe for stochastic Lanczos quadrature.
 *
 * For a symmetric A and a unit start q₁, m steps build an orthonormal basis Q = [q₁ … q_m] of the
 * Krylov space and the tridiagonal T = QᵀAQ (diagonal α, off-diagonal β):
 *   w = A q_j − β_{j−1} q_{j−1};  α_j = w·q_j;  w −= α_j q_j;  (re-orthogonalise w against Q twice)
 *   β_j = ‖w‖;  q_{j+1} = w / β_j.
 * Full re-orthogonalisation keeps Q orthonormal to rounding, so no spurious copies of converged
 * eigenvalues appear (Golub & Van Loan §10.3). A lane stops early when β_j falls to rounding level
 * (its Krylov space is invariant: its Ritz values are exact).
 */
import { symmetricEigen } from '../math/eigen';

export interface LanczosLane {
  /** α₁…α_m (diagonal of T). */
  alpha: Float64Array;
  /** β₁…β_{m−1} (off-diagonal of T); `residualBeta` is β_m. */
  beta: Float64Array;
  /** β_m: the norm of the part of A q_m outside the basis (0 when the space is invariant). */
  residualBeta: number;
  /** The orthonormal basis q₁…q_m (kept only when asked for). */
  basis: Float64Array[] | null;
  /** Steps taken m (≤ the iterations asked for). */
  steps: number;
}

export interface LanczosRequest {
  /** Unit or non-zero start vectors, one per lane (normalised here). */
  starts: readonly Float64Array[];
  /** A applied to one vector per lane (lanes that have stopped are not passed: see `lanes`). */
  apply: (vectors: readonly Float64Array[], lanes: readonly number[]) => Promise<Float64Array[]>;
  /** Steps per lane (≤ the dimension). */
  iterations: number;
  /** Keep each lane's basis (needed for Ritz vectors; not for quadrature). Default true. */
  keepBasis?: boolean;
  /** Awaited after every step (progress; cancellation: it may throw). */
  onStep?: (step: number, iterations: number) => void | Promise<void>;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function scaled(v: Float64Array, c: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * c;
  return out;
}

/** Runs `iterations` Lanczos steps on every lane (see the module comment). */
export async function lanczos(request: LanczosRequest): Promise<LanczosLane[]> {
  const { starts, apply, iterations } = request;
  const keepBasis = request.keepBasis ?? true;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`lanczos: iterations must be a whole number ≥ 1 (got ${iterations})`);
  const dim = starts[0]?.length ?? 0;
  const m = Math.min(iterations, dim);
  // Each lane keeps its full basis for re-orthogonalisation (float64, m·P numbers).
  const state = starts.map((start) => {
    const n = Math.sqrt(dot(start, start));
    if (!(n > 0) || !Number.isFinite(n))
      throw new RangeError('lanczos: a start vector is zero or not finite');
    return {
      basis: [scaled(start, 1 / n)],
      alpha: [] as number[],
      beta: [] as number[],
      residualBeta: 0,
      active: true,
    };
  });
  for (let j = 0; j < m; j++) {
    const lanes = state.flatMap((s, i) => (s.active ? [i] : []));
    if (lanes.length === 0) break;
    const images = await apply(
      lanes.map((i) => state[i]!.basis[j]!),
      lanes,
    );
    lanes.forEach((laneIndex, n) => {
      const s = state[laneIndex]!;
      const q = s.basis[j]!;
      const w = Float64Array.from(images[n]!);
      if (j > 0) {
        const prev = s.basis[j - 1]!;
        const b = s.beta[j - 1]!;
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - b * prev[i]!;
      }
      const a = dot(w, q);
      for (let i = 0; i < w.length; i++) w[i] = w[i]! - a * q[i]!;
      s.alpha.push(a);
      // Full re-orthogonalisation, twice ("twice is enough", Parlett).
      const before = Math.sqrt(dot(w, w));
      for (let pass = 0; pass < 2; pass++) {
        for (const basisVector of s.basis) {
          const c = dot(w, basisVector);
          for (let i = 0; i < w.length; i++) w[i] = w[i]! - c * basisVector[i]!;
        }
      }
      const b = Math.sqrt(dot(w, w));
      // Scale of A on this lane (for the invariance test): the largest |α| or β seen.
      const scale = Math.max(...s.alpha.map(Math.abs), ...s.beta, before, 1e-300);
      if (j === m - 1 || !(b > 1e-10 * scale)) {
        s.residualBeta = Number.isFinite(b) ? b : Number.NaN;
        s.active = false;
        return;
      }
      s.beta.push(b);
      s.basis.push(scaled(w, 1 / b));
    });
    await request.onStep?.(j + 1, m);
  }
  return state.map((s) => ({
    alpha: Float64Array.from(s.alpha),
    beta: Float64Array.from(s.beta),
    residualBeta: s.residualBeta,
    basis: keepBasis ? s.basis.slice(0, s.alpha.length) : null,
    steps: s.alpha.length,
  }));
}

/** Eigenvalues (descending) and eigenvectors of the tridiagonal T of a lane (Jacobi, float64). */
export function tridiagonalEigen(lane: LanczosLane): {
  values: Float64Array;
  vectors: Float64Array;
} {
  const m = lane.steps;
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    t[i * m + i] = lane.alpha[i]!;
    if (i + 1 < m) {
      t[i * m + i + 1] = lane.beta[i]!;
      t[(i + 1) * m + i] = lane.beta[i]!;
    }
  }
  return symmetricEigen(t, m);
}

/** A Ritz pair of a lane: θ and y = Q s, with Lanczos's residual estimate |β_m s_m|. */
export interface RitzPair {
  value: number;
  vector: Float64Array;
  /** ‖A y − θ y‖ as Lanczos estimates it (exact in exact arithmetic). */
  residualEstimate: number;
}

/** The `count` largest (algebraic) Ritz pairs of a lane that kept its basis. */
export function topRitzPairs(lane: LanczosLane, count: number): RitzPair[] {
  if (!lane.basis) throw new Error('topRitzPairs: the lane did not keep its basis');
  const { values, vectors } = tridiagonalEigen(lane);
  const m = lane.steps;
  const dim = lane.basis[0]!.length;
  const out: RitzPair[] = [];
  for (let k = 0; k < Math.min(count, m); k++) {
    const y = new Float64Array(dim);
    for (let j = 0; j < m; j++) {
      const c = vectors[j * m + k]!;
      const q = lane.basis[j]!;
      for (let i = 0; i < dim; i++) y[i] = y[i]! + c * q[i]!;
    }
    out.push({
      value: values[k]!,
      vector: y,
      residualEstimate: Math.abs(lane.residualBeta * vectors[(m - 1) * m + k]!),
    });
  }
  return out;
}
