/**
 * The few largest eigenpairs of a large symmetric positive semi-definite operator that is only
 * available as a product (block of vectors ↦ A·block), by thick-restarted block Krylov iteration
 * with Rayleigh–Ritz, in float64.
 *
 * Each restart starts from the current `blockSize` Ritz vectors V (and their images AV, which are
 * known without applying A again), extends the basis with `depth − 1` further Krylov blocks
 * (A·V orthogonalised against everything before it, then A of that, …), each orthonormalised by
 * modified Gram–Schmidt applied twice, and solves the small (≤ blockSize·depth)² projected problem
 * Qᵀ A Q with the Jacobi method. Directions that orthogonalisation reduces to rounding noise are
 * dropped (deflation), so rank-deficient and tiny operators need no special case: once the basis
 * spans an invariant subspace the Ritz pairs are exact. Costs blockSize·(depth − 1) products with
 * A per restart and keeps 2·blockSize·depth vectors of length `dim`.
 *
 * The start block is drawn from the seeded generator, so results are reproducible.
 */
import { symmetricEigen } from './eigen';
import { Rng } from './random';

export interface TopEigenRequest {
  /** Dimension of the space A acts on. */
  dim: number;
  /** Number of eigenpairs wanted (≤ blockSize). */
  count: number;
  /** A applied to each column (the columns are not modified; returns new arrays). */
  apply: (columns: readonly Float64Array[]) => Float64Array[];
  /**
   * An upper bound on the largest eigenvalue (e.g. the trace), > 0. Krylov directions whose
   * orthogonalised norm is below 1e-13·scale are rounding noise and are dropped.
   */
  scale: number;
  /** Columns per block; default 4. */
  blockSize?: number;
  /** Krylov blocks per restart, the restart block included; default 8 (≤ 32×32 projected problem). */
  depth?: number;
  /** Converged when ‖A y_k − θ_k y_k‖ ≤ tolerance·θ₁ for every wanted pair; default 1e-8. */
  tolerance?: number;
  /** Cap on restarts; default 300. */
  maxRestarts?: number;
  /** Seed of the start block; default 1. */
  seed?: number;
  /** Awaited after every restart (progress, yielding, cancellation: it may throw). */
  onRestart?: (state: RestartState) => void | Promise<void>;
}

export interface RestartState {
  /** Restarts done so far (1-based). */
  restart: number;
  maxRestarts: number;
  /** max_k ‖A y_k − θ_k y_k‖ / θ₁ over the wanted pairs (0 when A = 0). */
  relativeResidual: number;
  tolerance: number;
  /** Whether this was the last restart. */
  done: boolean;
}

export interface TopEigen {
  /** The `count` largest Ritz values, descending; 0 beyond the operator's numerical rank. */
  values: Float64Array;
  /** Unit Ritz vectors (orthonormal); zero vectors beyond the numerical rank. */
  vectors: Float64Array[];
  /** The final relative residual (see RestartState). */
  relativeResidual: number;
  restarts: number;
  /** True when the residual test passed (false: stagnated at rounding level or hit the cap). */
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** y −= c·x */
function axpy(y: Float64Array, c: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = y[i]! - c * x[i]!;
}

/**
 * Orthonormalises each of `vs` (in place) against `basis` and the ones accepted before it, by
 * modified Gram–Schmidt applied twice, appending the accepted ones to `basis`. A vector whose
 * remaining norm is ≤ absFloor or ≤ 1e-12 of its norm before is dropped. When `images` is given
 * (images[i] = A·vs[i]) the same linear combinations are applied to them and the accepted ones are
 * appended to `basisImages`, which must then be parallel to `basis`. Returns how many were accepted.
 */
function orthonormalizeInto(
  basis: Float64Array[],
  vs: Float64Array[],
  absFloor: number,
  images?: { of: Float64Array[]; basisImages: Float64Array[] },
): number {
  let accepted = 0;
  vs.forEach((v, i) => {
    const image = images?.of[i];
    const before = Math.sqrt(dot(v, v));
    for (let pass = 0; pass < 2; pass++) {
      basis.forEach((q, j) => {
        const c = dot(q, v);
        axpy(v, c, q);
        if (image) axpy(image, c, images!.basisImages[j]!);
      });
    }
    const after = Math.sqrt(dot(v, v));
    if (!(after > absFloor && after > 1e-12 * before)) return;
    for (let k = 0; k < v.length; k++) v[k] = v[k]! / after;
    if (image) {
      for (let k = 0; k < image.length; k++) image[k] = image[k]! / after;
      images!.basisImages.push(image);
    }
    basis.push(v);
    accepted++;
  });
  return accepted;
}

/** Σ_i c[i] · columns[i] */
function combine(columns: Float64Array[], coefficients: (i: number) => number): Float64Array {
  const out = new Float64Array(columns[0]!.length);
  columns.forEach((col, i) => {
    const c = coefficients(i);
    if (c !== 0) for (let k = 0; k < out.length; k++) out[k] = out[k]! + c * col[k]!;
  });
  return out;
}

/** The `count` largest eigenpairs of the symmetric PSD operator `apply` (see the module comment). */
export async function topEigenpairs(request: TopEigenRequest): Promise<TopEigen> {
  const { dim, count, apply } = request;
  const blockSize = request.blockSize ?? 4;
  const depth = request.depth ?? 8;
  const tolerance = request.tolerance ?? 1e-8;
  const maxRestarts = request.maxRestarts ?? 300;
  if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`topEigenpairs: dim ${dim}`);
  if (!(Number.isInteger(count) && count >= 1 && count <= blockSize))
    throw new RangeError(`topEigenpairs: count ${count} must be in [1, blockSize = ${blockSize}]`);
  if (!(depth >= 2)) throw new RangeError(`topEigenpairs: depth ${depth} must be ≥ 2`);
  const absFloor = 1e-13 * request.scale;

