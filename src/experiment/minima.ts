/**
 * Flat vs sharp (Keskar et al. 2017, "On large-batch training for deep learning"; Li et al. 2018,
 * "Visualizing the loss landscape of neural nets"): two runs' minima θ*_a, θ*_b analysed side by
 * side with the config's `minima` block settings, shared by the CLI (after training) and the
 * worker's minima job. Per minimum: the full-split metrics at θ*, λ_max and its measured residual
 * (Lanczos, both minima as two lanes of one batched Hessian-vector product), the Hutchinson trace,
 * Keskar's ε-sharpness for every ε, the SLQ spectral density (both minima's probes as lanes of one
 * batched product per Lanczos step, drawn on one shared grid and width so the curves overlay), the train loss on a filter-normalised random plane around θ*
 * (the same n, range and Gaussian draw for both, so the two pictures share one scale) and 1-D
 * slices along the unit top eigenvector and a filter-normalised random direction. Then the
 * interpolation θ(t) = t·θ_b + (1 − t)·θ_a.
 *
 * Curvature (λ, trace, density, sharpness) is of the `split`/`batch` loss; the plane, the slices
 * and the interpolation show the full-split metrics (train loss and accuracy; test ones when there
 * is a test set). An analytic surface has no filters: its random directions are plain Gaussian.
 * Cancellable (`signal`, checked after every unit of work: Lanczos step, probe batch, ascent step,
 * plane chunk, slice) with progress.
 */
export type { LossSlice, MinimaResult, MinimumAnalysis } from '../config/result';
import { eventLoopYielder } from './event-loop';
import type { LossSlice, MinimaResult, MinimumAnalysis } from '../config/result';
import type { MinimaConfig } from '../config/schema';
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import { hutchinsonTrace } from '../engine/curvature/hutchinson';
import { densitiesOnSharedGrid, quadratureAtPoints } from '../engine/curvature/shared-density';
import {
  evaluateRows,
  lossInterpolation,
  lossSlice,
  symmetricCoordinates,
  type LineMetrics,
} from '../engine/curvature/slices';
import {
  normalizeDirection,
  randomDirection,
  randomPlaneDirections,
  type NormalizationOptions,
} from '../engine/landscape/directions';
import { computeLandscape, gridCoordinates } from '../engine/landscape/grid';
import type { LandscapeMetric } from '../engine/landscape/metrics';
import { Rng } from '../engine/math/random';
import type { Experiment } from './build';
import { curvatureLoss, sharpnessRows, type CurvatureOptions } from './curvature';

/** Probes per Hutchinson program (as the curvature analysis uses). */
const TRACE_BATCH = 25;

/** The metrics the problem can report: train loss always, test ones with a test set, accuracy for classifiers. */
export function minimaMetrics(experiment: Experiment): LandscapeMetric[] {
  const { problem } = experiment;
  const test = problem.task !== 'surface' && problem.size.test > 0;
  const metrics: LandscapeMetric[] = ['trainLoss'];
  if (test) metrics.push('testLoss');
  if (problem.accuracy) metrics.push('trainAccuracy');
  if (problem.accuracy && test) metrics.push('testAccuracy');
  return metrics;
}

/** Units of work `experimentMinima` reports (its progress total) for a problem of P parameters. */
export function minimaWork(spec: MinimaConfig, P: number): number {
  const perMinimum =
    Math.ceil(spec.trace.probes / TRACE_BATCH) +
    spec.sharpness.epsilons.length * spec.sharpness.iterations +
    1 + // plane
    2; // slices
  const lanczosSteps = Math.min(spec.eigen.iterations, P) + Math.min(spec.density.iterations, P);
  return 1 + lanczosSteps + 2 * perMinimum + 1;
}

/**
 * Compares the minima of runs `spec.runs` = [a, b]: `points[k]` is run k's point [P] to analyse
 * (its last recorded θ) and `steps[k]` its step. Throws the signal's reason when cancelled.
 */
