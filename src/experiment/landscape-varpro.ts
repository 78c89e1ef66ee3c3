/**
 * The tanh model's exact 2-D landscape as an experiment view (landscape directions 'varpro'):
 * the reduced loss L(w, s) with α eliminated by variable projection (`engine/landscape/
 * varpro-surface.ts`), every run's recorded θ mapped to (w, s), the local minima of the surface
 * and the dynamic outliers (largest residuals) at the reference point and at each minimum.
 *
 * The reference centres r are the centres bᵢ of the landscape's centre point (by default run 0's
 * final θ): s = 0 is that configuration, and s moves all centres together.
 */
import type { LandscapeConfig } from '../config/schema';
import {
  fitRanges,
  gridCoordinates,
  GRID_MAX,
  GRID_MIN,
  LandscapeCancelled,
  type LandscapeGrid,
} from '../engine/landscape/grid';
import type { ProjectedTrajectory } from '../engine/landscape/trajectory';
import {
  dynamicOutliers,
  reducedFit,
  reducedMinima,
  varProCoordinates,
  varProGrid,
  type DynamicOutliers,
  type ReducedMinimum,
  type VarProData,
} from '../engine/landscape/varpro-surface';
import { meanLoss } from '../engine/problems/problem';
import { tf, type Tensor2D } from '../engine/tf';
import type { Experiment } from './build';

/** Outliers listed per point when the config does not say. */
export const DEFAULT_OUTLIERS = 5;

/** A local minimum of the exact surface with the points that hold it up. */
export interface VarProMinimum extends ReducedMinimum {
  /** Its dynamic outliers (indices into the training split). */
  outliers: number[];
}

/** What the exact (w, s) view adds to a landscape. */
export interface VarProSummary {
  /** The reference centres r [d] (s = 0). */
  reference: Float64Array;
  /** The dynamic outliers at the reference point (w of the centre point, s = 0). */
  outliers: DynamicOutliers;
  /** Local minima of the train-loss surface inside the grid, lowest first. */
  minima: VarProMinimum[];
}

/** The slope w and the centres b of a tanh-regression θ = [w, b₁..b_d, α₁..α_d]. */
export function tanhUnits(experiment: Experiment): number {
  const problem = experiment.config.problem;
  if (problem.kind !== 'tanh-regression') {
    throw new RangeError(
      `directions 'varpro' (the exact (w, shift) landscape) is only for problem 'tanh-regression', not '${problem.kind}'`,
    );
  }
  return problem.units;
}

/** The experiment's data as a `VarProData` (1-D inputs). */
export function varProData(experiment: Experiment): VarProData {
  const data = experiment.dataset;
  if (!data || data.inputDim !== 1) throw new RangeError('the exact landscape needs 1-D data');
  return { xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest };
}

/** Ranges of a 'fit' view: the paths and (0, 0), with `margin`, at least ±0.5 wide. */
function varProRanges(trajectories: ProjectedTrajectory[], margin: number) {
  const a = trajectories.flatMap((t) => Array.from(t.a));
  const b = trajectories.flatMap((t) => Array.from(t.b));
  return fitRanges(a, b, margin, 0.5);
}

/** The exact landscape, the mapped trajectories and the summary. */
export interface VarProLandscape {
  axisLabels: [string, string];
  grid: LandscapeGrid;
  trajectories: ProjectedTrajectory[];
  varpro: VarProSummary;
}

/**
 * @param trajectories each run's recorded θ, row-major [T, P]
 * @param reference the reference point θ_c (its centres are r)
 */
