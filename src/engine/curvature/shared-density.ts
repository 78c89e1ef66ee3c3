/**
 * Several SLQ spectral densities (./slq.ts) on ONE grid with ONE smoothing width, so that their
 * curves overlay (flat vs sharp: two minima's spectra on the same axis).
 * - `quadratureAtPoints`: the quadrature nodes θ_j and weights τ_j of several points at once, every
 *   (point, probe) pair a Lanczos lane, so each step is one batched Hessian-vector product over all
 *   points; every point gets the same seeded Rademacher probes `spectralDensity` would draw.
 * - `densitiesOnSharedGrid`: each density (1/n_v) Σ_probes Σ_j τ_j N(t; θ_j, σ²) from its own
 *   nodes and weights on a grid covering every node of every density ± 5σ, so each integrates to 1.
 */
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { rademacher } from './hutchinson';
import { lanczos, tridiagonalEigen } from './lanczos';
import { hessianOperator, type CurvatureLoss } from './operator';
import type { SpectralDensity } from './slq';

export interface QuadratureOptions {
  /** Probes per point (default 8). */
  probes?: number;
  /** Lanczos steps per probe (default 30; capped at P). */
  iterations?: number;
  seed?: number;
  loss?: CurvatureLoss;
  onStep?: (step: number, iterations: number) => void | Promise<void>;
}

/** The SLQ quadrature (nodes and weights per probe) of the Hessian at every point [P]. */
export async function quadratureAtPoints(
  problem: Problem,
  thetas: readonly Float32Array[],
  options: QuadratureOptions = {},
): Promise<Pick<SpectralDensity, 'nodes' | 'weights'>[]> {
  const probes = options.probes ?? 8;
  const P = problem.layout.size;
  if (!Number.isInteger(probes) || probes < 1)
    throw new RangeError(`density: probes must be a whole number ≥ 1 (got ${probes})`);
  const rng = new Rng(options.seed ?? 1);
  const starts = Array.from({ length: probes }, () => rademacher(rng, P));
  const laneTheta = thetas.flatMap((theta) => starts.map(() => theta));
  const products = hessianOperator(problem, options.loss);
  const lanes = await lanczos({
    starts: thetas.flatMap(() => starts),
    iterations: Math.min(options.iterations ?? 30, P),
    keepBasis: false,
    apply: (vectors, laneIds) =>
      products(
        laneIds.map((l) => laneTheta[l]!),
        vectors,
      ),
    onStep: options.onStep,
  });
  return thetas.map((_, k) => {
    const nodes: Float64Array[] = [];
    const weights: Float64Array[] = [];
    for (const lane of lanes.slice(k * probes, (k + 1) * probes)) {
      const { values, vectors } = tridiagonalEigen(lane);
      nodes.push(values);
      weights.push(Float64Array.from(values, (_, j) => vectors[j]! ** 2)); // first row of S
    }
    return { nodes, weights };
  });
}

export interface SharedDensities {
  /** Evenly spaced points t [points], shared by every density. */
  grid: Float64Array;
  /** The smoothing width σ used for all. */
  sigma: number;
  /** One density per input, each [points] on `grid`. */
  densities: Float64Array[];
}

/**
 * @param sigma the Gaussian width; default 1 % of the range of all the nodes together (at least
 *   1e-6 of their scale), the rule `spectralDensity` uses for one density.
 */
export function densitiesOnSharedGrid(
  inputs: readonly Pick<SpectralDensity, 'nodes' | 'weights'>[],
  points: number,
  sigma?: number,
): SharedDensities {
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`density: points must be a whole number ≥ 2 (got ${points})`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of inputs) {
    for (const ns of d.nodes) {
      for (const x of ns) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi)))
    throw new RangeError('density: the quadrature nodes are missing or not finite');
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-30);
  const width = sigma ?? Math.max(0.01 * (hi - lo), 1e-6 * scale);
  if (!(width > 0)) throw new RangeError(`density: sigma must be > 0 (got ${width})`);
  const from = lo - 5 * width;
  const to = hi + 5 * width;
  const grid = new Float64Array(points);
  for (let g = 0; g < points; g++) grid[g] = from + ((to - from) * g) / (points - 1);
  const densities = inputs.map((d) => {
    const out = new Float64Array(points);
    const norm = 1 / (Math.sqrt(2 * Math.PI) * width * d.nodes.length);
    for (let g = 0; g < points; g++) {
      const t = grid[g]!;
      let s = 0;
      d.nodes.forEach((ns, l) => {
        const ws = d.weights[l]!;
        for (let j = 0; j < ns.length; j++)
          s += ws[j]! * Math.exp(-0.5 * ((t - ns[j]!) / width) ** 2);
      });
      out[g] = s * norm;
    }
    return out;
  });
  return { grid, sigma: width, densities };
}
