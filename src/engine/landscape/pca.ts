import { symmetricEigen } from '../math/eigen';
import { topEigenpairs } from '../math/krylov';
import { LandscapeCancelled } from './grid';

/** The top two principal directions of a set of parameter vectors. */
export interface PcaResult {
  /** Unit principal directions [P]; a zero vector where the centred points have lower rank. */
  d1: Float32Array;
  d2: Float32Array;
  /** Fraction of the variance each explains, σ_k² / ‖M_c‖²_F, in [0, 1]. */
  explained: [number, number];
  /** σ₁², σ₂²: the top two squared singular values of the centred matrix M_c (0 beyond its rank). */
  sigmaSquared: [number, number];
  /** ‖M_c‖²_F = Σ_k σ_k² over all components (the denominator of `explained`). */
  total: number;
}

export interface PcaOptions {
  /** Cancels the computation: the promise rejects with LandscapeCancelled (name 'AbortError'). */
  signal?: AbortSignal;
  /** Called after every iteration with done ≤ total (an estimate of the way to convergence). */
  onProgress?: (done: number, total: number) => void;
}

/** A squared singular value ≤ RANK_TOLERANCE·‖M_c‖²_F is rounding noise: its direction is zero. */
const RANK_TOLERANCE = 1e-12;
/** Units of the progress reports. */
const PROGRESS_TOTAL = 1000;
/** Longest stretch of computation between two yields to the event loop, ms. */
const SLICE_MS = 10;

/**
 * The centred rows M_c = X − 1·x̄ᵀ of the points X (float32 [n, P]) kept implicitly: x̄ (float64)
 * is subtracted element by element inside the products, so M_c is never stored. The reference θ_ref
 * of M = X − 1·θ_refᵀ cancels in the centring (M − 1·mean(M)ᵀ = X − 1·x̄ᵀ).
 */
interface Centred {
  x: Float32Array;
  n: number;
  p: number;
  mean: Float64Array;
  /** ‖M_c‖²_F, exact to float64 rounding. */
  total: number;
}

function centre(points: Float32Array, n: number, p: number): Centred {
  const mean = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    const o = t * p;
    for (let j = 0; j < p; j++) mean[j] = mean[j]! + points[o + j]!;
  }
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const o = t * p;
    for (let j = 0; j < p; j++) {
      const c = points[o + j]! - mean[j]!;
      total += c * c;
    }
  }
  return { x: points, n, p, mean, total };
}

// Block kernels on groups of four columns stored interleaved ([rows × 4], column k at 4·i + k).

/** out[at … at + 3] = row t of M_c (offset o = t·P into x) times v [P×4]. */
function rowTimes4(m: Centred, o: number, v: Float64Array, out: Float64Array, at: number): void {
  const { x, p, mean } = m;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = 0; j < p; j++) {
    const c = x[o + j]! - mean[j]!;
    const q = 4 * j;
    a0 += c * v[q]!;
    a1 += c * v[q + 1]!;
    a2 += c * v[q + 2]!;
    a3 += c * v[q + 3]!;
  }
  out[at] = a0;
  out[at + 1] = a1;
  out[at + 2] = a2;
  out[at + 3] = a3;
}

/** out [P×4] += row t of M_c (offset o = t·P into x), transposed, times u[at … at + 3] [1×4]. */
function addRowTransposedTimes4(
  m: Centred,
  o: number,
  u: Float64Array,
  at: number,
  out: Float64Array,
): void {
  const { x, p, mean } = m;
  const u0 = u[at]!;
  const u1 = u[at + 1]!;
  const u2 = u[at + 2]!;
  const u3 = u[at + 3]!;
  for (let j = 0; j < p; j++) {
    const c = x[o + j]! - mean[j]!;
    const q = 4 * j;
    out[q] = out[q]! + c * u0;
    out[q + 1] = out[q + 1]! + c * u1;
    out[q + 2] = out[q + 2]! + c * u2;
    out[q + 3] = out[q + 3]! + c * u3;
  }
}

/** out [n×4] = M_c v, v [P×4]. */
function timesM4(m: Centred, v: Float64Array, out: Float64Array): void {
  for (let t = 0; t < m.n; t++) rowTimes4(m, t * m.p, v, out, 4 * t);
}

/** out [P×4] = M_cᵀ u, u [n×4]. */
function timesMt4(m: Centred, u: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let t = 0; t < m.n; t++) addRowTransposedTimes4(m, t * m.p, u, 4 * t, out);
}

/** out [P×4] = M_cᵀ M_c v, v [P×4], in one pass over the rows (each row is used twice while cached). */
function covariance4(m: Centred, v: Float64Array, out: Float64Array): void {
  const row = new Float64Array(4);
  out.fill(0);
  for (let t = 0; t < m.n; t++) {
    rowTimes4(m, t * m.p, v, row, 0);
    addRowTransposedTimes4(m, t * m.p, row, 0, out);
  }
}

