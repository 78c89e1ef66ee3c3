/**
 * 1-D views of the loss through parameter space, every point a row of one batched [G, P] program
 * (the landscape engine's row evaluator, `evaluateMetrics`):
 * - a slice through a minimum θ*: the metrics at θ* + s·d for every s (d a unit Hessian
 *   eigenvector, or a filter-normalised random direction, Li et al. 2018);
 * - the parametric interpolation θ(t) = t·θ_b + (1 − t)·θ_a between two points (Goodfellow et al.
 *   2015; Keskar et al. 2017 Fig. 3 between a small- and a large-batch minimum), which is θ_a at
 *   t = 0 and θ_b at t = 1 exactly (the rows are formed on the host as (1 − t)·θ_a + t·θ_b).
 * Rows go in chunks sized to the backend's memory budget; the signal is checked between chunks.
 */
import { evaluateMetrics, floatsPerRow } from '../landscape/evaluators';
import { chooseChunkSize, gridCoordinates } from '../landscape/grid';
import type { LandscapeMetric } from '../landscape/metrics';
import { interpolationPoints } from '../landscape/plane';
import type { Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';

/** The metrics along a line: one [G] array per metric asked. */
export type LineMetrics = Partial<Record<LandscapeMetric, Float32Array>>;

export interface LineOptions {
  /** Checked before every chunk; its reason is thrown when aborted. */
  signal?: AbortSignal;
  /** Rows per program (default: as many as the backend's budget allows). */
  chunkSize?: number;
}

/**
 * `points` coordinates on [−halfWidth, halfWidth], symmetric about 0 (an odd count has s = 0 as
 * its middle point, exactly).
 */
export function symmetricCoordinates(points: number, halfWidth: number): Float32Array {
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`slice: points must be a whole number ≥ 2 (got ${points})`);
  if (!(halfWidth > 0 && Number.isFinite(halfWidth)))
    throw new RangeError(`slice: the half-width must be finite and > 0 (got ${halfWidth})`);
  const out = gridCoordinates(points, -halfWidth, halfWidth);
  if (points % 2 === 1) out[(points - 1) / 2] = 0;
  return out;
}

/** The rows θ + s·d for every s in `coords`, row-major [G, P] (float32, formed on the host). */
export function slicePoints(
  theta: Float32Array,
  direction: ArrayLike<number>,
  coords: ArrayLike<number>,
): Float32Array {
  const P = theta.length;
  if (direction.length !== P)
    throw new RangeError(`slice: the direction has ${direction.length} entries, θ has ${P}`);
  const out = new Float32Array(coords.length * P);
  for (let g = 0; g < coords.length; g++) {
    const s = coords[g]!;
    for (let i = 0; i < P; i++) out[g * P + i] = theta[i]! + s * direction[i]!;
  }
  return out;
}

/** The metrics at G parameter rows `rows` ([G, P] row-major), batched in chunks. */
export async function evaluateRows(
  problem: Problem,
  rows: Float32Array,
  metrics: readonly LandscapeMetric[],
  options: LineOptions = {},
): Promise<LineMetrics> {
  const P = problem.layout.size;
  if (rows.length % P !== 0)
    throw new RangeError(`rows: ${rows.length} values are not whole rows of P = ${P}`);
  const G = rows.length / P;
  const chunk =
    options.chunkSize ?? chooseChunkSize(floatsPerRow(problem), tf.getBackend(), Math.max(G, 1));
  const out: LineMetrics = {};
  for (const metric of metrics) out[metric] = new Float32Array(G);
  for (let start = 0; start < G; start += chunk) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
    const end = Math.min(G, start + chunk);
    const results = tf.tidy(() =>
      evaluateMetrics(
        problem,
        tf.tensor2d(rows.subarray(start * P, end * P), [end - start, P]) as Tensor2D,
        metrics,
      ),
    );
    try {
      const data = await Promise.all(results.map((t) => t.data()));
      metrics.forEach((metric, i) => out[metric]!.set(data[i] as Float32Array, start));
    } finally {
      tf.dispose(results);
    }
  }
  return out;
}

/** The metrics at θ + s·d for every s in `coords` (see the module comment). */
export function lossSlice(
  problem: Problem,
  theta: Float32Array,
  direction: ArrayLike<number>,
  coords: ArrayLike<number>,
  metrics: readonly LandscapeMetric[],
  options: LineOptions = {},
): Promise<LineMetrics> {
  return evaluateRows(problem, slicePoints(theta, direction, coords), metrics, options);
}

/** The metrics at θ(t) = t·θ_b + (1 − t)·θ_a for every t in `ts`. */
export function lossInterpolation(
  problem: Problem,
  thetaA: Float32Array,
  thetaB: Float32Array,
  ts: ArrayLike<number>,
  metrics: readonly LandscapeMetric[],
  options: LineOptions = {},
): Promise<LineMetrics> {
  if (thetaA.length !== thetaB.length)
    throw new RangeError(`interpolation: θ_a has ${thetaA.length} entries, θ_b ${thetaB.length}`);
  return evaluateRows(problem, interpolationPoints(thetaA, thetaB, ts), metrics, options);
}
