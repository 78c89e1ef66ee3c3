import { COEFFICIENTS } from './optimizers';

const C = COEFFICIENTS.length;

/**
 * The unified optimiser update of `applyUpdate` (see `COEFFICIENTS`) on host arrays, one pass
 * over [K, P], writing the results into `out` (which may not alias the inputs):
 *   g' = g + l2·θ
 *   m  ← a1·m + b1·g'
 *   v  ← a2·v + b2·g'²
 *   θ  ← θ(1 − η·dec) − η (cg·g' + cm·m) / (√(dv·v) + e)
 * @param coefficients [K, 11] row-major in the order of `COEFFICIENTS`
 */
export function applyUpdateOnHost(
  state: { theta: Float32Array; m: Float32Array; v: Float32Array },
  g: Float32Array,
  coefficients: Float32Array,
  k: number,
  p: number,
  out: { theta: Float32Array; m: Float32Array; v: Float32Array },
): void {
  const { theta, m, v } = state;
  for (let r = 0; r < k; r++) {
    const c = r * C;
    const lr = coefficients[c]!;
    const a1 = coefficients[c + 1]!;
    const b1 = coefficients[c + 2]!;
    const a2 = coefficients[c + 3]!;
    const b2 = coefficients[c + 4]!;
    const cg = coefficients[c + 5]!;
    const cm = coefficients[c + 6]!;
    const dv = coefficients[c + 7]!;
    const e = coefficients[c + 8]!;
    const l2 = coefficients[c + 9]!;
    const shrink = 1 - lr * coefficients[c + 10]!;
    const end = (r + 1) * p;
    for (let i = r * p; i < end; i++) {
      const th = theta[i]!;
      const gw = g[i]! + l2 * th;
      // m and v rounded to float32 before use, as the tensor program stores them.
      const mi = Math.fround(a1 * m[i]! + b1 * gw);
      const vi = Math.fround(a2 * v[i]! + b2 * gw * gw);
      out.m[i] = mi;
      out.v[i] = vi;
      out.theta[i] = th * shrink - (lr * (cg * gw + cm * mi)) / (Math.sqrt(dv * vi) + e);
    }
  }
}
