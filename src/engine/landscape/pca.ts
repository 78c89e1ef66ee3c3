import { symmetricEigen } from '../math/eigen';

/** The top two principal directions of a set of parameter vectors. */
export interface PcaResult {
  /** Unit principal directions [P]. */
  d1: Float32Array;
  d2: Float32Array;
  /** Fraction of the variance each explains (λ_k / Σλ), in [0, 1]. */
  explained: [number, number];
  /** Eigenvalues of the (centred) Gram matrix, descending. */
  eigenvalues: Float64Array;
}

/**
 * PCA of trajectory points (Li et al. 2018, §7): rows M_t = θ_t − θ_ref for the given points
 * (θ_ref = the final point of the trajectory, which is left out), centred by their mean as
 * scikit-learn's PCA does in the reference implementation. Computed through the small n×n Gram
 * matrix G = M Mᵀ: with G u = λ u, the principal direction is Mᵀu / √λ (unit length).
 *
 * @param points row-major [n, P] parameter vectors (one or several runs' recorded θ)
 * @param reference θ_ref [P]
 */
export function trajectoryPca(points: Float32Array, n: number, reference: Float32Array): PcaResult {
  const p = reference.length;
  if (points.length !== n * p)
    throw new RangeError(`trajectoryPca: ${points.length} values for ${n}×${p}`);
  if (n < 2)
    throw new RangeError('trajectoryPca: needs at least two recorded points besides the reference');
  // M = points − reference, then centred column-wise.
  const m = new Float64Array(n * p);
  const mean = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < p; j++) {
      const v = points[t * p + j]! - reference[j]!;
      m[t * p + j] = v;
      mean[j] = mean[j]! + v / n;
    }
  }
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) m[t * p + j] = m[t * p + j]! - mean[j]!;
  const gram = new Float64Array(n * n);
  for (let s = 0; s < n; s++) {
    for (let t = s; t < n; t++) {
      let dot = 0;
      for (let j = 0; j < p; j++) dot += m[s * p + j]! * m[t * p + j]!;
      gram[s * n + t] = dot;
      gram[t * n + s] = dot;
    }
  }
  const { values, vectors } = symmetricEigen(gram, n);
  const total = values.reduce((a, v) => a + Math.max(v, 0), 0);
  const direction = (k: number): Float32Array => {
    const lambda = Math.max(values[k]!, 0);
    const d = new Float32Array(p);
    if (lambda === 0) return d;
    for (let t = 0; t < n; t++) {
      const u = vectors[t * n + k]!;
      for (let j = 0; j < p; j++) d[j] = d[j]! + (m[t * p + j]! * u) / Math.sqrt(lambda);
    }
    return d;
  };
  return {
    d1: direction(0),
    d2: direction(1),
    explained: [
      total > 0 ? Math.max(values[0]!, 0) / total : 0,
      total > 0 ? Math.max(values[1]!, 0) / total : 0,
    ],
    eigenvalues: values,
  };
}
