import type { Rng } from '../math/random';
import { entrySize, type ParameterEntry, type ParameterLayout } from '../problems/layout';

/** How a random direction is scaled to θ (Li et al. 2018, "Visualizing the Loss Landscape"). */
export interface NormalizationOptions {
  /** 'filter': per unit (filter); 'layer': per tensor; 'none': raw Gaussian. */
  mode: 'filter' | 'layer' | 'none';
  /** Bias entries: 'zero' (the paper's default) or 'copy' θ's biases. */
  bias: 'zero' | 'copy';
}

export const FILTER_NORMALIZATION: NormalizationOptions = { mode: 'filter', bias: 'zero' };

/** A Gaussian N(0, 1) direction in R^P (not uniform: SCIENCE.md §3). */
export function randomDirection(rng: Rng, size: number): Float32Array {
  return rng.normals(size);
}

/**
 * The unit (filter) index of every element of a weight entry: its index along `unitAxis`.
 * For an [in, out] kernel with unitAxis 1, element (i, j) belongs to unit j (a column).
 */
function unitOf(entry: ParameterEntry, index: number): number {
  const axis = entry.unitAxis ?? entry.shape.length - 1;
  let stride = 1;
  for (let k = entry.shape.length - 1; k > axis; k--) stride *= entry.shape[k]!;
  return Math.floor(index / stride) % entry.shape[axis]!;
}

/**
 * Scales a direction to θ. Filter normalisation: for every weight tensor and every unit j,
 * d_j ← d_j · ‖θ_j‖ / ‖d_j‖ (the weights into unit j, found through the layout's `unitAxis`);
 * layer normalisation: the same per tensor. Biases are zeroed or copied from θ. A unit whose
 * direction part is zero stays zero; a unit whose weights are zero at θ gets the mean norm of the
 * tensor's non-zero units (unit norm when the whole tensor is zero), so a plane at θ = 0 still
 * spans two dimensions. Returns a new array.
 */
export function normalizeDirection(
  direction: Float32Array,
  theta: Float32Array,
  layout: ParameterLayout,
  options: NormalizationOptions = FILTER_NORMALIZATION,
): Float32Array {
  if (direction.length !== layout.size || theta.length !== layout.size) {
    throw new RangeError(`normalizeDirection: expected vectors of length P = ${layout.size}`);
  }
  const out = Float32Array.from(direction);
  if (options.mode === 'none') return out;
  for (const entry of layout.entries) {
    const size = entrySize(entry);
    const o = entry.offset;
    if (entry.kind === 'bias') {
      for (let i = 0; i < size; i++) out[o + i] = options.bias === 'copy' ? theta[o + i]! : 0;
      continue;
    }
    const units =
      options.mode === 'filter' ? entry.shape[entry.unitAxis ?? entry.shape.length - 1]! : 1;
    const dNorm = new Float64Array(units);
    const tNorm = new Float64Array(units);
    const unit = (i: number) => (options.mode === 'filter' ? unitOf(entry, i) : 0);
    for (let i = 0; i < size; i++) {
      const u = unit(i);
      dNorm[u] = dNorm[u]! + direction[o + i]! * direction[o + i]!;
      tNorm[u] = tNorm[u]! + theta[o + i]! * theta[o + i]!;
    }
    // A unit whose weights are all zero at θ (e.g. least squares at θ₀ = 0) would get a zero
    // direction, and two such directions span no plane: it takes the mean norm of the entry's
    // non-zero units instead, or unit norm when the whole entry is zero.
    let nonZero = 0;
    let normSum = 0;
    for (let u = 0; u < units; u++) {
      if (tNorm[u]! > 0) {
        nonZero++;
        normSum += Math.sqrt(tNorm[u]!);
      }
    }
    const fallbackNorm = nonZero > 0 ? normSum / nonZero : 1;
    for (let i = 0; i < size; i++) {
      const u = unit(i);
      const target = tNorm[u]! > 0 ? Math.sqrt(tNorm[u]!) : fallbackNorm;
      const scale = dNorm[u]! > 0 ? target / Math.sqrt(dNorm[u]!) : 0;
      out[o + i] = direction[o + i]! * scale;
    }
  }
  return out;
}

/** Two directions spanning the view plane. */
export interface DirectionPair {
  d1: Float32Array;
  d2: Float32Array;
}

/**
 * Two random directions normalised to θ. With `orthogonalize`, d₂ is made orthogonal to d₁
 * *after* normalisation (Gram–Schmidt) and then normalised again (orthogonalising first would
 * skew the plane; the second normalisation restores the per-unit scale, leaving d₂ nearly but
 * not exactly orthogonal).
 */
export function randomPlaneDirections(
  theta: Float32Array,
  layout: ParameterLayout,
  rng: Rng,
  options: NormalizationOptions & { orthogonalize: boolean } = {
    ...FILTER_NORMALIZATION,
    orthogonalize: false,
  },
): DirectionPair {
  const d1 = normalizeDirection(randomDirection(rng, layout.size), theta, layout, options);
  let d2 = normalizeDirection(randomDirection(rng, layout.size), theta, layout, options);
  if (options.orthogonalize) {
    d2 = normalizeDirection(removeComponent(d2, d1), theta, layout, options);
  }
  return { d1, d2 };
}

/** v − (v·u / u·u) u, in float64. */
export function removeComponent(v: Float32Array, u: Float32Array): Float32Array {
  let vu = 0;
  let uu = 0;
  for (let i = 0; i < v.length; i++) {
    vu += v[i]! * u[i]!;
    uu += u[i]! * u[i]!;
  }
  const f = uu > 0 ? vu / uu : 0;
  return v.map((x, i) => x - f * u[i]!);
}

/** The coordinate axes of R²: the exact plane of an analytic 2-D surface. */
export function coordinateAxes(): DirectionPair {
  return { d1: Float32Array.from([1, 0]), d2: Float32Array.from([0, 1]) };
}

/** True when every weight of θ is zero (filter normalisation then falls back to unit norms). */
export function weightsAreZero(theta: Float32Array, layout: ParameterLayout): boolean {
  for (const entry of layout.entries) {
    if (entry.kind === 'bias') continue;
    const size = entrySize(entry);
    for (let i = 0; i < size; i++) if (theta[entry.offset + i] !== 0) return false;
  }
  return true;
}