export async function varProLandscape(
  experiment: Experiment,
  trajectories: Float32Array[],
  reference: Float32Array,
  spec: LandscapeConfig,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<VarProLandscape> {
  const d = tanhUnits(experiment);
  const data = varProData(experiment);
  const n = spec.n;
  if (!Number.isInteger(n) || n < GRID_MIN || n > GRID_MAX) {
    throw new RangeError(
      `grid resolution must be a whole number from ${GRID_MIN} to ${GRID_MAX}, got ${n}`,
    );
  }
  const centres = Float64Array.from(reference.subarray(1, 1 + d));
  const mapped = await mapTrajectories(experiment, trajectories, centres, data);
  let aRange: [number, number];
  let bRange: [number, number];
  if (Array.isArray(spec.range)) {
    aRange = [spec.range[0], spec.range[1]];
    bRange = [spec.range[0], spec.range[1]];
  } else {
    ({ aRange, bRange } = varProRanges(mapped, spec.margin));
  }
  const a = gridCoordinates(n, aRange[0], aRange[1]);
  const b = gridCoordinates(n, bRange[0], bRange[1]);
  // One row of s at a time, giving the event loop a turn between rows (cancel, progress).
  const train = new Float64Array(n * n);
  const test = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    if (options.signal?.aborted) throw new LandscapeCancelled();
    const row = varProGrid(data, centres, a, b.subarray(j, j + 1));
    train.set(row.trainLoss, j * n);
    test.set(row.testLoss, j * n);
    options.onProgress?.((j + 1) * n, n * n);
    if (j % 8 === 7) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (options.signal?.aborted) throw new LandscapeCancelled();
  const values: LandscapeGrid['values'] = {};
  for (const metric of spec.metrics) {
    if (metric === 'trainLoss') values.trainLoss = Float32Array.from(train);
    else if (metric === 'testLoss') values.testLoss = Float32Array.from(test);
    else throw new RangeError(`the exact landscape shows losses, not '${metric}'`);
  }
  const count = spec.outliers ?? DEFAULT_OUTLIERS;
  const minima = reducedMinima(data, centres, a, b, train).map((m) => ({
    ...m,
    outliers: dynamicOutliers(data, centres, m.w, m.s, count).indices,
  }));
  return {
    axisLabels: ['w', 'shift'],
    grid: { n, a, b, values, chunkSize: n, threads: 1 },
    trajectories: mapped,
    varpro: {
      reference: centres,
      outliers: dynamicOutliers(data, centres, reference[0]!, 0, count),
      minima,
    },
  };
}

/**
 * Every run's path in (w, s), with the true training loss L(θ_t) (the model the optimiser
 * trained, batched on the backend) and the surface's L(w_t, s_t) (exact, float64) under it.
 */
export async function mapTrajectories(
  experiment: Experiment,
  trajectories: Float32Array[],
  centres: ArrayLike<number>,
  data: VarProData,
): Promise<ProjectedTrajectory[]> {
  const p = experiment.problem.layout.size;
  const out: ProjectedTrajectory[] = [];
  for (const points of trajectories) {
    const t = points.length / p;
    const coords = varProCoordinates(points, centres, data);
    const planeLoss = new Float32Array(t);
    for (let k = 0; k < t; k++) {
      const w = coords.a[k]!;
      const s = coords.b[k]!;
      planeLoss[k] =
        Number.isFinite(w) && Number.isFinite(s) ? reducedFit(data, centres, w, s).trainLoss : NaN;
    }
    const lossTensor = tf.tidy(() =>
      meanLoss(experiment.problem, tf.tensor2d(points, [t, p]) as Tensor2D, 'train'),
    );
    let trueLoss: Float32Array;
    try {
      trueLoss = Float32Array.from((await lossTensor.data()) as Float32Array);
    } finally {
      lossTensor.dispose();
    }
    out.push({ ...coords, trueLoss, planeLoss });
  }
  return out;
}

/**
 * The (w, s) view of a live session: maps recorded θ into (w, s) and reads the exact surface
 * there, like a plane's projection and evaluator (plain float64 arrays: nothing to dispose).
 */
export class VarProMap {
  private readonly data: VarProData;

  /** @param reference the reference centres r [d] (s = 0) */
  constructor(
    experiment: Experiment,
    readonly reference: Float64Array,
  ) {
    tanhUnits(experiment);
    this.data = varProData(experiment);
  }

  /** (w, s) of points row-major [T, P], with the distance to the θ̂ they stand for. */
  project(points: Float32Array) {
    return varProCoordinates(points, this.reference, this.data);
  }

  /** The exact train or test loss of the surface at (w, s) [T] (NaN where not finite). */
  values(a: Float32Array, b: Float32Array, metric: 'trainLoss' | 'testLoss'): Float32Array {
    const out = new Float32Array(a.length);
    for (let k = 0; k < a.length; k++) {
      const w = a[k]!;
      const s = b[k]!;
      if (!Number.isFinite(w) || !Number.isFinite(s)) {
        out[k] = NaN;
        continue;
      }
      const fit = reducedFit(this.data, this.reference, w, s);
      out[k] = metric === 'trainLoss' ? fit.trainLoss : fit.testLoss;
    }
    return out;
  }
}
