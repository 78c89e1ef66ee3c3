/**
 * Nearby bad minima (Huang et al. 2019, SCIENCE.md §6), shared by the CLI and the worker's
 * 'bad-minima' job: a poison set of ρ·m points from the data's own distribution with random
 * labels; bad runs from checkpoints of a good run's recorded path train on train ∪ poison (one
 * batched [K, P] program) until they classify the clean training set 100 % right; then, for the good
 * minimum and every bad one, the clean train loss and accuracy, the test loss and accuracy, λ_max,
 * the distance from the start checkpoint (‖·‖ and as a fraction of the good path's length), the
 * interpolation good → bad (61 points, one batched evaluation each), the plane through θ₀, good
 * and one bad minimum with both paths projected, and the decision boundaries.
 */
export type { BadMinimaResult } from '../config/result';
import type {
  BadMinimaPlane,
  BadMinimaPlanePath,
  BadMinimaResult,
  BadMinimumResult,
  MinimumMetrics,
} from '../config/result';
import type { BadMinimaConfig, RunConfig } from '../config/schema';
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import {
  computeLandscape,
  computeSlice,
  fitRanges,
  gridCoordinates,
} from '../engine/landscape/grid';
import { DegeneratePlane, planeThroughPoints } from '../engine/landscape/plane';
import { projectTrajectory } from '../engine/landscape/trajectory';
import { deriveSeed } from '../engine/math/random';
import { poisonSet, withPoison } from '../engine/poison/poison';
import { trainBadMinima } from '../engine/poison/train-bad';
import { buildProblem, type ProblemSpec } from '../engine/problems/build';
import { classAccuracy } from '../engine/problems/class-accuracy';
import { classProbabilities } from '../engine/problems/probabilities';
import { meanLoss, type Problem } from '../engine/problems/problem';
import { tf, type Tensor2D } from '../engine/tf';
import { datasetSpec, resolveRun, type Experiment } from './build';

/** Points of every interpolation, t = −0.5 + i/30 for i = 0 … 60 (t = 0 and 1 exactly). */
export const INTERPOLATION_POINTS = 61;
/** Points per side of the decision-boundary grids. */
export const BOUNDARY_POINTS = 48;

/** Where the analysis is: the bad runs training (accuracies climbing) or the measurements after. */
export interface BadMinimaProgress {
  phase: 'training' | 'measuring';
  /** Updates taken by the bad runs (training), of the budget. */
  step: number;
  steps: number;
  /** Per bad run [K]: accuracy on the clean training set and on the poison set; stopped or not. */
  cleanAccuracy: number[];
  poisonAccuracy: number[];
  stopped: boolean[];
}

export interface BadMinimaOptions {
  signal?: AbortSignal;
  onProgress?: (progress: BadMinimaProgress) => void;
}

/** The good run's recorded path: steps [T] and θ at each [T][P] (θ₀ first). */
export interface GoodPath {
  steps: readonly number[];
  thetas: readonly Float32Array[];
}

/** The recorded point a checkpoint fraction f of a T-point path starts from: round(f·(T − 1)). */
export function checkpointIndex(fraction: number, points: number): number {
  return Math.round(fraction * (points - 1));
}

/** Σ_t ‖θ_{t+1} − θ_t‖ over a path (in float64). */
export function pathLength(thetas: readonly Float32Array[]): number {
  let total = 0;
  for (let t = 1; t < thetas.length; t++) total += distance(thetas[t]!, thetas[t - 1]!);
  return total;
}

function distance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/** The bad runs' optimiser: the block's `optimizer`, else the good run's own settings. */
function badRunConfig(good: RunConfig, spec: BadMinimaConfig): RunConfig {
  if (!spec.optimizer) return good;
  return { ...spec.optimizer, batchSeed: good.batchSeed } as RunConfig;
}

/**
 * The input window of a 2-D data set: its bounding box (train and test) plus 10 % on each side,
 * as the app's decision boundaries use (worker/describe.ts `inputWindow`).
 */
