/**
 * Seed ensembles at several temperatures (SCIENCE.md §7, Zancato & Chiuso), for a config's
 * `ensemble` block.
 *
 * Every temperature (η, B) trains N members: copies of one run (its optimiser, hyper-parameters and
 * θ₀) that differ only in their mini-batch seed; all N·T members are the rows of ONE batched trainer
 * program (`train`). On an analytic surface, which has no data, the mini-batch noise is additive
 * (`AdditiveNoiseProblem`: m noise vectors of variance σ² per coordinate). Recorded every
 * `recordEvery` steps, per temperature:
 *
 * - the cloud projected on a view plane (PCA of the stationary window's points, all temperatures
 *   pooled, or two θ coordinates) and its 2×2 covariance (the ellipse);
 * - tr Cov(θ) in full θ (unbiased over the members);
 * - the stationary spread: the mean of tr Cov over the window after `burnIn`, with a standard
 *   error from the members' independent window averages; then a least-squares line of spread
 *   against η/B over the temperatures. For SGD near a minimum with Hessian H and small ηλ the
 *   spread is (η/B)·tr(H⁻¹Σ)/2 (Σ the per-example gradient covariance): linear in η/B. The
 *   discrete-time factor 1/(2 − ηλ) and escapes from the minimum bend it.
 * - escape (optional): each member's last θ is quenched by full-batch gradient descent; it escaped
 *   when its quenched point is farther than `radius` from θ₀'s quenched point (another basin).
 */
import type { EnsembleResult, EnsembleTemperatureResult } from '../config/ensemble-result';
import { ensembleSchedule, type EnsembleConfig } from '../config/ensemble-schema';
import { ConfigError } from '../config/parse';
import { RunSchema } from '../config/schema';
import { trajectoryPca } from '../engine/landscape/pca';
import { deriveSeed } from '../engine/math/random';
import { AdditiveNoiseProblem, noisePool } from '../engine/noise/additive-noise';
import { cloudTrace, fitLine } from '../engine/noise/ensemble-stats';
import type { RunHyper } from '../engine/optim/optimizers';
import type { Problem } from '../engine/problems/problem';
import { train, trainToEnd, type Snapshot } from '../engine/train/trainer';
import { resolveRun, type Experiment } from './build';
import { eventLoopYielder } from './event-loop';

export type { EnsembleResult, EnsembleTemperatureResult } from '../config/ensemble-result';

/** The divergence factor of members with additive noise (the largest a config allows). */
const NOISE_DIVERGENCE_FACTOR = 1e30;

