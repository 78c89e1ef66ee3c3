import type { DirectionPair } from './directions';

/** Points or directions that span no plane: two points coincide, three are collinear, or d₁ ∥ d₂. */
export class DegeneratePlane extends RangeError {
  constructor(
    message: string,
    readonly kind: 'coincide' | 'collinear' | 'parallel',
  ) {
    super(message);
    this.name = 'DegeneratePlane';
  }
}

/** A 2-D slice of parameter space: θ(a, b) = centre + a·d₁ + b·d₂. */
export interface Plane extends DirectionPair {
  centre: Float32Array;
}

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/**
 * The plane through three parameter vectors (Garipov et al. 2018): centre θ_A,
 * d₁ = (θ_B − θ_A)/‖θ_B − θ_A‖, d₂ = the part of θ_C − θ_A orthogonal to d₁, normalised.
 * θ_A, θ_B, θ_C then sit at (0, 0), (‖θ_B − θ_A‖, 0) and (d₁·(θ_C − θ_A), ‖GS(θ_C − θ_A)‖).
 */
export function planeThroughPoints(a: Float32Array, b: Float32Array, c: Float32Array): Plane {
  const u = b.map((x, i) => x - a[i]!);
  const nu = norm(u);
  if (!(nu > 0)) throw new DegeneratePlane('planeThroughPoints: θ_A and θ_B coincide', 'coincide');
  const d1 = u.map((x) => x / nu);
  const w = c.map((x, i) => x - a[i]!);
  let proj = 0;
  for (let i = 0; i < w.length; i++) proj += w[i]! * d1[i]!;
  const v = w.map((x, i) => x - proj * d1[i]!);
  const nv = norm(v);
  if (!(nv > 1e-6 * norm(w)))
    throw new DegeneratePlane('planeThroughPoints: the three points are collinear', 'collinear');
  return { centre: Float32Array.from(a), d1, d2: v.map((x) => x / nv) };
}

/** Points on the line θ(t) = (1 − t)θ_A + tθ_B (Goodfellow et al. 2015), row-major [T, P]. */
export function interpolationPoints(
  a: Float32Array,
  b: Float32Array,
  ts: ArrayLike<number>,
): Float32Array {
  const p = a.length;
  const out = new Float32Array(ts.length * p);
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    for (let j = 0; j < p; j++) out[k * p + j] = (1 - t) * a[j]! + t * b[j]!;
  }
  return out;
}
