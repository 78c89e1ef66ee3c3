/**
 * Geometry of the gradient-noise ellipses drawn at a run's marker (pure functions, tested): the
 * covariance Σ of one SGD step's plane coordinates (a, b) as a closed SVG path, magnified by a
 * factor so the largest ellipse is visible at the map's scale.
 */
import type { ResultSymmetric2 } from '../config/noise-result';

/** Eigen-decomposition of a symmetric 2×2 matrix: λ₁ ≥ λ₂ and the major axis' unit vector. */
export function principalAxes(c: ResultSymmetric2): {
  l1: number;
  l2: number;
  u: [number, number];
} {
  const mean = (c.xx + c.yy) / 2;
  const radius = Math.hypot((c.xx - c.yy) / 2, c.xy);
  const angle = radius === 0 ? 0 : 0.5 * Math.atan2(2 * c.xy, c.xx - c.yy);
  return { l1: mean + radius, l2: mean - radius, u: [Math.cos(angle), Math.sin(angle)] };
}

/**
 * Points (a, b) of the ellipse {x : (x − c)ᵀ Σ⁻¹ (x − c) = k²} around `centre`, scaled by
 * `magnify` (`k` = `sigmas`): c + magnify·k·(√λ₁ cos φ u₁ + √λ₂ sin φ u₂), `count` points.
 */
export function ellipsePoints(
  centre: [number, number],
  c: ResultSymmetric2,
  magnify: number,
  sigmas = 2,
  count = 72,
): [number, number][] {
  const { l1, l2, u } = principalAxes(c);
  const r1 = magnify * sigmas * Math.sqrt(Math.max(l1, 0));
  const r2 = magnify * sigmas * Math.sqrt(Math.max(l2, 0));
  const out: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    const phi = (2 * Math.PI * k) / count;
    const x = r1 * Math.cos(phi);
    const y = r2 * Math.sin(phi);
    out.push([centre[0] + x * u[0] - y * u[1], centre[1] + x * u[1] + y * u[0]]);
  }
  return out;
}

/**
 * The magnification that makes an ellipse of covariance `c` (2σ) span `fraction` of the plane's
 * shorter side (a-range and b-range in plane units), rounded to 1, 2 or 5 × 10ⁿ so the label reads
 * well; 1 when the covariance is zero.
 */
export function displayMagnification(
  c: ResultSymmetric2,
  aSpan: number,
  bSpan: number,
  fraction = 0.12,
): number {
  const { l1 } = principalAxes(c);
  if (!(l1 > 0)) return 1;
  const raw = (fraction * Math.min(aSpan, bSpan)) / (2 * Math.sqrt(l1));
  const exponent = Math.floor(Math.log10(raw));
  const base = raw / 10 ** exponent;
  const nice = base >= 5 ? 5 : base >= 2 ? 2 : 1;
  return nice * 10 ** exponent;
}