function inputWindow(x: Float32Array[]): [number, number, number, number] {
  const out: number[] = [];
  for (const axis of [0, 1]) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const xs of x)
      for (let i = axis; i < xs.length; i += 2) {
        lo = Math.min(lo, xs[i]!);
        hi = Math.max(hi, xs[i]!);
      }
    const pad = 0.1 * Math.max(hi - lo, 1e-6);
    out.push(lo - pad, hi + pad);
  }
  return out as [number, number, number, number];
}

/** Metrics of every θ row on the clean data, one batched program: [K] each. */
async function metricsOf(problem: Problem, thetas: Float32Array, k: number) {
  const p = problem.layout.size;
  const tensors = tf.tidy(() => {
    const theta = tf.tensor2d(thetas, [k, p]) as Tensor2D;
    return [
      meanLoss(problem, theta, 'train'),
      problem.accuracy!(theta, 'train'),
      meanLoss(problem, theta, 'test'),
      problem.accuracy!(theta, 'test'),
    ];
  });
  try {
    const [trainLoss, trainAccuracy, testLoss, testAccuracy] = (await Promise.all(
      tensors.map((t) => t.data()),
    )) as Float32Array[];
    return {
      trainLoss: trainLoss!,
      trainAccuracy: trainAccuracy!,
      testLoss: testLoss!,
      testAccuracy: testAccuracy!,
    };
  } finally {
    tf.dispose(tensors);
  }
}

const list = (x: ArrayLike<number>): number[] => Array.from(x);

/**
 * Per θ row: the test accuracy of each class c (the share of test points labelled c that are
 * predicted c; NaN when the test set has none), one batched program: [K][C].
 */
async function classAccuracies(
  problem: Problem,
  thetas: Float32Array,
  k: number,
  labels: Float32Array,
  classes: number,
): Promise<number[][]> {
  const p = problem.layout.size;
  const predicted = tf.tidy(() => {
    const z = problem.outputs(tf.tensor2d(thetas, [k, p]) as Tensor2D, 'test');
    return classes > 2
      ? tf.argMax(tf.reshape(z, [k, labels.length, classes]), 2)
      : tf.cast(tf.greater(z, 0), 'int32');
  });
  const values = (await predicted.data()) as Int32Array;
  predicted.dispose();
  const m = labels.length;
  return Array.from({ length: k }, (_, r) =>
    classAccuracy(values.subarray(r * m, (r + 1) * m), labels, classes),
  );
}

/**
 * Runs the analysis of `spec` for the good run's recorded `path` (see the module comment).
 * Throws the signal's reason when cancelled; leaves no tensors behind.
 */
