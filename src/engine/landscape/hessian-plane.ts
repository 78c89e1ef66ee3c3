/**
 * The Hessian-eigenvector plane at a point θ_c: θ(a, b) = θ_c + a·v₁ + b·v₂ with v₁, v₂ the unit
 * eigenvectors of the two largest Hessian eigenvalues λ₁ ≥ λ₂ (Lanczos, engine/curvature), so the
 * loss curves along axis 1 as ½λ₁a² at the centre: the sharpest directions of the landscape,
 * in parameter units (not filter-normalised). Each vector's sign is fixed (its largest-magnitude
 * entry is positive) so that recomputing the plane at the same point gives the same picture.
 */
import { hessianTopEigen } from '../curvature/eigenpairs';
import type { CurvatureLoss } from '../curvature/operator';
import type { Problem } from '../problems/problem';
import type { Plane } from './plane';

export interface HessianPlane extends Plane {
  /** λ₁ ≥ λ₂ of the Hessian at the centre. */
  values: [number, number];
  /** Measured ‖Hvᵢ − λᵢvᵢ‖. */
  residuals: [number, number];
}

export interface HessianPlaneOptions {
  /** Lanczos steps (default 20; capped at P). */
  iterations?: number;
  seed?: number;
  loss?: CurvatureLoss;
  /** Awaited after every Lanczos step (progress; cancellation: it may throw). */
  onStep?: (step: number, iterations: number) => void | Promise<void>;
}

/** The sign of v that makes its largest-magnitude entry positive, applied (float32 copy). */
function signFixed(v: Float64Array): Float32Array {
  let largest = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[largest]!)) largest = i;
  const sign = v[largest]! < 0 ? -1 : 1;
  return Float32Array.from(v, (x) => sign * x);
}

export async function hessianPlane(
  problem: Problem,
  centre: Float32Array,
  options: HessianPlaneOptions = {},
): Promise<HessianPlane> {
  const P = problem.layout.size;
  if (P < 2) throw new RangeError(`a Hessian plane needs at least 2 parameters (P = ${P})`);
  const [eigen] = await hessianTopEigen(problem, [centre], {
    count: 2,
    iterations: Math.max(2, options.iterations ?? 20),
    seed: options.seed,
    loss: options.loss,
    onStep: options.onStep,
  });
  const { values, vectors, residuals } = eigen!;
  return {
    centre: Float32Array.from(centre),
    d1: signFixed(vectors[0]!),
    d2: signFixed(vectors[1]!),
    values: [values[0]!, values[1]!],
    residuals: [residuals[0]!, residuals[1]!],
  };
}
