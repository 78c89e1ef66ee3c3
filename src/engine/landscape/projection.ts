import { DegeneratePlane, type Plane } from './plane';

/** Where each trajectory point lands on a plane, and how far it is from it. */
export interface PlaneCoordinates {
  /** Least-squares coordinates [T]. */
  a: Float32Array;
  b: Float32Array;
  /** ‖θ_t − proj(θ_t)‖ [T]. */
  offPlane: Float32Array;
  /** ‖θ_t − proj(θ_t)‖ / ‖θ_t − centre‖ [T] (0 where θ_t = centre). */
  offPlaneRelative: Float32Array;
}

/**
 * Coordinates of points θ_t (row-major [T, P]) on the plane c + a d₁ + b d₂ by least squares:
 * [a, b] solves the 2×2 normal equations DᵀD x = Dᵀ(θ_t − c) with D = [d₁ d₂] (exact projection
 * when d₁, d₂ are not orthogonal, e.g. re-normalised random directions). In float64.
 */
export function projectOntoPlane(points: Float32Array, plane: Plane): PlaneCoordinates {
  const { centre, d1, d2 } = plane;
  const p = centre.length;
  const t = points.length / p;
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  for (let j = 0; j < p; j++) {
    g11 += d1[j]! * d1[j]!;
    g12 += d1[j]! * d2[j]!;
    g22 += d2[j]! * d2[j]!;
  }
  const det = g11 * g22 - g12 * g12;
  if (!(det > 1e-12 * g11 * g22))
    throw new DegeneratePlane('projectOntoPlane: the two directions are parallel', 'parallel');
  const out: PlaneCoordinates = {
    a: new Float32Array(t),
    b: new Float32Array(t),
    offPlane: new Float32Array(t),
    offPlaneRelative: new Float32Array(t),
  };
  for (let k = 0; k < t; k++) {
    let r1 = 0;
    let r2 = 0;
    let dist2 = 0;
    for (let j = 0; j < p; j++) {
      const w = points[k * p + j]! - centre[j]!;
      r1 += d1[j]! * w;
      r2 += d2[j]! * w;
      dist2 += w * w;
    }
    const a = (g22 * r1 - g12 * r2) / det;
    const b = (g11 * r2 - g12 * r1) / det;
    let res2 = 0;
    for (let j = 0; j < p; j++) {
      const r = points[k * p + j]! - centre[j]! - a * d1[j]! - b * d2[j]!;
      res2 += r * r;
    }
    out.a[k] = a;
    out.b[k] = b;
    out.offPlane[k] = Math.sqrt(res2);
    out.offPlaneRelative[k] = dist2 > 0 ? Math.sqrt(res2 / dist2) : 0;
  }
  return out;
}

/** Points c + a_k d₁ + b_k d₂ as row-major [T, P]. */
export function planePoints(
  plane: Plane,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): Float32Array {
  const p = plane.centre.length;
  const out = new Float32Array(a.length * p);
  for (let k = 0; k < a.length; k++) {
    for (let j = 0; j < p; j++)
      out[k * p + j] = plane.centre[j]! + a[k]! * plane.d1[j]! + b[k]! * plane.d2[j]!;
  }
  return out;
}
