/**
 * The analytic 2-D surfaces in closed form on the page thread: f(x, y), its gradient and its
 * Hessian, in float64, with no imports (the engine's tfjs definitions, `engine/problems/
 * surfaces.ts`, live behind the layering rule; `surface-calculus.test.ts` checks every f here
 * against them and every derivative against finite differences).
 *
 *   quadratic      ½ (x² + κ y²)                         H = diag(1, κ)
 *   rosenbrock     (1 − x)² + 100 (y − x²)²
 *   beale          Σᵢ₌₁³ (cᵢ − x + x yⁱ)², c = (1.5, 2.25, 2.625)
 *   himmelblau     (x² + y − 11)² + (x + y² − 7)²
 *   saddle         x² − y²                               H = diag(2, −2)
 *   rastrigin      20 + x² − 10 cos 2πx + y² − 10 cos 2πy
 *   plateau-cliff  1 − exp(−(x² + y²)) + 2 σ(15 (x − 1))
 *
 * Sums of squares Σ rᵢ² use ∇f = Σ 2 rᵢ ∇rᵢ and ∇²f = Σ 2 (∇rᵢ ∇rᵢᵀ + rᵢ ∇²rᵢ).
 */

/** A symmetric 2×2 matrix [h_xx, h_xy, h_yy]. */
export type Sym2 = [number, number, number];

export interface SurfaceCalculus {
  /** f(x, y). */
  value(x: number, y: number): number;
  /** ∇f(x, y) = [∂f/∂x, ∂f/∂y]. */
  gradient(x: number, y: number): [number, number];
  /** ∇²f(x, y) as [h_xx, h_xy, h_yy]. */
  hessian(x: number, y: number): Sym2;
  /** f is a quadratic polynomial: its second-order Taylor model is exact everywhere. */
  quadratic: boolean;
}

/** A residual r(x, y) with its gradient and Hessian, for sums of squares. */
interface Residual {
  r: number;
  g: [number, number];
  h: Sym2;
}

function sumOfSquares(residuals: (x: number, y: number) => Residual[]): SurfaceCalculus {
  return {
    quadratic: false,
    value: (x, y) => residuals(x, y).reduce((s, { r }) => s + r * r, 0),
    gradient: (x, y) =>
      residuals(x, y).reduce<[number, number]>(
        (s, { r, g }) => [s[0] + 2 * r * g[0], s[1] + 2 * r * g[1]],
        [0, 0],
      ),
    hessian: (x, y) =>
      residuals(x, y).reduce<Sym2>(
        (s, { r, g, h }) => [
          s[0] + 2 * (g[0] * g[0] + r * h[0]),
          s[1] + 2 * (g[0] * g[1] + r * h[1]),
          s[2] + 2 * (g[1] * g[1] + r * h[2]),
        ],
        [0, 0, 0],
      ),
  };
}

const BEALE_C = [1.5, 2.25, 2.625] as const;

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));

/**
 * The calculus of the surface called `name` (κ: the quadratic's condition number), or null for a
 * name that is not an analytic surface.
 */
export function surfaceCalculus(name: string, kappa = 10): SurfaceCalculus | null {
  switch (name) {
    case 'quadratic':
      return {
        quadratic: true,
        value: (x, y) => 0.5 * (x * x + kappa * y * y),
        gradient: (x, y) => [x, kappa * y],
        hessian: () => [1, 0, kappa],
      };
    case 'rosenbrock':
      return {
        quadratic: false,
        value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
        gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
        hessian: (x, y) => [2 - 400 * y + 1200 * x * x, -400 * x, 200],
      };
    case 'beale':
      return sumOfSquares((x, y) =>
        BEALE_C.map((c, k) => {
          const i = k + 1;
          return {
            r: c - x + x * y ** i,
            g: [y ** i - 1, i * x * y ** (i - 1)],
            h: [0, i * y ** (i - 1), i * (i - 1) * x * y ** Math.max(0, i - 2)],
          };
        }),
      );
    case 'himmelblau':
      return sumOfSquares((x, y) => [
        { r: x * x + y - 11, g: [2 * x, 1], h: [2, 0, 0] },
        { r: x + y * y - 7, g: [1, 2 * y], h: [0, 0, 2] },
      ]);
    case 'saddle':
      return {
        quadratic: true,
        value: (x, y) => x * x - y * y,
        gradient: (x, y) => [2 * x, -2 * y],
        hessian: () => [2, 0, -2],
      };
    case 'rastrigin': {
      const w = 2 * Math.PI;
      return {
        quadratic: false,
        value: (x, y) => 20 + x * x - 10 * Math.cos(w * x) + y * y - 10 * Math.cos(w * y),
        gradient: (x, y) => [2 * x + 10 * w * Math.sin(w * x), 2 * y + 10 * w * Math.sin(w * y)],
        hessian: (x, y) => [2 + 10 * w * w * Math.cos(w * x), 0, 2 + 10 * w * w * Math.cos(w * y)],
      };
    }
    case 'plateau-cliff':
      return {
        quadratic: false,
        value: (x, y) => 1 - Math.exp(-(x * x + y * y)) + 2 * sigmoid(15 * (x - 1)),
        gradient: (x, y) => {
          const e = Math.exp(-(x * x + y * y));
          const s = sigmoid(15 * (x - 1));
          return [2 * x * e + 30 * s * (1 - s), 2 * y * e];
        },
        hessian: (x, y) => {
          const e = Math.exp(-(x * x + y * y));
          const s = sigmoid(15 * (x - 1));
          return [
            (2 - 4 * x * x) * e + 450 * s * (1 - s) * (1 - 2 * s),
            -4 * x * y * e,
            (2 - 4 * y * y) * e,
          ];
        },
      };
    default:
      return null;
  }
}

/**
 * Eigen-decomposition of a symmetric 2×2 matrix: λ₁ ≥ λ₂ with unit eigenvectors v₁ ⊥ v₂
 * (λ = (a + c)/2 ± √(((a − c)/2)² + b²) for [[a, b], [b, c]]).
 */
export function symmetricEigen2([a, b, c]: Sym2): {
  values: [number, number];
  vectors: [[number, number], [number, number]];
} {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const l1 = mean + radius;
  const l2 = mean - radius;
  let v1: [number, number];
  if (b === 0) v1 = a >= c ? [1, 0] : [0, 1];
  else {
    // (A − λ₁I)v = 0 ⇒ v ∝ (λ₁ − c, b) (or (b, λ₁ − a), whichever is larger, for accuracy).
    const p: [number, number] = [l1 - c, b];
    const q: [number, number] = [b, l1 - a];
    v1 = Math.hypot(...p) >= Math.hypot(...q) ? p : q;
    const norm = Math.hypot(...v1);
    v1 = [v1[0] / norm, v1[1] / norm];
  }
  return { values: [l1, l2], vectors: [v1, [-v1[1], v1[0]]] };
}
