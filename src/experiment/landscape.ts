/**
 * The landscape around an experiment's runs: choose the plane (random, PCA, through points, the
 * top two Hessian eigenvectors at a run's point, or a surface's axes), project every run's recorded trajectory onto it, fit the ranges, evaluate the
 * grid. Used by the CLI; the worker will share it.
 */
import { isExplicit, type NamedDirections } from '../config/directions-schema';
import type { LandscapeConfig } from '../config/schema';
import {
  coordinateAxes,
  randomPlaneDirections,
  weightsAreZero,
} from '../engine/landscape/directions';
import {
  computeLandscape,
  fitRanges,
  LandscapeCancelled,
  type LandscapeGrid,
} from '../engine/landscape/grid';
import { hessianPlane } from '../engine/landscape/hessian-plane';
import { trajectoryPca } from '../engine/landscape/pca';
import { planeThroughPoints, type Plane } from '../engine/landscape/plane';
import { projectTrajectory, type ProjectedTrajectory } from '../engine/landscape/trajectory';
import { Rng } from '../engine/math/random';
import { surfaceDefinition } from '../engine/problems/surfaces';
import type { Experiment } from './build';
import { varProLandscape, type VarProSummary } from './landscape-varpro';

/** A landscape with the plane it was computed on and every run projected onto it. */
export interface ExperimentLandscape {
  /** How the plane was chosen ('explicit': given as numbers in the config). */
  directions: NamedDirections | 'explicit';
  /** The plane in θ; null for 'varpro', whose (w, s) coordinates are no plane (see `varpro`). */
  plane: Plane | null;
  /** Variance explained by each axis (PCA only). */
  explained: [number, number] | null;
  axisLabels: [string, string];
  grid: LandscapeGrid;
  /** The grid's ranges along d₁ and d₂, as computed (float64; the coordinates are float32). */
  aRange: [number, number];
  bRange: [number, number];
  /** One per run, in run order. */
  trajectories: ProjectedTrajectory[];
  /** 'varpro' only: reference centres, dynamic outliers and the surface's local minima. */
  varpro: VarProSummary | null;
}

/**
 * @param trajectories each run's recorded θ, row-major [T, P] (T recorded steps)
 */
