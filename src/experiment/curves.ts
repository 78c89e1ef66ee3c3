/**
 * A config's `connect` block on two runs' final points (Garipov et al. 2018, SCIENCE.md §5), shared
 * by the CLI (after training) and the worker's curve job: the straight segment between the two
 * minima and its barrier, then the bend of a Bézier or a chain trained by any of the optimisers,
 * reported as it trains (the curve along 61 points, both barriers, the plane through w₀, w₁, w₂
 * with the landscape on it and both paths drawn). Cancellable (`signal`, checked every update).
 */
export type { ConnectPath, ConnectPlane, ConnectResult } from '../config/result';
import type { ConnectPath, ConnectPlane, ConnectResult } from '../config/result';
import type { ConnectConfig, RunConfig } from '../config/schema';
import { barrierHeight, curvePoints, pathTs } from '../engine/curves/curve';
import { curvePlane, evaluatePath, pathInPlane, type PathMetrics } from '../engine/curves/paths';
import { trainCurve } from '../engine/curves/train';
import { computeLandscape, fitRanges } from '../engine/landscape/grid';
import { interpolationPoints, type Plane } from '../engine/landscape/plane';
import type { Experiment } from './build';
import { resolveRun } from './build';

export interface ConnectOptions {
  signal?: AbortSignal;
  /**
   * Called at every report while the bend trains with the result so far (steps taken, the curve,
   * both barriers and, once the bend has left the segment's line, the plane with its landscape).
   * Without it the plane's landscape is computed once, at the end.
   */
  onProgress?: (result: ConnectResult, done: number, total: number) => void;
}

const list = (x: ArrayLike<number> | null): number[] | null => (x ? Array.from(x) : null);

/** A path's metrics as result lists, with its barriers on the training and the test loss. */
export function pathResult(metrics: PathMetrics): ConnectPath {
  return {
    trainLoss: Array.from(metrics.trainLoss),
    testLoss: list(metrics.testLoss),
    trainAccuracy: list(metrics.trainAccuracy),
    testAccuracy: list(metrics.testAccuracy),
    barrier: barrierHeight(metrics.trainLoss),
    testBarrier: metrics.testLoss ? barrierHeight(metrics.testLoss) : null,
  };
}

/**
 * Square ranges around every point of both paths (equal widths, so the picture keeps the plane's
 * true geometry: a bend that looks small is small next to the distance between the minima).
 */
function squareRanges(
  a: number[],
  b: number[],
): { aRange: [number, number]; bRange: [number, number] } {
  const { aRange, bRange } = fitRanges(a, b, 0.12);
  const half = Math.max(aRange[1] - aRange[0], bRange[1] - bRange[0]) / 2;
  const centre = (r: [number, number]) => (r[0] + r[1]) / 2;
  const around = (c: number): [number, number] => [c - half, c + half];
  return { aRange: around(centre(aRange)), bRange: around(centre(bRange)) };
}

/** The plane through w₀, w₂, w₁ with the training loss on it and both paths placed in it. */
async function planeResult(
  experiment: Experiment,
  plane: Plane,
  segment: Float32Array,
  curve: Float32Array,
  bend: Float32Array,
  w2: Float32Array,
  n: number,
  signal?: AbortSignal,
): Promise<ConnectPlane> {
  const s = pathInPlane(segment, plane);
  const c = pathInPlane(curve, plane);
  const ends = pathInPlane(new Float32Array([...plane.centre, ...bend, ...w2]), plane);
  const all = (key: 'a' | 'b') => [...s[key], ...c[key], ...ends[key]];
  const { aRange, bRange } = squareRanges(all('a'), all('b'));
  const grid = await computeLandscape({
    problem: experiment.problem,
    plane,
    n,
    aRange,
    bRange,
    metrics: ['trainLoss'],
    signal,
  });
  return {
    axisLabels: ['along the segment w₀ → w₂', 'towards the bend w₁'],
    n,
    a: Array.from(grid.a),
    b: Array.from(grid.b),
    values: Array.from(grid.values.trainLoss!),
    segment: { a: Array.from(s.a), b: Array.from(s.b) },
    curve: { a: Array.from(c.a), b: Array.from(c.b), offPlane: Array.from(c.offPlane) },
    points: {
      a: [ends.a[0]!, ends.a[1]!, ends.a[2]!],
      b: [ends.b[0]!, ends.b[1]!, ends.b[2]!],
    },
  };
}

/**
 * Trains the curve of `spec` between w₀ (the final point of `spec.runs[0]`) and w₂ (of
 * `spec.runs[1]`), each [P]. Throws the signal's reason when cancelled.
 */
export async function experimentConnect(
  experiment: Experiment,
  w0: Float32Array,
  w2: Float32Array,
  spec: ConnectConfig,
  options: ConnectOptions = {},
): Promise<ConnectResult> {
  const { problem, names } = experiment;
  const { signal, onProgress } = options;
  const p = problem.layout.size;
  if (w0.length !== p || w2.length !== p)
    throw new RangeError(`connect: the end points must have P = ${p} entries`);
  if (w0.every((x, j) => x === w2[j]))
    throw new RangeError(
      `connect.runs: runs ${spec.runs[0]} and ${spec.runs[1]} ended at the same point; a curve needs two different minima (e.g. give the runs different initSeed values)`,
    );
  const cancelled = () => signal?.reason ?? new Error('cancelled');
  const hyper = resolveRun(
    { ...spec.optimizer, batchSeed: spec.seed } as RunConfig,
    problem.size.train,
  );
  const ts = pathTs();
  const segmentPoints = interpolationPoints(w0, w2, ts);
  const segment = pathResult(await evaluatePath(problem, segmentPoints));
  const result: ConnectResult = {
    type: spec.type,
    runs: spec.runs,
    names: [names[spec.runs[0]]!, names[spec.runs[1]]!],
    steps: 0,
    samples: spec.samples,
    t: Array.from(ts),
    history: [],
    segment,
    curve: segment,
    bend: [],
    plane: null,
  };
  const reportEvery = Math.max(1, Math.ceil(spec.steps / spec.frames));
  for await (const state of trainCurve({
    problem,
    type: spec.type,
    w0,
    w2,
    hyper,
    steps: spec.steps,
    samples: spec.samples,
    seed: spec.seed,
    reportEvery,
    signal,
  })) {
    for (const l of state.losses) result.history.push(l);
    const finished = state.step === spec.steps;
    if (!finished && !onProgress) continue;
    const points = curvePoints(spec.type, w0, state.w1, w2, ts);
    result.steps = state.step;
    result.bend = Array.from(state.w1);
    result.curve = pathResult(await evaluatePath(problem, points));
    const plane = curvePlane(w0, state.w1, w2);
    result.plane = plane
      ? await planeResult(experiment, plane, segmentPoints, points, state.w1, w2, spec.n, signal)
      : null;
    if (signal?.aborted) throw cancelled();
    onProgress?.({ ...result, history: [...result.history] }, state.step, spec.steps);
  }
  if (signal?.aborted) throw cancelled();
  return result;
}
