/**
 * The hard-margin SVM direction of linearly separable data, in float64 (no imports beyond
 * `min-norm`), and the two quantities the implicit-bias analysis tracks against it.
 *
 * Data are given as signed points zᵢ = yᵢ xᵢ (yᵢ ∈ {−1, +1}), row-major [m, d]. A model with a bias
 * is handled by appending 1 to every xᵢ before signing (then the bias is part of w and of its norm,
 * which is where gradient descent on (w, b) converges in direction; Soudry et al. 2018).
 *
 * Primal: ŵ = argmin ½‖w‖² s.t. zᵢ·w ≥ 1 for all i; the normalised margin of ŵ is γ = 1/‖ŵ‖.
 * Dual: min_α ½‖Σαᵢzᵢ‖² − Σαᵢ s.t. α ≥ 0 (no equality constraint: there is no free bias), with
 * w = Σαᵢzᵢ. It is solved by exact coordinate descent (each αᵢ minimised in closed form and clipped
 * at 0, as LIBLINEAR's dual solver) to a KKT violation below `tolerance`, then polished: ŵ is
 * recomputed as the minimum-norm solution of z_S·w = 1 over the support set S = {αᵢ > 0}, which is
 * exact in float64 when S is right, and kept if it is feasible and no longer than the iterate.
 *
 * Not separable (no w with every zᵢ·w > 0): the dual is unbounded (Farkas), so the iterate never
 * becomes feasible; after `maxEpochs`, or once the dual objective exceeds the bound of a margin
 * below 1e-7 of the data's radius, an error says so.
 */
import { minNormSolution } from './min-norm';

export interface MaxMarginResult {
  /** ŵ, shape [d] (‖ŵ‖ = 1/γ). */
  w: Float64Array;
  /** ŵ/‖ŵ‖, shape [d]. */
  direction: Float64Array;
  /** γ = min zᵢ·ŵ/‖ŵ‖ = 1/‖ŵ‖, the normalised (geometric) margin. */
  margin: number;
  /** Dual variables α [m] (αᵢ > 0 only on support vectors). */
  alpha: Float64Array;
  /** Indices of the support vectors (αᵢ > 0), ascending. */
  support: number[];
  /** KKT violation of the coordinate-descent iterate when it stopped. */
  kktViolation: number;
  /** Coordinate-descent epochs used. */
  epochs: number;
}

export class NotSeparableError extends Error {
  constructor(detail: string) {
    super(`the data are not linearly separable: the hard-margin SVM has no solution (${detail})`);
    this.name = 'NotSeparableError';
  }
}

export interface MaxMarginOptions {
  /** Stop when every KKT condition holds to this (absolute, in units of the margin 1). */
  tolerance?: number;
  maxEpochs?: number;
}