export async function experimentLandscape(
  experiment: Experiment,
  trajectories: Float32Array[],
  spec: LandscapeConfig,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ExperimentLandscape> {
  const { problem, config } = experiment;
  const p = problem.layout.size;
  const point = (ref: { run: number; at: 'initial' | 'final' }): Float32Array => {
    const t = trajectories[ref.run]!;
    const rows = t.length / p;
    const row = ref.at === 'initial' ? 0 : rows - 1;
    return t.slice(row * p, (row + 1) * p);
  };
  const explicit = isExplicit(spec.directions) ? spec.directions : null;
  const directions: ExperimentLandscape['directions'] = explicit
    ? 'explicit'
    : ((spec.directions as NamedDirections | undefined) ??
      (problem.task === 'surface' ? 'axes' : 'random'));
  if (directions === 'varpro') {
    const exact = await varProLandscape(
      experiment,
      trajectories,
      point(spec.centre),
      spec,
      options,
    );
    const { a, b } = exact.grid;
    const extent = (v: Float32Array): [number, number] => [v[0]!, v[v.length - 1]!];
    return {
      directions,
      plane: null,
      explained: null,
      aRange: extent(a),
      bRange: extent(b),
      ...exact,
    };
  }
  let plane: Plane;
  let explained: [number, number] | null = null;
  let axisLabels: [string, string];
  switch (directions) {
    case 'explicit': {
      // The numbers as given (float32, as every plane here): no scaling, no orthogonalisation.
      const given = explicit!;
      plane = {
        centre: given.centre ? Float32Array.from(given.centre) : point(spec.centre),
        d1: Float32Array.from(given.d1),
        d2: Float32Array.from(given.d2),
      };
      axisLabels = ['d₁ (explicit)', 'd₂ (explicit)'];
      break;
    }
    case 'axes':
      plane = { centre: new Float32Array(2), ...coordinateAxes() };
      axisLabels = ['x', 'y'];
      break;
    case 'random': {
      const centre = point(spec.centre);
      const rng =
        spec.seed !== undefined ? new Rng(spec.seed) : Rng.derive(config.seed, 'directions');
      plane = {
        centre,
        ...randomPlaneDirections(centre, problem.layout, rng, {
          mode: spec.normalization,
          bias: spec.bias,
          orthogonalize: spec.orthogonalize,
        }),
      };
      const kind =
        spec.normalization === 'none'
          ? 'random'
          : weightsAreZero(centre, problem.layout)
            ? 'unit-norm: θ = 0 at the centre'
            : `${spec.normalization}-normalised`;
      axisLabels = [`δ₁ (${kind})`, `δ₂ (${kind})`];
      break;
    }
    case 'pca': {
      const reference = point(spec.centre);
      const rows = trajectories.reduce((s, t) => s + t.length / p, 0);
      const all = new Float32Array(rows * p);
      let offset = 0;
      for (const t of trajectories) {
        all.set(t, offset);
        offset += t.length;
      }
      const pca = await trajectoryPca(all, rows, reference, {
        signal: options.signal,
        onProgress: options.onProgress,
      });
      plane = { centre: reference, d1: pca.d1, d2: pca.d2 };
      explained = pca.explained;
      axisLabels = [
        `PC1 (${(100 * pca.explained[0]).toFixed(1)} %)`,
        `PC2 (${(100 * pca.explained[1]).toFixed(1)} %)`,
      ];
      break;
    }
    case 'hessian': {
      const eigen = await hessianPlane(problem, point(spec.centre), {
        seed: spec.seed ?? 1,
        onStep: () => {
          if (options.signal?.aborted) throw new LandscapeCancelled();
        },
      });
      plane = { centre: eigen.centre, d1: eigen.d1, d2: eigen.d2 };
      axisLabels = [
        `v₁ (λ = ${formatEigenvalue(eigen.values[0])})`,
        `v₂ (λ = ${formatEigenvalue(eigen.values[1])})`,
      ];
      break;
    }
    case 'points': {
      const [a, b, c] = spec.through!;
      plane = planeThroughPoints(point(a), point(b), point(c));
      const label = (p: { run: number; at: 'initial' | 'final' }) =>
        `${experiment.names[p.run] ?? `run ${p.run}`} ${p.at === 'initial' ? 'start' : 'end'}`;
      axisLabels = [`${label(a)} → ${label(b)}`, `⊥ towards ${label(c)}`];
      break;
    }
  }
  const projected: ProjectedTrajectory[] = [];
  for (const t of trajectories) projected.push(await projectTrajectory(problem, plane, t));
  let aRange: [number, number];
  let bRange: [number, number];
  const fitToPaths = () => {
    const a = projected.flatMap((t) => Array.from(t.a));
    const b = projected.flatMap((t) => Array.from(t.b));
    return fitRanges(a, b, spec.margin);
  };
  if (explicit) {
    // The plane's own ranges first, then landscape.range ('fit': to the paths), else [−1, 1].
    const fitted = spec.range === 'fit' ? fitToPaths() : null;
    const both: [number, number] = Array.isArray(spec.range)
      ? [spec.range[0], spec.range[1]]
      : [-1, 1];
    const given = (r: readonly [number, number] | undefined, fit: [number, number] | undefined) =>
      r ? ([r[0], r[1]] as [number, number]) : (fit ?? both);
    aRange = given(explicit.aRange, fitted?.aRange);
    bRange = given(explicit.bRange, fitted?.bRange);
  } else if (Array.isArray(spec.range)) {
    aRange = [spec.range[0], spec.range[1]];
    bRange = [spec.range[0], spec.range[1]];
  } else if (
    spec.range === 'fit' ||
    directions === 'pca' ||
    directions === 'points' ||
    directions === 'hessian'
  ) {
    ({ aRange, bRange } = fitToPaths());
  } else if (directions === 'axes' && problem.task === 'surface') {
    const w = surfaceDefinition(problem.name).window;
    aRange = [w[0], w[1]];
    bRange = [w[2], w[3]];
  } else {
    aRange = [-1, 1];
    bRange = [-1, 1];
  }
  const grid = await computeLandscape({
    problem,
    plane,
    n: spec.n,
    aRange,
    bRange,
    metrics: spec.metrics,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return {
    directions,
    plane,
    explained,
    axisLabels,
    grid,
    aRange,
    bRange,
    trajectories: projected,
    varpro: null,
  };
}

/** An eigenvalue for an axis label: three significant digits (e.g. 3.54, −0.0123, 1.20e+3). */
export function formatEigenvalue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const text =
    abs !== 0 && (abs >= 1e4 || abs < 1e-3) ? value.toExponential(2) : value.toPrecision(3);
  return text.replace('-', '−');
}