export interface EnsembleOptions {
  signal?: AbortSignal;
  /** Called after every recorded step with the steps done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The ensemble's problem: the experiment's, with additive noise on an analytic surface. */
function memberProblem(experiment: Experiment, block: EnsembleConfig): Problem {
  const { problem, config } = experiment;
  if (!block.noise) return problem;
  const pool = noisePool(
    block.noise.examples,
    problem.layout.size,
    block.noise.sigma,
    deriveSeed(config.seed, 'ensemble-noise'),
  );
  return new AdditiveNoiseProblem(problem, pool);
}

/**
 * The hyper-parameters of every member, temperature-major: row t·N + j is member j of temperature
 * t (the base run with that temperature's η and B), and its mini-batch seed (member j has the same
 * seed at every temperature).
 */
export function ensembleRows(
  experiment: Experiment,
  block: EnsembleConfig,
  trainSize: number,
): { runs: RunHyper[]; batchSeeds: number[] } {
  const base = experiment.runs[block.run]!;
  const runs: RunHyper[] = [];
  const batchSeeds: number[] = [];
  for (const t of block.temperatures) {
    for (let j = 0; j < block.members; j++) {
      runs.push({ ...base, lr: t.lr ?? base.lr, batchSize: Math.min(t.batchSize, trainSize) });
      batchSeeds.push(deriveSeed(experiment.config.seed, 'ensemble', j));
    }
  }
  return { runs, batchSeeds };
}

/** Trains the ensembles of `block` and measures them (see the file comment). */
export async function experimentEnsemble(
  experiment: Experiment,
  block: EnsembleConfig,
  options: EnsembleOptions = {},
): Promise<EnsembleResult> {
  const { config } = experiment;
  const p = experiment.problem.layout.size;
  if (block.plane === 'axes') {
    const bad = block.axes.find((i) => i >= p);
    if (bad !== undefined)
      throw new ConfigError([
        `ensemble.axes: coordinate ${bad} does not exist, this problem has P = ${p} parameters (0 to ${p - 1})`,
      ]);
    if (block.axes[0] === block.axes[1])
      throw new ConfigError(['ensemble.axes: must be two different coordinates, e.g. [0, 1]']);
  }
  const n = block.members;
  const temps = block.temperatures.length;
  const k = n * temps;
  const theta0 = experiment.theta0.subarray(block.run * p, (block.run + 1) * p);
  const problem = memberProblem(experiment, block);
  const { steps, recordEvery } = ensembleSchedule(config);
  const snapshots: Snapshot[] = [];
  const yieldNow = eventLoopYielder();
  let trainSize = problem.size.train;
  try {
    trainSize = problem.size.train;
    const { runs, batchSeeds } = ensembleRows(experiment, block, trainSize);
    const start = new Float32Array(k * p);
    for (let r = 0; r < k; r++) start.set(theta0, r * p);
    for await (const s of train({
      problem,
      runs,
      theta0: start,
      steps,
      recordEvery,
      batchSeeds,
      // With additive noise the batch loss f(θ) − ξ̄·θ swings by σ‖θ‖ and says nothing about
      // divergence: only a non-finite θ or loss stops a member.
      divergenceFactor: block.noise ? NOISE_DIVERGENCE_FACTOR : config.divergenceFactor,
      signal: options.signal,
    })) {
      snapshots.push(s);
      options.onProgress?.(s.step, steps);
      // Let a cancel or a newer job in (wasm/cpu tensors resolve without a macrotask).
      await yieldNow();
    }
  } finally {
    if (problem !== experiment.problem) problem.dispose();
  }
  if (options.signal?.aborted) throw abortError();

  const last = snapshots[snapshots.length - 1]!;
  const healthy = Array.from({ length: temps }, (_, t) =>
    Array.from({ length: n }, (_, j) => t * n + j).filter((r) => last.divergedAt[r]! < 0),
  );
  const firstWindow = Math.ceil(block.burnIn * steps);
  let windowStart = snapshots.findIndex((s) => s.step >= firstWindow);
  if (windowStart < 0) windowStart = snapshots.length - 1;
  const window = snapshots.slice(windowStart);

  const plane = await viewPlane(experiment, block, window, healthy.flat(), p, options.signal);
  const project = (theta: Float32Array, r: number, d: number[]): number => {
    let s = 0;
    for (let i = 0; i < p; i++) s += (theta[r * p + i]! - plane.origin[i]!) * d[i]!;
    return s;
  };

  const temperatures: EnsembleTemperatureResult[] = block.temperatures.map((t, ti) => {
    const hyper = {
      lr: t.lr ?? experiment.runs[block.run]!.lr,
      batchSize: Math.min(t.batchSize, trainSize),
    };
    const rows = healthy[ti]!;
    const members = Array.from({ length: n }, (_, j) => ti * n + j);
    const nh = rows.length;
    const a: (number | null)[][] = [];
    const b: (number | null)[][] = [];
    const mean: [number, number][] = [];
    const cov: [number, number, number][] = [];
    const trace: number[] = [];
    const loss: number[] = [];
    const perMember = new Float64Array(nh);
    const squared = new Float64Array(nh);
    snapshots.forEach((s, si) => {
      const pa = members.map((r) =>
        rows.includes(r) ? project(s.theta, r, plane.directions[0]) : null,
      );
      const pb = members.map((r) =>
        rows.includes(r) ? project(s.theta, r, plane.directions[1]) : null,
      );
      a.push(pa);
      b.push(pb);
      const xs = pa.filter((v): v is number => v !== null);
      const ys = pb.filter((v): v is number => v !== null);
      const ma = xs.reduce((u, v) => u + v, 0) / nh;
      const mb = ys.reduce((u, v) => u + v, 0) / nh;
      let caa = 0;
      let cab = 0;
      let cbb = 0;
      xs.forEach((x, i) => {
        caa += (x - ma) ** 2;
        cab += (x - ma) * (ys[i]! - mb);
        cbb += (ys[i]! - mb) ** 2;
      });
      const dof = nh - 1;
      mean.push([ma, mb]);
      cov.push(dof > 0 ? [caa / dof, cab / dof, cbb / dof] : [NaN, NaN, NaN]);
      trace.push(nh > 1 ? cloudTrace(s.theta, p, rows, squared).trace : NaN);
      loss.push(rows.reduce((u, r) => u + s.trainLoss[r]!, 0) / nh);
      if (si >= windowStart && nh > 1)
        for (let i = 0; i < nh; i++) perMember[i]! += (squared[i]! * nh) / dof;
    });
    const w = window.length;
    let spread: number | null = null;
    let spreadError: number | null = null;
    let planeCov: [number, number, number] | null = null;
    if (nh > 1) {
      for (let i = 0; i < nh; i++) perMember[i]! /= w;
      spread = perMember.reduce((u, v) => u + v, 0) / nh;
      const sd = Math.sqrt(perMember.reduce((u, v) => u + (v - spread!) ** 2, 0) / (nh - 1));
      spreadError = sd / Math.sqrt(nh);
      const tail = cov.slice(windowStart);
      planeCov = [0, 1, 2].map((c) => tail.reduce((u, v) => u + v[c]!, 0) / w) as [
        number,
        number,
        number,
      ];
    }
    return {
      ...hyper,
      temperature: hyper.lr / hyper.batchSize,
      diverged: n - nh,
      a,
      b,
      mean,
      cov,
      trace,
      loss,
      spread,
      spreadError,
      planeCov,
    };
  });

  const fit = fitLine(
    temperatures.map((t) => t.temperature),
    temperatures.map((t) => t.spread ?? NaN),
  );
  const result: EnsembleResult = {
    run: block.run,
    members: n,
    steps: snapshots.map((s) => s.step),
    window: { from: window[0]!.step, to: last.step },
    plane: {
      kind: block.plane,
      origin: plane.origin,
      directions: plane.directions,
      explained: plane.explained,
      axisLabels: plane.axisLabels,
    },
    temperatures,
    fit,
    ...(block.noise ? { noise: { ...block.noise } } : {}),
  };
  if (block.escape) {
    result.escape = await measureEscape(experiment, block, theta0, last, temperatures, options);
  }
  return result;
}

function abortError(): Error {
  const error = new Error('ensemble cancelled');
  error.name = 'AbortError';
  return error;
}

interface Plane {
  origin: number[];
  directions: [number[], number[]];
  explained: [number, number] | null;
  axisLabels: [string, string];
}

/** The view plane of the clouds (see `EnsembleConfig.plane`). */
async function viewPlane(
  experiment: Experiment,
  block: EnsembleConfig,
  window: readonly Snapshot[],
  rows: readonly number[],
  p: number,
  signal?: AbortSignal,
): Promise<Plane> {
  const surface = experiment.problem.task === 'surface';
  if (block.plane === 'axes') {
    const unit = (i: number) => Array.from({ length: p }, (_, j) => (j === i ? 1 : 0));
    const label = (i: number) => (surface ? (i === 0 ? 'x' : 'y') : `θ[${i}]`);
    return {
      origin: new Array<number>(p).fill(0),
      directions: [unit(block.axes[0]), unit(block.axes[1])],
      explained: null,
      axisLabels: [label(block.axes[0]), label(block.axes[1])],
    };
  }
  const count = window.length * rows.length;
  const points = new Float32Array(count * p);
  let i = 0;
  for (const s of window)
    for (const r of rows) points.set(s.theta.subarray(r * p, (r + 1) * p), i++ * p);
  const origin = new Float64Array(p);
  for (let q = 0; q < count; q++) for (let j = 0; j < p; j++) origin[j]! += points[q * p + j]!;
  for (let j = 0; j < p; j++) origin[j]! /= Math.max(1, count);
  const pca =
    count >= 2 ? await trajectoryPca(points, count, Float32Array.from(origin), { signal }) : null;
  const explained: [number, number] = pca ? pca.explained : [0, 0];
  const percent = (e: number) => `${(100 * e).toFixed(0)} %`;
  return {
    origin: Array.from(origin),
    directions: pca
      ? [Array.from(pca.d1), Array.from(pca.d2)]
      : [new Array<number>(p).fill(0), new Array<number>(p).fill(0)],
    explained,
    axisLabels: [`PC1 (${percent(explained[0])})`, `PC2 (${percent(explained[1])})`],
  };
}

/** Quenches every member's last θ and θ₀ by full-batch GD and counts the escapes per temperature. */
async function measureEscape(
  experiment: Experiment,
  block: EnsembleConfig,
  theta0: Float32Array,
  last: Snapshot,
  temperatures: EnsembleTemperatureResult[],
  options: EnsembleOptions,
): Promise<NonNullable<EnsembleResult['escape']>> {
  const escape = block.escape!;
  const { problem, config } = experiment;
  const p = problem.layout.size;
  const n = block.members;
  const k = n * temperatures.length;
  const quenchLr = escape.quenchLr ?? Math.min(...temperatures.map((t) => t.lr));
  const gd = resolveRun(RunSchema.parse({ optimizer: 'sgd', lr: quenchLr }), problem.size.train);
  const start = new Float32Array((k + 1) * p);
  start.set(last.theta.subarray(0, k * p));
  start.set(theta0, k * p);
  const snapshots = await trainToEnd({
    problem,
    runs: Array.from({ length: k + 1 }, () => gd),
    theta0: start,
    steps: escape.quenchSteps,
    recordEvery: escape.quenchSteps,
    batchSeeds: new Array<number>(k + 1).fill(0),
    divergenceFactor: config.divergenceFactor,
    signal: options.signal,
  });
  if (options.signal?.aborted) throw abortError();
  const end = snapshots[snapshots.length - 1]!;
  const reference = end.theta.subarray(k * p, (k + 1) * p);
  temperatures.forEach((t, ti) => {
    const escapedMembers: boolean[] = [];
    const quenchedLoss: (number | null)[] = [];
    let escaped = 0;
    let healthy = 0;
    for (let j = 0; j < n; j++) {
      const r = ti * n + j;
      if (t.a[0]![j] === null) {
        escapedMembers.push(false);
        quenchedLoss.push(null);
        continue;
      }
      healthy++;
      let d = 0;
      for (let i = 0; i < p; i++) d += (end.theta[r * p + i]! - reference[i]!) ** 2;
      const out = Math.sqrt(d) > escape.radius;
      if (out) escaped++;
      escapedMembers.push(out);
      quenchedLoss.push(end.trainLoss[r]!);
    }
    t.escape = {
      escaped,
      fraction: healthy > 0 ? escaped / healthy : 0,
      quenchedLoss,
      escapedMembers,
    };
  });
  return {
    radius: escape.radius,
    quenchSteps: escape.quenchSteps,
    quenchLr,
    reference: { theta: Array.from(reference), loss: end.trainLoss[k]! },
  };
}