export async function experimentBadMinima(
  experiment: Experiment,
  path: GoodPath,
  spec: BadMinimaConfig,
  options: BadMinimaOptions = {},
): Promise<BadMinimaResult> {
  const { problem, dataset, config } = experiment;
  if (!dataset || dataset.task !== 'classification' || !problem.accuracy)
    throw new RangeError('badMinima: random labels need a classification problem');
  if (dataset.yTest.length === 0) throw new RangeError('badMinima: needs a test set');
  if (spec.run >= experiment.runs.length)
    throw new RangeError(
      `badMinima.run: refers to run ${spec.run}, but there are ${experiment.runs.length} runs`,
    );
  const T = path.thetas.length;
  if (T === 0) throw new RangeError('badMinima: the good run has no recorded path');
  const p = problem.layout.size;
  const cancelled = () => {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
  };

  const poison = poisonSet(
    datasetSpec(config.data, config.seed),
    dataset,
    spec.rho,
    deriveSeed(spec.seed, 'poison'),
  );
  const poisoned = buildProblem(config.problem as ProblemSpec, withPoison(dataset, poison));
  try {
    const indices = spec.checkpoints.map((f) => checkpointIndex(f, T));
    const k = indices.length;
    const starts = new Float32Array(k * p);
    indices.forEach((i, r) => starts.set(path.thetas[i]!, r * p));
    const hyper = resolveRun(badRunConfig(config.runs[spec.run]!, spec), poisoned.size.train);
    const bad = await trainBadMinima({
      clean: problem,
      poisoned,
      runs: indices.map(() => hyper),
      starts,
      steps: spec.steps,
      checkEvery: spec.checkEvery,
      poisonFit: spec.poisonFit,
      batchSeeds: indices.map((_, r) => deriveSeed(spec.seed, 'bad-batches', r)),
      divergenceFactor: config.divergenceFactor,
      signal: options.signal,
      onCheck: (c) =>
        options.onProgress?.({
          phase: 'training',
          step: c.step,
          steps: spec.steps,
          cleanAccuracy: list(c.cleanAccuracy),
          poisonAccuracy: list(c.poisonAccuracy),
          stopped: c.stopped,
        }),
    });
    cancelled();
    options.onProgress?.({
      phase: 'measuring',
      step: Math.max(...bad.map((b) => b.step)),
      steps: spec.steps,
      cleanAccuracy: bad.map((b) => b.cleanAccuracy),
      poisonAccuracy: bad.map((b) => b.poisonAccuracy),
      stopped: bad.map(() => true),
    });

    const good = path.thetas[T - 1]!;
    const all = new Float32Array((1 + k) * p);
    all.set(good);
    bad.forEach((b, r) => all.set(b.theta, (1 + r) * p));
    const metrics = await metricsOf(problem, all, 1 + k);
    let lambdas: (number | null)[] = new Array(1 + k).fill(null);
    if (spec.eigenIterations > 0) {
      const eigen = await hessianTopEigen(problem, [good, ...bad.map((b) => b.theta)], {
        count: 1,
        iterations: spec.eigenIterations,
        seed: spec.seed,
        onStep: cancelled,
      });
      lambdas = eigen.map((e) => e.values[0]!);
    }
    const metricsAt = (i: number): MinimumMetrics => ({
      trainLoss: metrics.trainLoss[i]!,
      trainAccuracy: metrics.trainAccuracy[i]!,
      testLoss: metrics.testLoss[i]!,
      testAccuracy: metrics.testAccuracy[i]!,
      lambdaMax: lambdas[i]!,
    });

    const length = pathLength(path.thetas);
    const ts = new Float32Array(INTERPOLATION_POINTS);
    for (let i = 0; i < INTERPOLATION_POINTS; i++) ts[i] = -0.5 + i / 30;
    const badResults: BadMinimumResult[] = [];
    for (const [r, b] of bad.entries()) {
      cancelled();
      const direction = b.theta.map((x, j) => x - good[j]!);
      const slice = await computeSlice(problem, good, direction, ts, [
        'trainLoss',
        'testLoss',
        'trainAccuracy',
        'testAccuracy',
      ]);
      const start = path.thetas[indices[r]!]!;
      const d = distance(b.theta, start);
      badResults.push({
        ...metricsAt(1 + r),
        checkpoint: spec.checkpoints[r]!,
        startStep: path.steps[indices[r]!]!,
        steps: b.step,
        reached: b.reached,
        fitsClean: b.fitsClean,
        poisonAccuracy: b.poisonAccuracy,
        distance: d,
        distanceFraction: length > 0 ? d / length : Number.NaN,
        distanceToGood: distance(b.theta, good),
        theta: list(b.theta),
        interpolation: {
          trainLoss: list(slice.trainLoss!),
          testLoss: list(slice.testLoss!),
          trainAccuracy: list(slice.trainAccuracy!),
          testAccuracy: list(slice.testAccuracy!),
        },
      });
    }

    const planeBad = spec.planeBad ?? k - 1;
    const plane =
      spec.n > 0
        ? await badMinimaPlane(
            problem,
            path,
            bad[planeBad]!.path,
            bad[planeBad]!.theta,
            planeBad,
            spec.n,
            options.signal,
          )
        : null;

    const classes = problem.classes ?? 2;
    let boundaries: BadMinimaResult['boundaries'] = null;
    // 2-D inputs: P(y = 1) (binary), or the C class probabilities (softmax) at every grid point.
    if (dataset.inputDim === 2 && problem.predict) {
      const window = inputWindow([dataset.xTrain, dataset.xTest]);
      const n = BOUNDARY_POINTS;
      const xs = gridCoordinates(n, window[0], window[1]);
      const ys = gridCoordinates(n, window[2], window[3]);
      const grid = new Float32Array(n * n * 2);
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          grid[2 * (j * n + i)] = xs[i]!;
          grid[2 * (j * n + i) + 1] = ys[j]!;
        }
      const probabilities = tf.tidy(() =>
        classProbabilities(
          problem,
          tf.tensor2d(all, [1 + k, p]) as Tensor2D,
          tf.tensor2d(grid, [n * n, 2]) as Tensor2D,
        ),
      );
      const values = (await probabilities.data()) as Float32Array;
      probabilities.dispose();
      const size = n * n * (classes > 2 ? classes : 1);
      const row = (i: number) => list(values.subarray(i * size, (i + 1) * size));
      boundaries = { n, window, classes, good: row(0), bad: bad.map((_, r) => row(1 + r)) };
    }
    const perClass = await classAccuracies(problem, all, 1 + k, dataset.yTest, classes);

    return {
      run: spec.run,
      name: experiment.names[spec.run]!,
      rho: spec.rho,
      trainSize: problem.size.train,
      poisonSize: poison.y.length,
      pathLength: length,
      good: { ...metricsAt(0), step: path.steps[T - 1]!, theta: list(good) },
      bad: badResults,
      t: list(ts),
      plane,
      boundaries,
      classAccuracy: { good: perClass[0]!, bad: perClass.slice(1) },
      poison: { x: list(poison.x), y: list(poison.y) },
    };
  } finally {
    poisoned.dispose();
  }
}