/** The hard-margin SVM ŵ of signed points z [m, d] row-major (see the file comment). */
export function hardMarginSvm(
  z: ArrayLike<number>,
  m: number,
  d: number,
  options: MaxMarginOptions = {},
): MaxMarginResult {
  if (z.length !== m * d)
    throw new RangeError(`hardMarginSvm: z has ${z.length} entries, expected ${m}×${d}`);
  if (m < 1) throw new RangeError('hardMarginSvm: needs at least one point');
  const tolerance = options.tolerance ?? 1e-11;
  const maxEpochs = options.maxEpochs ?? 200_000;
  const q = new Float64Array(m);
  let radius = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += z[i * d + k]! ** 2;
    q[i] = s;
    radius = Math.max(radius, Math.sqrt(s));
  }
  for (let i = 0; i < m; i++)
    if (q[i] === 0) throw new NotSeparableError(`point ${i} is 0, so no w gives it a margin`);
  // Dual objective bound of a margin of 1e-7·radius: Σα − ½‖w‖² ≤ ½‖ŵ‖² = 1/(2γ²).
  const dualBound = 0.5 / (1e-7 * radius) ** 2;
  const alpha = new Float64Array(m);
  const w = new Float64Array(d);
  let sumAlpha = 0;
  let violation = Infinity;
  let epochs = 0;
  for (; epochs < maxEpochs && violation > tolerance; epochs++) {
    violation = 0;
    for (let i = 0; i < m; i++) {
      let zw = 0;
      for (let k = 0; k < d; k++) zw += z[i * d + k]! * w[k]!;
      const grad = zw - 1;
      const old = alpha[i]!;
      // KKT: αᵢ > 0 ⇒ zᵢ·w = 1; αᵢ = 0 ⇒ zᵢ·w ≥ 1.
      violation = Math.max(violation, old > 0 ? Math.abs(grad) : Math.max(0, -grad));
      const next = Math.max(0, old - grad / q[i]!);
      const step = next - old;
      if (step !== 0) {
        alpha[i] = next;
        sumAlpha += step;
        for (let k = 0; k < d; k++) w[k] = w[k]! + step * z[i * d + k]!;
      }
    }
    if (sumAlpha - 0.5 * dot(w, w) > dualBound)
      throw new NotSeparableError(`no margin above ${1e-7 * radius} of the data's radius`);
  }
  if (violation > 1e-6)
    throw new NotSeparableError(
      `the dual solver found no separating direction in ${epochs} epochs; KKT violation ${violation.toPrecision(3)}`,
    );
  const support: number[] = [];
  for (let i = 0; i < m; i++) if (alpha[i]! > 0) support.push(i);
  let best: Float64Array = w;
  if (support.length > 0) {
    const zs = new Float64Array(support.length * d);
    support.forEach((i, r) => {
      for (let k = 0; k < d; k++) zs[r * d + k] = z[i * d + k]!;
    });
    const polished = minNormSolution(
      zs,
      support.length,
      d,
      new Float64Array(support.length).fill(1),
    ).solution;
    let feasible = true;
    for (let i = 0; i < m && feasible; i++) {
      let zw = 0;
      for (let k = 0; k < d; k++) zw += z[i * d + k]! * polished[k]!;
      if (!(zw >= 1 - 1e-9)) feasible = false;
    }
    if (feasible && dot(polished, polished) <= dot(w, w) * (1 + 1e-9)) best = polished;
  }
  const length = Math.sqrt(dot(best, best));
  return {
    w: best,
    direction: best.map((v) => v / length),
    margin: 1 / length,
    alpha,
    support,
    kktViolation: violation,
    epochs,
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** min_i zᵢ·θ / ‖θ‖ for signed points z [m, d] (negative while some point is misclassified). */
export function normalisedMargin(
  z: ArrayLike<number>,
  m: number,
  theta: ArrayLike<number>,
): number {
  const d = theta.length;
  const length = Math.sqrt(dot(theta, theta));
  let min = Infinity;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += z[i * d + k]! * theta[k]!;
    min = Math.min(min, s);
  }
  return length > 0 ? min / length : 0;
}

/**
 * The angle (radians, in [0, π]) between two non-zero vectors, as 2·atan2(‖û − v̂‖, ‖û + v̂‖),
 * which stays accurate for tiny angles where acos(û·v̂) loses half the digits. NaN if either is 0.
 */
export function angleBetween(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const nu = Math.sqrt(dot(u, u));
  const nv = Math.sqrt(dot(v, v));
  if (!(nu > 0 && nv > 0)) return NaN;
  let minus = 0;
  let plus = 0;
  for (let k = 0; k < u.length; k++) {
    const a = u[k]! / nu;
    const b = v[k]! / nv;
    minus += (a - b) ** 2;
    plus += (a + b) ** 2;
  }
  return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
}

/**
 * Signed points zᵢ = yᵢ (xᵢ, 1) of 0/1-labelled data x [m, d] row-major (yᵢ = 2·labelᵢ − 1), the
 * layout of logistic regression's θ = (w [d], b): row i is [m, d + 1].
 */
export function signedAugmented(x: ArrayLike<number>, labels: ArrayLike<number>, d: number) {
  const m = labels.length;
  const z = new Float64Array(m * (d + 1));
  for (let i = 0; i < m; i++) {
    const y = labels[i]! > 0.5 ? 1 : -1;
    for (let k = 0; k < d; k++) z[i * (d + 1) + k] = y * x[i * d + k]!;
    z[i * (d + 1) + d] = y;
  }
  return z;
}
