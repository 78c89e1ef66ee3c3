/**
 * Curves with one bend between two minima (Garipov et al. 2018, "Loss Surfaces, Mode
 * Connectivity, and Fast Ensembling of DNNs"), on the flat parameter vector θ ∈ R^P:
 * - quadratic Bézier: φ(t) = (1−t)² w₀ + 2t(1−t) w₁ + t² w₂;
 * - polygonal chain: φ(t) = (1−2t) w₀ + 2t w₁ for t ≤ ½, (2−2t) w₁ + (2t−1) w₂ for t > ½.
 * Both are linear in (w₀, w₁, w₂): φ(t) = c₀(t) w₀ + c₁(t) w₁ + c₂(t) w₂ with c₀ + c₁ + c₂ = 1, and
 * ∂φ(t)/∂w₁ = c₁(t) (the chain rule of the curve loss's gradient with respect to the bend).
 */

/** The curve shapes. */
export type CurveType = 'bezier' | 'chain';
export const CURVE_TYPES: readonly CurveType[] = ['bezier', 'chain'];

/** The number of points at which paths are evaluated (t = i/60). */
export const PATH_POINTS = 61;

/** [c₀(t), c₁(t), c₂(t)]: the weights of w₀, w₁, w₂ in φ(t), for t ∈ [0, 1]. */
export function curveCoefficients(type: CurveType, t: number): [number, number, number] {
  if (type === 'bezier') return [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
  return t <= 0.5 ? [1 - 2 * t, 2 * t, 0] : [0, 2 - 2 * t, 2 * t - 1];
}

/** The coefficients of every t, row-major [T, 3] (the batched curve program's input). */
export function coefficientRows(type: CurveType, ts: ArrayLike<number>): Float32Array {
  const out = new Float32Array(ts.length * 3);
  for (let k = 0; k < ts.length; k++) out.set(curveCoefficients(type, ts[k]!), 3 * k);
  return out;
}

/** n evenly spaced values of t from 0 to 1, i/(n − 1), with the last exactly 1. */
export function pathTs(n = PATH_POINTS): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? 1 : i / (n - 1);
  return out;
}

/**
 * Points φ(t) of the curve for every t, row-major [T, P], summed in float64 (so t = 0 and t = 1 give
 * w₀ and w₂ exactly, and the chain's t = ½ gives w₁ exactly).
 */
export function curvePoints(
  type: CurveType,
  w0: Float32Array,
  w1: Float32Array,
  w2: Float32Array,
  ts: ArrayLike<number>,
): Float32Array {
  const p = w0.length;
  if (w1.length !== p || w2.length !== p)
    throw new RangeError(`curvePoints: w₀, w₁, w₂ must have the same length (${p})`);
  const out = new Float32Array(ts.length * p);
  for (let k = 0; k < ts.length; k++) {
    const [c0, c1, c2] = curveCoefficients(type, ts[k]!);
    const row = k * p;
    for (let j = 0; j < p; j++) out[row + j] = c0 * w0[j]! + c1 * w1[j]! + c2 * w2[j]!;
  }
  return out;
}

/** The bend's starting point: the midpoint ½(w₀ + w₂) (the curve is then the straight segment). */
export function midpoint(w0: Float32Array, w2: Float32Array): Float32Array {
  return w0.map((x, j) => 0.5 * (x + w2[j]!));
}

/**
 * The barrier height of a path: the largest loss along it minus the mean of its end losses,
 * max_t L(φ(t)) − ½(L(φ(0)) + L(φ(1))). NaN when any value is not finite.
 */
export function barrierHeight(losses: ArrayLike<number>): number {
  const n = losses.length;
  if (n === 0) return Number.NaN;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const l = losses[i]!;
    if (!Number.isFinite(l)) return Number.NaN;
    if (l > max) max = l;
  }
  return max - 0.5 * (losses[0]! + losses[n - 1]!);
}