  const rng = new Rng(request.seed ?? 1);
  let v: Float64Array[] = [];
  const start = Array.from({ length: blockSize }, () => {
    const col = new Float64Array(dim);
    for (let i = 0; i < dim; i++) col[i] = rng.normal();
    return col;
  });
  orthonormalizeInto(v, start, 0);
  let av = apply(v);

  const values = new Float64Array(count);
  let vectors: Float64Array[] = [];
  let relativeResidual = Infinity;
  let converged = false;
  let previous: Float64Array | null = null;
  let stagnant = 0;
  let restart = 0;
  while (restart < maxRestarts) {
    restart++;
    // Re-orthonormalise the restart block (its orthogonality drifts by rounding), carrying AV.
    const q: Float64Array[] = [];
    const aq: Float64Array[] = [];
    orthonormalizeInto(q, v, 0, { of: av, basisImages: aq });
    let images = aq.slice();
    for (let step = 1; step < depth && images.length > 0; step++) {
      const from = q.length;
      orthonormalizeInto(
        q,
        images.map((x) => Float64Array.from(x)),
        absFloor,
      );
      const fresh = q.slice(from);
      if (fresh.length === 0) break; // the basis spans an invariant subspace
      images = apply(fresh);
      aq.push(...images);
    }
    const s = q.length;
    const h = new Float64Array(s * s);
    for (let i = 0; i < s; i++)
      for (let j = i; j < s; j++) {
        const x = 0.5 * (dot(q[i]!, aq[j]!) + dot(q[j]!, aq[i]!));
        h[i * s + j] = x;
        h[j * s + i] = x;
      }
    const eig = symmetricEigen(h, s);
    const keep = Math.min(blockSize, s);
    const ritz = (k: number) => combine(q, (i) => eig.vectors[i * s + k]!);
    const ritzImage = (k: number) => combine(aq, (i) => eig.vectors[i * s + k]!);
    v = Array.from({ length: keep }, (_, k) => ritz(k));
    av = Array.from({ length: keep }, (_, k) => ritzImage(k));
    const top = Math.max(s > 0 ? eig.values[0]! : 0, 0);
    let worst = 0;
    for (let k = 0; k < Math.min(count, keep); k++) {
      const r = Float64Array.from(av[k]!);
      axpy(r, eig.values[k]!, v[k]!);
      worst = Math.max(worst, Math.sqrt(dot(r, r)));
    }
    relativeResidual = top > 0 ? worst / top : 0;
    converged = relativeResidual <= tolerance;
    // Stagnation at rounding level: the wanted Ritz values stop moving for three restarts.
    const current = Float64Array.from({ length: count }, (_, k) => (k < s ? eig.values[k]! : 0));
    if (previous && current.every((x, k) => Math.abs(x - previous![k]!) <= 1e-14 * top)) stagnant++;
    else stagnant = 0;
    previous = current;
    values.set(current.map((x) => Math.max(x, 0)));
    vectors = v.slice(0, count);
    const done = converged || stagnant >= 3 || restart >= maxRestarts || s === 0;
    await request.onRestart?.({
      restart,
      maxRestarts,
      relativeResidual,
      tolerance,
      done,
    });
    if (done) break;
  }
  while (vectors.length < count) vectors.push(new Float64Array(dim));
  for (let k = 0; k < count; k++) if (values[k] === 0) vectors[k] = new Float64Array(dim);
  return { values, vectors, relativeResidual, restarts: restart, converged };
}
