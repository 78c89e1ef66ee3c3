/**
 * The Hessian's spectral density by stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017;
 * Ghorbani, Krishnan & Xiao 2019). For a unit probe v, m Lanczos steps give T = QᵀHQ; with
 * T = S diag(θ) Sᵀ, the nodes θⱼ and weights τⱼ = S₁ⱼ² form an m-point Gauss quadrature of the
 * spectral measure μ_v = Σᵢ (uᵢ·v)² δ(λᵢ), and E_v[μ_v] = (1/P) Σᵢ δ(λᵢ) for v uniform on the
 * sphere or a normalised Rademacher vector. Averaging over probes and smoothing every node with a
 * Gaussian of width σ gives a density that integrates to 1 (Σⱼ τⱼ = 1 per probe). Its mean is
 * (1/n_v) Σ v·Hv ≈ tr(H)/P and its second moment (1/n_v) Σ ‖Hv‖² ≈ tr(H²)/P (+ σ² from smoothing).
 * Negative nodes are kept: saddles have negative curvature and the density shows it.
 */
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { rademacher } from './hutchinson';
import { lanczos, tridiagonalEigen } from './lanczos';
import { hessianOperator, type CurvatureLoss } from './operator';

export interface SpectralDensity {
  /** Quadrature nodes per probe (eigenvalues of each probe's T). */
  nodes: Float64Array[];
  /** Quadrature weights per probe (sum 1 each). */
  weights: Float64Array[];
  /** Smoothing width σ used. */
  sigma: number;
  /** Evenly spaced points t covering every node ± 5σ. */
  grid: Float64Array;
  /** The smoothed density at `grid` (∫ ≈ 1). */
  density: Float64Array;
  /** Σ τ θ and Σ τ θ² averaged over probes (the unsmoothed quadrature's moments). */
  moments: [number, number];
  /**
   * Per probe v: Σ τ θ = vᵀHv and Σ τ θ² = ‖Hv‖² (exact identities of the quadrature), whose
   * spread gives the moments' standard errors.
   */
  probeMoments: [Float64Array, Float64Array];
  /** The standard errors of `moments` over the probes (0 with one probe). */
  momentErrors: [number, number];
}

export interface DensityOptions {
  /** Probes (default 8). */
  probes?: number;
  /** Lanczos steps per probe (default 30; capped at P). */
  iterations?: number;
  /** Gaussian width; default 1 % of the nodes' range (at least 1e-6 of their scale). */
  sigma?: number;
  /** Points of the density curve (default 400). */
  points?: number;
  seed?: number;
  loss?: CurvatureLoss;
  onStep?: (step: number, iterations: number) => void | Promise<void>;
}

export async function spectralDensity(
  problem: Problem,
  theta: Float32Array,
  options: DensityOptions = {},
): Promise<SpectralDensity> {
  const probes = options.probes ?? 8;
  const P = problem.layout.size;
  const iterations = Math.min(options.iterations ?? 30, P);
  const points = options.points ?? 400;
  if (!Number.isInteger(probes) || probes < 1)
    throw new RangeError(`density: probes must be a whole number ≥ 1 (got ${probes})`);
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`density: points must be a whole number ≥ 2 (got ${points})`);
  const products = hessianOperator(problem, options.loss);
  const rng = new Rng(options.seed ?? 1);
  const starts = Array.from({ length: probes }, () => rademacher(rng, P));
  const lanes = await lanczos({
    starts,
    iterations,
    keepBasis: false,
    apply: (vectors) =>
      products(
        vectors.map(() => theta),
        vectors,
      ),
    onStep: options.onStep,
  });
  const nodes: Float64Array[] = [];
  const weights: Float64Array[] = [];
  const first = new Float64Array(probes);
  const second = new Float64Array(probes);
  lanes.forEach((lane, l) => {
    const { values, vectors } = tridiagonalEigen(lane);
    const m = lane.steps;
    const w = new Float64Array(m);
    for (let j = 0; j < m; j++) w[j] = vectors[j]! ** 2; // first row of S
    nodes.push(values);
    weights.push(w);
    for (let j = 0; j < m; j++) {
      first[l] = first[l]! + w[j]! * values[j]!;
      second[l] = second[l]! + w[j]! * values[j]! ** 2;
    }
  });
  const [m1, e1] = meanAndError(first);
  const [m2, e2] = meanAndError(second);
  let lo = Infinity;
  let hi = -Infinity;
  for (const ns of nodes) {
    for (const x of ns) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  }
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-30);
  const sigma = options.sigma ?? Math.max(0.01 * (hi - lo), 1e-6 * scale);
  if (!(sigma > 0)) throw new RangeError(`density: sigma must be > 0 (got ${sigma})`);
  const grid = new Float64Array(points);
  const density = new Float64Array(points);
  const from = lo - 5 * sigma;
  const to = hi + 5 * sigma;
  const norm = 1 / (Math.sqrt(2 * Math.PI) * sigma * probes);
  for (let g = 0; g < points; g++) {
    const t = from + ((to - from) * g) / (points - 1);
    grid[g] = t;
    let s = 0;
    nodes.forEach((ns, l) => {
      const ws = weights[l]!;
      for (let j = 0; j < ns.length; j++)
        s += ws[j]! * Math.exp(-0.5 * ((t - ns[j]!) / sigma) ** 2);
    });
    density[g] = s * norm;
  }
  return {
    nodes,
    weights,
    sigma,
    grid,
    density,
    moments: [m1, m2],
    probeMoments: [first, second],
    momentErrors: [e1, e2],
  };
}

/** The mean of `samples` and its standard error s/√n. */
function meanAndError(samples: Float64Array): [number, number] {
  const n = samples.length;
  let mean = 0;
  for (const x of samples) mean += x / n;
  let ss = 0;
  for (const x of samples) ss += (x - mean) ** 2;
  return [mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0];
}