export async function experimentMinima(
  experiment: Experiment,
  points: readonly Float32Array[],
  steps: readonly number[],
  spec: MinimaConfig,
  options: CurvatureOptions = {},
): Promise<MinimaResult> {
  const { problem, names } = experiment;
  const P = problem.layout.size;
  const [a, b] = spec.runs;
  for (const [i, k] of spec.runs.entries()) {
    if (k >= points.length)
      throw new RangeError(
        `minima.runs[${i}]: refers to run ${k}, but there are ${points.length} runs`,
      );
  }
  if (a === b) throw new RangeError('minima.runs: must name two different runs, e.g. [0, 1]');
  if (spec.split === 'test') {
    if (problem.task === 'surface')
      throw new RangeError("minima.split: an analytic surface has no test set: use 'train'");
    if (problem.size.test === 0)
      throw new RangeError("minima.split: this experiment has no test set: use 'train'");
    if (spec.batch !== 'full')
      throw new RangeError("minima.batch: a mini-batch is drawn from the train split: use 'full'");
  }
  const thetas = [points[a]!, points[b]!] as const;
  const loss = curvatureLoss(problem, spec);
  const metrics = minimaMetrics(experiment);
  const total = minimaWork(spec, P);
  const { signal } = options;
  let done = 0;
  const check = () => {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
  };
  // Messages (Cancel, a newer job, Reset, pause) get in every ~10 ms.
  const yieldToEvents = eventLoopYielder();
  const tick = async () => {
    await yieldToEvents();
    check();
    options.onProgress?.(++done, total);
  };
  /** Runs a step that may throw its own cancellation error; the signal's reason wins. */
  const cancellable = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      check();
      throw error;
    }
  };

  // The metrics at both minima (one [2, P] program per metric).
  const both = new Float32Array(2 * P);
  both.set(thetas[0], 0);
  both.set(thetas[1], P);
  const atMinima = await evaluateRows(problem, both, metrics, { signal });
  await tick();

  // λ_max of both minima: two Lanczos lanes, one batched product per step.
  const eigen = await hessianTopEigen(problem, [...thetas], {
    count: 1,
    iterations: spec.eigen.iterations,
    loss,
    seed: spec.seed,
    onStep: tick,
  });

  const normalization: NormalizationOptions = {
    mode: problem.task === 'surface' ? 'none' : 'filter',
    bias: 'zero',
  };
  const sliceCoords = symmetricCoordinates(spec.slices.points, spec.slices.range);
  const eigenCoords = symmetricCoordinates(spec.slices.points, spec.slices.eigenRange);
  const range: [number, number] = [-spec.plane.range, spec.plane.range];
  // Both minima's SLQ quadratures: every (minimum, probe) pair a lane of one batched product.
  const quadratures = await quadratureAtPoints(problem, [...thetas], {
    probes: spec.density.probes,
    iterations: spec.density.iterations,
    loss,
    seed: spec.seed,
    onStep: tick,
  });
  const partial: Omit<MinimumAnalysis, 'density'>[] = [];
  for (const [i, run] of spec.runs.entries()) {
    const theta = thetas[i]!;
    const trace = await hutchinsonTrace(problem, theta, {
      probes: spec.trace.probes,
      batch: TRACE_BATCH,
      loss,
      seed: spec.seed,
      onBatch: tick,
    });
    const sharpness = await sharpnessRows(problem, theta, spec.sharpness, loss, spec.seed, tick);
    // The same Gaussian draw at both minima, each normalised to its own filters.
    const directions = randomPlaneDirections(
      theta,
      problem.layout,
      Rng.derive(spec.seed, 'minima-plane'),
      {
        ...normalization,
        orthogonalize: false,
      },
    );
    const grid = await cancellable(
      computeLandscape({
        problem,
        plane: { centre: theta, ...directions },
        n: spec.plane.n,
        aRange: range,
        bRange: range,
        metrics: ['trainLoss'],
        signal,
      }),
    );
    await tick();
    const randomDirectionAtMinimum = normalizeDirection(
      randomDirection(Rng.derive(spec.seed, 'minima-slice'), P),
      theta,
      problem.layout,
      normalization,
    );
    const eigenSlice = await lossSlice(
      problem,
      theta,
      eigen[i]!.vectors[0]!,
      eigenCoords,
      metrics,
      {
        signal,
      },
    );
    await tick();
    const randomSlice = await lossSlice(
      problem,
      theta,
      randomDirectionAtMinimum,
      sliceCoords,
      metrics,
      { signal },
    );
    await tick();
    const value = (metric: LandscapeMetric): number | null =>
      atMinima[metric] ? atMinima[metric][i]! : null;
    partial.push({
      run,
      name: names[run]!,
      step: steps[run]!,
      trainLoss: value('trainLoss')!,
      testLoss: value('testLoss'),
      trainAccuracy: value('trainAccuracy'),
      testAccuracy: value('testAccuracy'),
      lambdaMax: eigen[i]!.values[0]!,
      lambdaResidual: eigen[i]!.residuals[0]!,
      trace: { value: trace.trace, standardError: trace.standardError, probes: trace.probes },
      sharpness,
      plane: { coords: Array.from(grid.a), values: Array.from(grid.values.trainLoss!) },
      slices: {
        eigen: sliceOf('eigen', eigenCoords, eigenSlice),
        random: sliceOf('random', sliceCoords, randomSlice),
      },
    });
  }
  const shared = densitiesOnSharedGrid(quadratures, spec.density.points);
  const grid = Array.from(shared.grid);
  const minima = partial.map((m, i) => ({
    ...m,
    density: { grid, density: Array.from(shared.densities[i]!), sigma: shared.sigma },
  })) as [MinimumAnalysis, MinimumAnalysis];

  const { from, to, points: count } = spec.interpolation;
  const t = gridCoordinates(count, from, to);
  const line = await lossInterpolation(problem, thetas[0], thetas[1], t, metrics, { signal });
  await tick();
  options.onProgress?.(total, total);
  return {
    split: spec.split,
    batch: spec.batch,
    minima,
    interpolation: {
      t: Array.from(t),
      trainLoss: Array.from(line.trainLoss!),
      testLoss: listOrNull(line.testLoss),
      trainAccuracy: listOrNull(line.trainAccuracy),
      testAccuracy: listOrNull(line.testAccuracy),
    },
  };
}

function listOrNull(values: Float32Array | undefined): number[] | null {
  return values ? Array.from(values) : null;
}

function sliceOf(
  direction: LossSlice['direction'],
  coords: Float32Array,
  line: LineMetrics,
): LossSlice {
  return {
    direction,
    coords: Array.from(coords),
    trainLoss: Array.from(line.trainLoss!),
    testLoss: listOrNull(line.testLoss),
    trainAccuracy: listOrNull(line.trainAccuracy),
    testAccuracy: listOrNull(line.testAccuracy),
  };
}