/**
 * Applies a four-column kernel to any number of columns (groups of four, the last one padded with
 * zero columns). `kernel(input [inDim×4], output [outDim×4])`.
 */
function inGroupsOfFour(
  columns: readonly Float64Array[],
  inDim: number,
  outDim: number,
  kernel: (input: Float64Array, output: Float64Array) => void,
): Float64Array[] {
  const out: Float64Array[] = [];
  const input = new Float64Array(4 * inDim);
  const output = new Float64Array(4 * outDim);
  for (let g = 0; g < columns.length; g += 4) {
    input.fill(0);
    const w = Math.min(4, columns.length - g);
    for (let k = 0; k < w; k++) {
      const col = columns[g + k]!;
      for (let i = 0; i < inDim; i++) input[4 * i + k] = col[i]!;
    }
    kernel(input, output);
    for (let k = 0; k < w; k++) {
      const col = new Float64Array(outDim);
      for (let i = 0; i < outDim; i++) col[i] = output[4 * i + k]!;
      out.push(col);
    }
  }
  return out;
}

function checkShape(points: Float32Array, n: number, p: number): void {
  if (points.length !== n * p)
    throw new RangeError(`trajectoryPca: ${points.length} values for ${n}×${p}`);
  if (n < 2)
    throw new RangeError('trajectoryPca: needs at least two recorded points besides the reference');
}

/**
 * The shared ending of both paths: zero directions for components at rounding level, d₂
 * re-orthogonalised against d₁ in float64, and the sign convention — each direction's entry of
 * largest magnitude (the first such) is positive.
 */
function finish(
  raw: [Float64Array, Float64Array],
  sigma: [number, number],
  total: number,
): PcaResult {
  const p = raw[0].length;
  const dirs: Float64Array[] = [];
  const sq: [number, number] = [0, 0];
  for (let k = 0; k < 2; k++) {
    const d = Float64Array.from(raw[k]!);
    const s = sigma[k]!;
    if (!(total > 0 && s > RANK_TOLERANCE * total)) {
      dirs.push(new Float64Array(p));
      continue;
    }
    for (const prev of dirs) {
      let c = 0;
      for (let j = 0; j < p; j++) c += prev[j]! * d[j]!;
      for (let j = 0; j < p; j++) d[j] = d[j]! - c * prev[j]!;
    }
    let norm = 0;
    let big = 0;
    for (let j = 0; j < p; j++) {
      norm += d[j]! * d[j]!;
      if (Math.abs(d[j]!) > Math.abs(d[big]!)) big = j;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0)) {
      dirs.push(new Float64Array(p));
      continue;
    }
    const scale = (d[big]! < 0 ? -1 : 1) / norm;
    for (let j = 0; j < p; j++) d[j] = d[j]! * scale;
    dirs.push(d);
    sq[k] = s;
  }
  return {
    d1: Float32Array.from(dirs[0]!),
    d2: Float32Array.from(dirs[1]!),
    explained: [
      total > 0 ? Math.min(1, sq[0] / total) : 0,
      total > 0 ? Math.min(1, sq[1] / total) : 0,
    ],
    sigmaSquared: sq,
    total,
  };
}

/**
 * PCA of trajectory points (Li et al. 2018, §7): rows M_t = θ_t − θ_ref, centred column-wise by
 * their mean as scikit-learn's PCA does in the reference implementation; d₁, d₂ are the top two
 * right singular vectors of the centred M_c and explained_k = σ_k² / ‖M_c‖²_F. (The centring
 * removes θ_ref, so only its length matters.)
 *
 * Only the top two components are computed, by thick-restarted block Krylov iteration
 * (src/engine/math/krylov.ts: block size 4, 8 blocks per restart, Rayleigh–Ritz on ≤ 32×32) on
 * the implicit operator M_c M_cᵀ (n ≤ P; then d_k = M_cᵀu_k/σ_k) or
 * M_cᵀ M_c (P < n): each product is one or two passes over the float32 points, O(n·P) time and
 * O(n + P) extra memory per vector; neither the n×n nor the P×P matrix is formed. Stops when the
 * Ritz residuals of both pairs are ≤ 1e-8·σ₁² (or stagnate at rounding level, or after 300
 * restarts). The start block comes from a fixed seed, so the result is deterministic.
 *
 * Sign convention: each direction's entry of largest magnitude is positive. A component with
 * σ_k² ≤ 1e-12·‖M_c‖²_F (rank deficiency, identical points) gets a zero direction and explained 0.
 * When σ₁ ≈ σ₂ the pair is still orthonormal (any basis of the top plane is correct then).
 *
 * Yields to the event loop every ~10 ms of work; rejects with LandscapeCancelled (name
 * 'AbortError') once `signal` is aborted; `onProgress(done, total)` after every restart.
 *
 * @param points row-major [n, P] parameter vectors (one or several runs' recorded θ); not modified
 * @param reference θ_ref [P]
 */
