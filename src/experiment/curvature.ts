/**
 * The curvature analyses of a config's `curvature` block on an experiment's run points, shared by
 * the CLI (after training) and the worker's curvature job: for every chosen run, the top Hessian
 * eigenpairs (Lanczos, all runs' lanes batched), the Hutchinson trace, the SLQ spectral density
 * and Keskar's ε-sharpness, on the train or test loss, full batch or one seeded mini-batch.
 * Cancellable (`signal`, checked after every iteration) with progress.
 */
export type { CurvatureResult, RunCurvature } from '../config/result';
import type { CurvatureResult, RunCurvature } from '../config/result';
import type { CurvatureConfig } from '../config/schema';
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import { hutchinsonTrace } from '../engine/curvature/hutchinson';
import type { CurvatureLoss } from '../engine/curvature/operator';
import { keskarSharpness } from '../engine/curvature/sharpness';
import { spectralDensity } from '../engine/curvature/slq';
import { deriveSeed, Rng } from '../engine/math/random';
import type { Problem } from '../engine/problems/problem';
import type { Experiment } from './build';
import { eventLoopYielder } from './event-loop';

export interface CurvatureOptions {
  signal?: AbortSignal;
  /** Called after every unit of work (Lanczos step, probe batch, ascent step). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The loss a block's curvature is of: its split, and on the train split optionally one seeded
 * mini-batch of `batch` examples ('full': the whole split).
 */
export function curvatureLoss(
  problem: Problem,
  block: { split: 'train' | 'test'; batch: number | 'full'; seed: number },
): CurvatureLoss {
  const loss: CurvatureLoss = { split: block.split };
  if (block.batch !== 'full')
    loss.weights = miniBatchWeights(problem.size.train, block.batch, block.seed);
  return loss;
}

/**
 * Keskar's ε-sharpness at θ [P] for every ε of a `sharpness` block, in its order: one row
 * { epsilon, value (in %), loss L(θ), maxLoss (the box maximum) } each; `onIteration` after every
 * ascent step.
 */
export async function sharpnessRows(
  problem: Problem,
  theta: Float32Array,
  block: { epsilons: readonly number[]; iterations: number },
  loss: CurvatureLoss,
  seed: number,
  onIteration: () => Promise<void>,
): Promise<{ epsilon: number; value: number; loss: number; maxLoss: number }[]> {
  const rows = [];
  for (const epsilon of block.epsilons) {
    const s = await keskarSharpness(problem, theta, {
      epsilon,
      iterations: block.iterations,
      loss,
      seed,
      onIteration,
    });
    rows.push({ epsilon, value: s.sharpness, loss: s.loss, maxLoss: s.maxLoss });
  }
  return rows;
}

/** The example weights of one seeded mini-batch of `size` of m examples (1/size on it). */
export function miniBatchWeights(m: number, size: number, seed: number): Float32Array {
  const b = Math.min(size, m);
  const order = new Rng(deriveSeed(seed, 'curvature-batch')).permutation(m);
  const w = new Float32Array(m);
  for (let i = 0; i < b; i++) w[order[i]!] = 1 / b;
  return w;
}

/**
 * Runs `spec` on `points[k]` ([P], the point of run k to analyse; `steps[k]` is its step).
 * Throws the signal's reason when cancelled.
 */
export async function experimentCurvature(
  experiment: Experiment,
  points: readonly Float32Array[],
  steps: readonly number[],
  spec: CurvatureConfig,
  options: CurvatureOptions = {},
): Promise<CurvatureResult> {
  const { problem, names } = experiment;
  const runs = spec.runs === 'all' ? points.map((_, k) => k) : spec.runs;
  const loss = curvatureLoss(problem, spec);
  const total =
    (spec.eigen ? spec.eigen.iterations : 0) +
    runs.length *
      ((spec.trace ? Math.ceil(spec.trace.probes / 25) : 0) +
        (spec.density ? spec.density.iterations : 0) +
        (spec.sharpness ? spec.sharpness.epsilons.length * spec.sharpness.iterations : 0));
  let done = 0;
  // Messages (Cancel, a newer job, Reset, pause) get in every ~10 ms.
  const yieldToEvents = eventLoopYielder();
  const tick = async () => {
    await yieldToEvents();
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
    options.onProgress?.(++done, total);
  };
  const out: RunCurvature[] = runs.map((k) => ({ run: k, name: names[k]!, step: steps[k]! }));
  if (spec.eigen) {
    const eigen = await hessianTopEigen(
      problem,
      runs.map((k) => points[k]!),
      {
        count: Math.min(spec.eigen.count, problem.layout.size),
        iterations: spec.eigen.iterations,
        loss,
        seed: spec.seed,
        onStep: tick,
      },
    );
    eigen.forEach((e, i) => {
      out[i]!.eigen = {
        values: Array.from(e.values),
        residuals: Array.from(e.residuals),
        vectors: e.vectors.map((v) => Array.from(v)),
        steps: e.steps,
      };
    });
  }
  for (const [i, k] of runs.entries()) {
    const theta = points[k]!;
    if (spec.trace) {
      const t = await hutchinsonTrace(problem, theta, {
        probes: spec.trace.probes,
        loss,
        seed: spec.seed,
        onBatch: tick,
      });
      out[i]!.trace = { value: t.trace, standardError: t.standardError, probes: t.probes };
    }
    if (spec.density) {
      const d = await spectralDensity(problem, theta, {
        probes: spec.density.probes,
        iterations: spec.density.iterations,
        points: spec.density.points,
        loss,
        seed: spec.seed,
        onStep: tick,
      });
      out[i]!.density = {
        grid: Array.from(d.grid),
        density: Array.from(d.density),
        sigma: d.sigma,
        moments: d.moments,
      };
    }
    if (spec.sharpness)
      out[i]!.sharpness = await sharpnessRows(
        problem,
        theta,
        spec.sharpness,
        loss,
        spec.seed,
        tick,
      );
  }
  return { split: spec.split, batch: spec.batch, runs: out };
}
