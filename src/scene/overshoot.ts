/**
 * One optimiser step on an analytic surface and its second-order Taylor model (SCIENCE.md §4):
 * from θ_k the step d goes to θ_{k+1} = θ_k + d; along it
 *
 *   L(θ_k + t·d) ≈ m(t) = L + t·gᵀd + ½ t²·dᵀHd,      t ∈ [0, 1] the fraction of the step,
 *
 * with g = ∇L(θ_k), H = ∇²L(θ_k). For gradient descent d = −η g, so with s = tη
 * m = L − s‖g‖² + ½ s² gᵀHg, and along an eigen-direction vᵢ of H (eigenvalue λᵢ) the step
 * multiplies the coordinate by 1 − ηλᵢ: |1 − ηλᵢ| > 1 (η > 2/λᵢ) overshoots up the opposite wall.
 * On a quadratic m is exact; elsewhere the gap between m(1) and L(θ_{k+1}) is the third-order
 * and higher part of the surface.
 *
 * Plain numbers in, plain numbers out: the 3-D scene, the contour map and the readout draw from it.
 */
import { symmetricEigen2, type Sym2, type SurfaceCalculus } from './surface-calculus';

/** How far past the step (as a fraction of it) the curves are drawn. */
export const STEP_OVERRUN = 1.25;

export interface StepModel {
  /** θ_k = (x, y). */
  theta: [number, number];
  /** The step d = θ_{k+1} − θ_k. */
  step: [number, number];
  /** L(θ_k). */
  loss: number;
  /** g = ∇L(θ_k). */
  gradient: [number, number];
  /** H = ∇²L(θ_k) as [h_xx, h_xy, h_yy]. */
  hessian: Sym2;
  /** ‖g‖². */
  gradNormSq: number;
  /** gᵀHg. */
  gHg: number;
  /** gᵀd: the model's slope in t (negative for a descent step). */
  slope: number;
  /** dᵀHd: the model's curvature in t. */
  curvature: number;
  /** The Taylor model's loss after the step, m(1) = L + gᵀd + ½dᵀHd. */
  predicted: number;
  /** The surface's loss after the step, L(θ_k + d). */
  actual: number;
  /** Eigenvalues λ₁ ≥ λ₂ of H and their unit eigenvectors. */
  eigen: { values: [number, number]; vectors: [[number, number], [number, number]] };
  /** η when the step is a plain gradient step (d = −η(g + wd·θ)); null otherwise. */
  lr: number | null;
  /** 1 − ηλᵢ per eigen-direction (plain gradient steps only): |·| > 1 overshoots. */
  multipliers: [number, number] | null;
  /** The surface is quadratic: the model is exact. */
  exact: boolean;
}

/** How the step from θ_k is known. */
export type StepRule =
  /** Plain gradient descent: d = −η (g + wd·θ) (coupled weight decay, as the engine's SGD). */
  | { kind: 'gradient'; lr: number; weightDecay: number }
  /** The recorded next point (any optimiser, recorded every update). */
  | { kind: 'recorded'; next: [number, number] };

/** The step model at θ on `surface` for the step given by `rule`. */
export function stepModel(
  surface: SurfaceCalculus,
  theta: [number, number],
  rule: StepRule,
): StepModel {
  const [x, y] = theta;
  const loss = surface.value(x, y);
  const g = surface.gradient(x, y);
  const h = surface.hessian(x, y);
  const step: [number, number] =
    rule.kind === 'gradient'
      ? [-rule.lr * (g[0] + rule.weightDecay * x), -rule.lr * (g[1] + rule.weightDecay * y)]
      : [rule.next[0] - x, rule.next[1] - y];
  const quad = (u: [number, number], v: [number, number]) =>
    u[0] * (h[0] * v[0] + h[1] * v[1]) + u[1] * (h[1] * v[0] + h[2] * v[1]);
  const slope = g[0] * step[0] + g[1] * step[1];
  const curvature = quad(step, step);
  const eigen = symmetricEigen2(h);
  const lr = rule.kind === 'gradient' ? rule.lr : null;
  return {
    theta: [x, y],
    step,
    loss,
    gradient: g,
    hessian: h,
    gradNormSq: g[0] * g[0] + g[1] * g[1],
    gHg: quad(g, g),
    slope,
    curvature,
    predicted: loss + slope + 0.5 * curvature,
    actual: surface.value(x + step[0], y + step[1]),
    eigen,
    lr,
    multipliers: lr === null ? null : [1 - lr * eigen.values[0], 1 - lr * eigen.values[1]],
    exact: surface.quadratic,
  };
}

/** The Taylor model m(t) = L + t·gᵀd + ½t²·dᵀHd at fraction t of the step. */
export function taylorAt(model: StepModel, t: number): number {
  return model.loss + t * model.slope + 0.5 * t * t * model.curvature;
}

/** The point θ_k + t·d. */
export function pointAt(model: StepModel, t: number): [number, number] {
  return [model.theta[0] + t * model.step[0], model.theta[1] + t * model.step[1]];
}

/**
 * `count` samples t = 0 … STEP_OVERRUN along the step, each [x, y, true loss, Taylor model]
 * (row-major [count, 4], written into `out`).
 */
export function stepSamples(
  surface: SurfaceCalculus,
  model: StepModel,
  count: number,
  out = new Float64Array(count * 4),
): Float64Array {
  for (let i = 0; i < count; i++) {
    const t = count > 1 ? (STEP_OVERRUN * i) / (count - 1) : 0;
    const [x, y] = pointAt(model, t);
    out[4 * i] = x;
    out[4 * i + 1] = y;
    out[4 * i + 2] = surface.value(x, y);
    out[4 * i + 3] = taylorAt(model, t);
  }
  return out;
}