export async function trajectoryPca(
  points: Float32Array,
  n: number,
  reference: Float32Array,
  options: PcaOptions = {},
): Promise<PcaResult> {
  const p = reference.length;
  checkShape(points, n, p);
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new LandscapeCancelled();
  const m = centre(points, n, p);
  if (!(m.total > 0))
    return finish([new Float64Array(p), new Float64Array(p)], [0, 0], Math.max(m.total, 0));
  const gramSide = n <= p;
  const apply = gramSide
    ? (cols: readonly Float64Array[]) =>
        inGroupsOfFour(cols, n, n, (u, out) => {
          const tmp = new Float64Array(4 * p);
          timesMt4(m, u, tmp);
          timesM4(m, tmp, out);
        })
    : (cols: readonly Float64Array[]) =>
        inGroupsOfFour(cols, p, p, (v, out) => covariance4(m, v, out));
  let lastYield = performance.now();
  let fraction = 0;
  let firstResidual = NaN;
  const eig = await topEigenpairs({
    dim: gramSide ? n : p,
    count: 2,
    apply,
    scale: m.total,
    blockSize: 4,
    depth: 8,
    tolerance: 1e-8,
    maxRestarts: 300,
    seed: 0x5ca1ab1e,
    onRestart: async (state) => {
      if (Number.isNaN(firstResidual)) firstResidual = state.relativeResidual;
      // Progress: the larger of the restarts used and the share of the way (in log residual)
      // from the first residual to the tolerance; never decreasing.
      const byResidual =
        state.relativeResidual > 0 && firstResidual > state.tolerance
          ? Math.log(firstResidual / state.relativeResidual) /
            Math.log(firstResidual / state.tolerance)
          : 1;
      fraction = Math.max(fraction, Math.min(1, byResidual, state.done ? 1 : 0.99));
      fraction = Math.max(fraction, state.restart / state.maxRestarts);
      if (state.done) fraction = 1;
      onProgress?.(Math.floor(fraction * PROGRESS_TOTAL), PROGRESS_TOTAL);
      if (signal?.aborted) throw new LandscapeCancelled();
      if (!state.done && performance.now() - lastYield >= SLICE_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
        if (signal?.aborted) throw new LandscapeCancelled();
      }
    },
  });
  let raw: [Float64Array, Float64Array];
  if (gramSide) {
    const [a, b] = inGroupsOfFour(eig.vectors, n, p, (u, out) => timesMt4(m, u, out));
    raw = [a!, b!];
  } else {
    raw = [eig.vectors[0]!, eig.vectors[1]!];
  }
  return finish(raw, [eig.values[0]!, eig.values[1]!], m.total);
}

/**
 * The exact reference: the full n×n Gram matrix of M_c and its complete Jacobi eigen-decomposition,
 * O(n²·P + n³) — for tests and benchmarks. Same result conventions as trajectoryPca.
 * @internal
 */
export function exactTrajectoryPca(
  points: Float32Array,
  n: number,
  reference: Float32Array,
): PcaResult {
  const p = reference.length;
  checkShape(points, n, p);
  // M = points − reference, then centred column-wise.
  const mat = new Float64Array(n * p);
  const mean = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < p; j++) {
      const v = points[t * p + j]! - reference[j]!;
      mat[t * p + j] = v;
      mean[j] = mean[j]! + v;
    }
  }
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  let total = 0;
  for (let t = 0; t < n; t++)
    for (let j = 0; j < p; j++) {
      const c = mat[t * p + j]! - mean[j]!;
      mat[t * p + j] = c;
      total += c * c;
    }
  const gram = new Float64Array(n * n);
  for (let s = 0; s < n; s++) {
    for (let t = s; t < n; t++) {
      let dot = 0;
      for (let j = 0; j < p; j++) dot += mat[s * p + j]! * mat[t * p + j]!;
      gram[s * n + t] = dot;
      gram[t * n + s] = dot;
    }
  }
  const { values, vectors } = symmetricEigen(gram, n);
  const direction = (k: number): Float64Array => {
    const d = new Float64Array(p);
    for (let t = 0; t < n; t++) {
      const u = vectors[t * n + k]!;
      for (let j = 0; j < p; j++) d[j] = d[j]! + mat[t * p + j]! * u;
    }
    return d;
  };
  return finish(
    [direction(0), direction(1)],
    [Math.max(values[0]!, 0), Math.max(values[1]!, 0)],
    total,
  );
}
