/**
 * Several SLQ spectral densities (./slq.ts) redrawn on ONE grid with ONE smoothing width, so that
 * their curves overlay (flat vs sharp: two minima's spectra on the same axis). Each density is
 * (1/n_v) Σ_probes Σ_j τ_j N(t; θ_j, σ²) from that density's own quadrature nodes θ_j and
 * weights τ_j; the grid covers every node of every density ± 5σ, so each still integrates to 1.
 */
import type { SpectralDensity } from './slq';

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
