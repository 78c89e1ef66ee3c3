import { leastSquares } from '../math/linalg';

/** The reduced loss at one (w, shift) and the optimal output weights there. */
export interface VarProPoint {
  /** min over α of the mean squared error: (1/m) ‖Y − Φ Φ⁺ Y‖². */
  loss: number;
  /** The least-squares output weights α*(w) = Φ⁺ Y, shape [d]. */
  alpha: Float64Array;
}

/**
 * Variable projection for the tanh model (Zancato & Chiuso): with the centres bᵢ fixed, the model
 * h = Φ(w) α, Φ_{ki} = tanh(w (x_k − bᵢ − s)), is linear in α, so the best α is the least-squares
 * solution and the loss becomes a function of w (and a shared shift s) alone:
 *   L(w, s) = (1/m) ‖Y − Φ Φ⁺ Y‖².
 * It is the exact minimum over α of the training loss of `TanhRegressionProblem` (same 1/m
 * scaling), computed in float64 by Householder QR.
 *
 * @param x inputs [m]
 * @param y targets [m]
 * @param centres the fixed centres b [d]
 */
export function varProPoint(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  centres: ArrayLike<number>,
  w: number,
  shift = 0,
): VarProPoint {
  const m = x.length;
  const d = centres.length;
  const phi = new Float64Array(m * d);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < d; i++) phi[k * d + i] = Math.tanh(w * (x[k]! - centres[i]! - shift));
  }
  const { solution, residual } = leastSquares(phi, m, d, y);
  let s = 0;
  for (let k = 0; k < m; k++) s += residual[k]! * residual[k]!;
  return { loss: s / m, alpha: solution };
}

/** The exact 1-D reduced landscape L(w) at every w in `slopes` (shift 0), shape [n]. */
export function varProCurve(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  centres: ArrayLike<number>,
  slopes: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(slopes.length);
  for (let j = 0; j < slopes.length; j++) out[j] = varProPoint(x, y, centres, slopes[j]!).loss;
  return out;
}
