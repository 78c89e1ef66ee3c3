/**
 * Training the bend w₁ of a curve between two fixed minima w₀, w₂ (Garipov et al. 2018): minimise
 * E_{t~U(0,1)} L(φ_{w₁}(t)) over w₁ alone, starting from the midpoint ½(w₀ + w₂), with any of the
 * project's optimisers (the unified update of `optim/optimizers.ts`, one row).
 *
 * Each step draws K values of t, stratified: t_k = (k + u_k)/K with u_k ~ U(0, 1) from a seeded
 * stream, so the K points cover [0, 1] and their mean loss is an unbiased estimate of the integral
 * (lower variance than K independent draws). The K points φ(t_k) are the rows of one [K, P] batch:
 * one forward and one backward program per step, however large K is. Nothing is read back
 * between reports.
 */
import { Rng } from '../math/random';
import { MiniBatchSampler } from '../optim/batches';
import {
  applyUpdate,
  CoefficientTable,
  type OptimizerState,
  type RunHyper,
} from '../optim/optimizers';
import { learningRateAt } from '../optim/schedules';
import type { Problem } from '../problems/problem';
import { tf, type Scalar, type Tensor2D } from '../tf';
import { coefficientRows, midpoint, type CurveType } from './curve';
import { curveLoss, type CurveEnds } from './loss';

export interface CurveTrainingOptions {
  problem: Problem;
  type: CurveType;
  /** The fixed end points [P]. */
  w0: Float32Array;
  w2: Float32Array;
  /** The bend's start [P] (default: the midpoint ½(w₀ + w₂)). */
  w1?: Float32Array;
  /** The optimiser, its learning rate and schedule, and its mini-batch size (SAM is not used). */
  hyper: RunHyper;
  /** Updates of w₁. */
  steps: number;
  /** Values of t per step, K ≥ 1 (the rows of the batch). */
  samples: number;
  /** Seed of the t stream and of the mini-batch stream. */
  seed: number;
  /** Report every this many updates (step 0 and the last step are always reported). */
  reportEvery: number;
  /** Stops training between updates. */
  signal?: AbortSignal;
}

/** The state of the bend at a reported step. */
export interface CurveTrainingStep {
  /** Updates taken (0 = the starting bend). */
  step: number;
  /** The bend w₁ [P]. */
  w1: Float32Array;
  /**
   * The sampled curve loss (1/K) Σ_k L(φ(t_k)) of every update since the previous report, at the
   * w₁ before that update, in order ([0] at step 0: nothing sampled yet).
   */
  losses: Float32Array;
}

/** Longest stretch (ms) the training runs without giving the event loop a turn. */
const YIELD_MS = 10;

/** The t values of one step: t_k = (k + u_k)/K, [K]. */
export function stratifiedTs(rng: Rng, k: number): Float32Array {
  const out = new Float32Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.min(1, (i + rng.uniform()) / k);
  return out;
}

/**
 * Trains w₁ and yields its state every `reportEvery` updates, as an async generator: stop it with
 * `break`, `return()` or the abort signal; its tensors are freed either way.
 */
export async function* trainCurve(
  options: CurveTrainingOptions,
): AsyncGenerator<CurveTrainingStep, void, void> {
  const { problem, type, steps, samples, hyper, signal } = options;
  const p = problem.layout.size;
  for (const [name, v] of [
    ['w0', options.w0],
    ['w2', options.w2],
    ['w1', options.w1 ?? options.w0],
  ] as const)
    if (v.length !== p) throw new RangeError(`${name} has ${v.length} entries, expected P = ${p}`);
  if (!(Number.isInteger(samples) && samples >= 1))
    throw new RangeError(`samples must be a whole number ≥ 1, got ${samples}`);
  const m = problem.size.train;
  const tRng = Rng.derive(options.seed, 'curve-t');
  const sampler = new MiniBatchSampler([hyper.batchSize], m, [options.seed]);
  const table = new CoefficientTable([{ ...hyper, samRho: 0 }]);
  const lrs = new Float64Array(1);
  const ends: CurveEnds = {
    w0: tf.tensor2d(options.w0, [1, p]),
    w2: tf.tensor2d(options.w2, [1, p]),
  };
  let state: OptimizerState = {
    theta: tf.tensor2d(options.w1 ?? midpoint(options.w0, options.w2), [1, p]),
    m: tf.zeros([1, p]),
    v: tf.zeros([1, p]),
  };
  let pending: Scalar[] = [];
  const report = async (step: number): Promise<CurveTrainingStep> => {
    const [w1, ...values] = await Promise.all([
      state.theta.data(),
      ...pending.map((l) => l.data()),
    ]);
    const losses = Float32Array.from(values, (v) => (v as Float32Array)[0]!);
    tf.dispose(pending);
    pending = [];
    return { step, w1: Float32Array.from(w1 as Float32Array), losses };
  };
  try {
    yield await report(0);
    let yielded = performance.now();
    for (let t = 1; t <= steps; t++) {
      // On cpu and wasm nothing here gives the event loop a turn: yield to it (a macrotask) every
      // ~10 ms so that messages (a newer job, reset, the training's own frames) get in.
      if (performance.now() - yielded > YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        yielded = performance.now();
      }
      if (signal?.aborted) return;
      lrs[0] = learningRateAt(hyper.schedule, hyper.lr, t - 1, steps);
      const coefficients = tf.tensor2d(table.at(t, lrs), [1, 11]);
      const rows = tf.tensor2d(coefficientRows(type, stratifiedTs(tRng, samples)), [samples, 3]);
      const weights = sampler.allFullBatch ? undefined : tf.tensor2d(sampler.next(), [1, m]);
      const next = tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((w1: tf.Tensor) =>
          curveLoss(problem, ends, w1 as Tensor2D, rows, 'train', weights),
        )(state.theta);
        const updated = applyUpdate(state, grad as Tensor2D, coefficients);
        return { loss: value as Scalar, theta: updated.theta, m: updated.m, v: updated.v };
      });
      tf.dispose([state.theta, state.m, state.v, coefficients, rows]);
      if (weights) weights.dispose();
      state = { theta: next.theta, m: next.m, v: next.v };
      pending.push(next.loss);
      if (t % options.reportEvery === 0 || t === steps) yield await report(t);
    }
  } finally {
    tf.dispose([state.theta, state.m, state.v, ends.w0, ends.w2, ...pending]);
  }
}