/**
 * The plane through θ₀ (centre), the good minimum and a bad one; the landscape on it and both
 * paths projected. Null when the three points are collinear or two coincide.
 */
async function badMinimaPlane(
  problem: Problem,
  path: GoodPath,
  badPath: Float32Array,
  badTheta: Float32Array,
  bad: number,
  n: number,
  signal?: AbortSignal,
): Promise<BadMinimaPlane | null> {
  const p = problem.layout.size;
  const theta0 = path.thetas[0]!;
  const good = path.thetas[path.thetas.length - 1]!;
  let plane;
  try {
    plane = planeThroughPoints(theta0, good, badTheta);
  } catch (error) {
    if (error instanceof DegeneratePlane) return null;
    throw error;
  }
  const goodPoints = new Float32Array(path.thetas.length * p);
  path.thetas.forEach((t, i) => goodPoints.set(t, i * p));
  const [goodPath, badProjected] = await Promise.all([
    projectTrajectory(problem, plane, goodPoints),
    projectTrajectory(problem, plane, badPath),
  ]);
  const points = new Float32Array(3 * p);
  points.set(theta0);
  points.set(good, p);
  points.set(badTheta, 2 * p);
  const corners = await projectTrajectory(problem, plane, points);
  const { aRange, bRange } = fitRanges(
    [...goodPath.a, ...badProjected.a, ...corners.a],
    [...goodPath.b, ...badProjected.b, ...corners.b],
    0.25,
  );
  const grid = await computeLandscape({
    problem,
    plane,
    n,
    aRange,
    bRange,
    metrics: ['trainLoss', 'testLoss'],
    signal,
  });
  const pathOf = (t: typeof goodPath): BadMinimaPlanePath => ({
    a: list(t.a),
    b: list(t.b),
    trueLoss: list(t.trueLoss),
    offPlaneRelative: list(t.offPlaneRelative),
  });
  return {
    bad,
    n,
    a: list(grid.a),
    b: list(grid.b),
    trainLoss: list(grid.values.trainLoss!),
    testLoss: list(grid.values.testLoss!),
    points: {
      a: [corners.a[0]!, corners.a[1]!, corners.a[2]!],
      b: [corners.b[0]!, corners.b[1]!, corners.b[2]!],
    },
    good: pathOf(goodPath),
    badPath: pathOf(badProjected),
  };
}
