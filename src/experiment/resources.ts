/**
 * What an experiment will cost before anything is allocated: an itemised estimate of the memory
 * (data set, parameters and optimiser state, training activations, recorded trajectories,
 * landscape grid and its evaluation) and of the work (floating-point operations of training, of
 * the snapshot evaluations, of the landscape, and of the analyses that train after the runs: the
 * `connect` curve, the `badMinima` runs and the `ensemble`), and a check against a budget that
 * refuses a config with messages saying what to lower and to what. The CLI calls `checkResources` after
 * parsing; the worker calls it with its own options (it keeps a bounded number of snapshots).
 *
 * The figures are estimates (within a small factor of what the engine allocates), computed from the
 * config alone in constant time: no data is generated and no tensor is made.
 */
import { ConfigError } from '../config/parse';
import {
  testSetSize,
  trainSetSize,
  type ExperimentConfig,
  type LandscapeConfig,
} from '../config/schema';
import { ensembleSchedule } from '../config/ensemble-schema';
import { chunkBudgetFloats } from '../engine/landscape/grid';
import { cnnFloatsPerRow } from '../engine/problems/cnn-layout';
import { inputDimension, problemLayout } from './build';

/** Limits: bytes of memory and floating-point operations. */
export interface ResourceBudget {
  bytes: number;
  flops: number;
}

/** 1.5 GB and 5·10¹² operations (minutes on a CPU backend). */
export const DEFAULT_BUDGET: ResourceBudget = { bytes: 1.5e9, flops: 5e12 };

/**
 * Bytes the CLI keeps per recorded number: the snapshot's Float32Array (4), its copy and the
 * concatenated trajectory for the landscape (4 + 4), the result's JS number array (8) and about
 * 20 characters of JSON text.
 */
export const CLI_BYTES_PER_RECORDED_VALUE = 40;
/** A Node string holds at most 2²⁹ − 24 characters; the CLI's result JSON must stay below this. */
export const MAX_JSON_CHARS = 5e8;
/** Characters of JSON per recorded number (a float32 printed as a double) and per trajectory point. */
const JSON_CHARS_PER_VALUE = 20;
const JSON_CHARS_PER_POINT = 200;

export interface ResourceOptions {
  /**
   * Snapshots per run the host keeps at most (the worker keeps a bounded history): caps the
   * recorded-trajectory term. Default: every recorded snapshot is kept.
   */
  maxRecordedSnapshots?: number;
  /** Bytes kept per recorded number: 4 (a Float32Array, default); the CLI passes CLI_BYTES_PER_RECORDED_VALUE. */
  bytesPerRecordedValue?: number;
  /** Largest result text in characters (the CLI's JSON, see MAX_JSON_CHARS); default: not checked. */
  maxOutputChars?: number;
  /** Floats one landscape chunk may use (the engine's `chunkBudgetFloats(backend)`); default 2²³ (cpu). */
  chunkFloats?: number;
}

/** The CLI's options: it keeps every snapshot several times over and prints them as one JSON text. */
export function cliResourceOptions(backend: string): ResourceOptions {
  return {
    bytesPerRecordedValue: CLI_BYTES_PER_RECORDED_VALUE,
    maxOutputChars: MAX_JSON_CHARS,
    chunkFloats: chunkBudgetFloats(backend),
  };
}

export type ResourceItemName =
  'data' | 'parameters' | 'activations' | 'trajectories' | 'landscape' | 'projection';

/** One term of the memory estimate. */
export interface ResourceItem {
  name: ResourceItemName;
  /** What it is, e.g. "the recorded trajectories". */
  what: string;
  /** Whether `what` takes "need" rather than "needs". */
  plural: boolean;
  bytes: number;
  /** Its factors, e.g. "16 runs × 337 parameters × 1,000,001 snapshots". */
  detail: string;
}

/** One term of the work estimate. */
export interface WorkItem {
  name: 'training' | 'snapshots' | 'landscape' | AnalysisWorkName;
  what: string;
  flops: number;
  detail: string;
}

/** The analyses that train after the runs, by their config block. */
export type AnalysisWorkName = 'connect' | 'badMinima' | 'ensemble';

export interface ResourceEstimate {
  /** P, the parameters of one run. */
  parameters: number;
  runs: number;
  inputDim: number;
  trainPoints: number;
  testPoints: number;
  /** Snapshots recorded per run (step 0, every recordEvery steps, the last step). */
  snapshots: number;
  /** Snapshots kept per run (capped by `maxRecordedSnapshots`). */
  keptSnapshots: number;
  /** Floats one landscape grid point needs to evaluate (0 without a landscape). */
  floatsPerGridPoint: number;
  /** Characters of the result JSON (only when `maxOutputChars` is given, else 0). */
  outputChars: number;
  items: ResourceItem[];
  /** Sum of the items. */
  bytes: number;
  work: WorkItem[];
  /** Sum of the work items. */
  flops: number;
}

/** Snapshots the trainer records: step 0, every `recordEvery` steps and the last step. */
export function snapshotCount(steps: number, recordEvery: number): number {
  return Math.ceil(steps / recordEvery) + 1;
}

/** Copies of [K, P] the trainer holds: θ, m, v, previous θ, gradient, SAM gradient, updated θ/m/v, snapshot. */
const PARAMETER_COPIES = 10;
/** Copies of the [K, m, width] activations alive in a training step (forward values and gradients). */
const ACTIVATION_COPIES = 4;
/** Copies of the data while it is generated, split and uploaded. */
const DATA_COPIES = 3;
/** Per-snapshot metrics per run (losses, accuracies, gradient norm, divergence). */
const SNAPSHOT_METRICS = 6;

function landscapeSplitPoints(
  landscape: LandscapeConfig,
  train: number,
  test: number,
): { points: number; metrics: number } {
  const splits = new Set(landscape.metrics.map((m) => (m.startsWith('test') ? 'test' : 'train')));
  let points = 0;
  for (const s of splits) points += s === 'test' ? test : train;
  return { points, metrics: landscape.metrics.length };
}

/** Itemised memory and work of a config (see the module comment). */
export function estimateResources(
  config: ExperimentConfig,
  options: ResourceOptions = {},
): ResourceEstimate {
  const layout = problemLayout(config);
  const p = layout.size;
  const k = config.runs.length;
  const surface = config.problem.kind === 'surface';
  const d = inputDimension(config);
  const mTrain = surface ? 1 : trainSetSize(config.data);
  const mTest = surface ? 1 : testSetSize(config.data);
  const m = Math.max(mTrain, mTest);
  const classifier =
    !surface &&
    (config.problem.kind === 'logistic' ||
      config.problem.kind === 'mlp' ||
      config.problem.kind === 'cnn');
  // The CNN's feature maps per image: conv 1's s²·c₁ and conv 2's (s/2)²·c₂ values.
  const cnnMaps =
    config.problem.kind === 'cnn'
      ? d * config.problem.channels[0] + (d / 4) * config.problem.channels[1]
      : 0;
  const hidden = config.problem.kind === 'mlp' ? config.problem.hidden : [];
  const units =
    config.problem.kind === 'tanh-regression'
      ? config.problem.units
      : config.problem.kind === 'cnn'
        ? cnnMaps
        : hidden.reduce((a, b) => a + b, 0);
  const widest = config.problem.kind === 'mlp' ? Math.max(1, ...hidden) : 1;
  const snapshots = snapshotCount(config.steps, config.recordEvery);
  const kept = Math.min(snapshots, options.maxRecordedSnapshots ?? Infinity);
  const perValue = options.bytesPerRecordedValue ?? 4;

  const items: ResourceItem[] = [];
  if (!surface) {
    items.push({
      name: 'data',
      what: 'the data set',
      plural: false,
      bytes: (mTrain + mTest) * (d + 1) * 4 * DATA_COPIES,
      detail: `${count(mTrain + mTest)} points × ${count(d + 1)} float32 values, ${DATA_COPIES} copies: generated, split, on the device`,
    });
  }
  items.push({
    name: 'parameters',
    what: 'the parameters and optimiser state',
    plural: true,
    bytes: k * p * 4 * PARAMETER_COPIES,
    detail: `${runs(k)} × ${count(p)} parameters × ${PARAMETER_COPIES} copies`,
  });
  if (!surface) {
    const width = units + 2;
    items.push({
      name: 'activations',
      what: 'the training activations',
      plural: true,
      bytes: k * mTrain * width * 4 * ACTIVATION_COPIES,
      detail: `${runs(k)} × ${count(mTrain)} training points × ${count(width)} values × ${ACTIVATION_COPIES} copies`,
    });
  }
  items.push({
    name: 'trajectories',
    what: 'the recorded trajectories',
    plural: true,
    bytes: k * kept * (p + SNAPSHOT_METRICS) * perValue,
    detail: `${runs(k)} × ${count(p)} parameters × ${count(kept)} snapshots × ${perValue} bytes`,
  });

  const work: WorkItem[] = [];
  const sam = config.runs.some((r) => r.sam) ? 2 : 1;
  work.push({
    name: 'training',
    what: 'training',
    flops: config.steps * k * mTrain * p * 6 * sam,
    detail: `${count(config.steps)} steps × ${runs(k)} × ${count(mTrain)} training points × ${count(p)} parameters × ${6 * sam}`,
  });
  // Every recorded snapshot is evaluated on the full data (loss, gradient, accuracies) and, with a
  // landscape, projected onto the plane with its true and plane losses.
  const perSnapshotPoint =
    mTrain * 6 + mTest * (classifier ? 4 : 2) + (config.landscape ? mTrain * 4 : 0);
  work.push({
    name: 'snapshots',
    what: 'evaluating the recorded snapshots',
    flops: snapshots * k * perSnapshotPoint * p,
    detail: `${count(snapshots)} snapshots × ${runs(k)} × ${count(mTrain + mTest)} points × ${count(p)} parameters × ~6`,
  });

  let floatsPerGridPoint = 0;
  const landscape = config.landscape;
  if (landscape) {
    // The engine's evaluators: the affine-plane MLP program for MLPs and logistic regression,
    // else P-vectors per grid point (see engine/landscape/mlp-plane.ts and evaluators.ts).
    floatsPerGridPoint =
      config.problem.kind === 'cnn'
        ? cnnFloatsPerRow(
            { side: Math.round(Math.sqrt(d)), channels: config.problem.channels, outputs: 10 },
            m,
          )
        : classifier
          ? 10 * m * widest
          : 4 * p + 6 * m * 8;
    const n2 = landscape.n * landscape.n;
    const chunk = options.chunkFloats ?? 2 ** 23;
    const { points, metrics } = landscapeSplitPoints(landscape, mTrain, mTest);
    items.push({
      name: 'landscape',
      what: 'the landscape grid and its evaluation',
      plural: true,
      bytes: (n2 * metrics + Math.min(n2 * floatsPerGridPoint, chunk)) * 4,
      detail: `${landscape.n}² points × ${metrics} metric${metrics > 1 ? 's' : ''}, chunks of ≤ ${bytesText(chunk * 4)}`,
    });
    // Each run's recorded path is projected and evaluated in one program.
    const perPoint = floatsPerGridPoint + mTrain * (units + 2) * 2 + p;
    items.push({
      name: 'projection',
      what: 'projecting the trajectories onto the plane',
      plural: false,
      // The host projects what it keeps (the worker's bounded recording; the CLI keeps all).
      bytes: kept * perPoint * 4,
      detail: `${count(kept)} snapshots × ${count(perPoint)} floats`,
    });
    work.push({
      name: 'landscape',
      what: 'the landscape',
      flops: n2 * points * p * 2,
      detail: `${landscape.n}² grid points × ${count(points)} points × ${count(p)} parameters × 2`,
    });
  }
  work.push(...analysisWork(config, mTrain, p));
  const outputChars =
    options.maxOutputChars !== undefined
      ? k * snapshots * (p * JSON_CHARS_PER_VALUE + JSON_CHARS_PER_POINT) +
        (landscape ? landscape.n ** 2 * landscape.metrics.length * JSON_CHARS_PER_VALUE : 0)
      : 0;
  return {
    parameters: p,
    runs: k,
    inputDim: d,
    trainPoints: mTrain,
    testPoints: surface ? 0 : mTest,
    snapshots,
    keptSnapshots: kept,
    floatsPerGridPoint,
    outputChars,
    items,
    bytes: items.reduce((s, i) => s + i.bytes, 0),
    work,
    flops: work.reduce((s, w) => s + w.flops, 0),
  };
}

/** Floating-point operations of one update on one example per parameter (forward + backward). */
const UPDATE_FLOPS = 6;

/**
 * The updates an analysis block trains (`updates`, the field that sets them, the rest of the
 * product as `perUpdate`) and what it evaluates besides (`fixed`): each update costs, like a
 * training step, m × P × 6 on the full training set (an upper bound for mini-batches).
 */
interface AnalysisWork {
  item: WorkItem & { name: AnalysisWorkName };
  updates: number;
  perUpdate: number;
  fixed: number;
}

/**
 * The work of the analyses that train after the runs (`m` training points, `p` parameters):
 * - connect: `steps` updates of the bend, each on `samples` points of the curve, and the n² grid
 *   of the plane through the curve (m × P × 2 a point);
 * - badMinima: one bad run per checkpoint, `steps` updates each on train ∪ poison (m(1 + ρ)
 *   points), and the n² plane through θ₀, the good and a bad minimum;
 * - ensemble: `members` × temperatures copies of the run, `steps` updates each.
 */
function analysisWorks(config: ExperimentConfig, m: number, p: number): AnalysisWork[] {
  const out: AnalysisWork[] = [];
  const connect = config.connect;
  if (connect) {
    const perUpdate = connect.samples * m * p * UPDATE_FLOPS;
    const fixed = connect.n ** 2 * m * p * 2;
    out.push({
      updates: connect.steps,
      perUpdate,
      fixed,
      item: {
        name: 'connect',
        what: 'training the connecting curve',
        flops: connect.steps * perUpdate + fixed,
        detail: `${count(connect.steps)} steps × ${count(connect.samples)} samples × ${count(m)} training points × ${count(p)} parameters × ${UPDATE_FLOPS}, and its ${connect.n}² plane`,
      },
    });
  }
  const bad = config.badMinima;
  if (bad) {
    const points = Math.round(m * (1 + bad.rho));
    const runs = bad.checkpoints.length;
    const perUpdate = runs * points * p * UPDATE_FLOPS;
    const fixed = bad.n ** 2 * m * p * 2;
    out.push({
      updates: bad.steps,
      perUpdate,
      fixed,
      item: {
        name: 'badMinima',
        what: 'training the bad minima',
        flops: bad.steps * perUpdate + fixed,
        detail: `${count(bad.steps)} steps × ${count(runs)} checkpoints × ${count(points)} clean and poison points × ${count(p)} parameters × ${UPDATE_FLOPS}${bad.n ? `, and the ${bad.n}² plane` : ''}`,
      },
    });
  }
  const ensemble = config.ensemble;
  if (ensemble) {
    const { steps } = ensembleSchedule(config);
    const copies = ensemble.members * ensemble.temperatures.length;
    const perUpdate = copies * m * p * UPDATE_FLOPS;
    out.push({
      updates: steps,
      perUpdate,
      fixed: 0,
      item: {
        name: 'ensemble',
        what: 'training the ensemble',
        flops: steps * perUpdate,
        detail: `${count(steps)} steps × ${count(ensemble.members)} members × ${ensemble.temperatures.length} temperatures × ${count(m)} training points × ${count(p)} parameters × ${UPDATE_FLOPS}`,
      },
    });
  }
  return out;
}

function analysisWork(config: ExperimentConfig, m: number, p: number): WorkItem[] {
  return analysisWorks(config, m, p).map((w) => w.item);
}

/**
 * Estimates the config's resources and throws a `ConfigError` when they exceed the budget, one
 * line per reason, each naming the field to change and the value that would fit. Returns the
 * estimate otherwise.
 */
export function checkResources(
  config: ExperimentConfig,
  budget: ResourceBudget = DEFAULT_BUDGET,
  options: ResourceOptions = {},
): ResourceEstimate {
  const e = estimateResources(config, options);
  const problems: string[] = [];
  const chunk = options.chunkFloats ?? 2 ** 23;
  if (config.landscape && e.floatsPerGridPoint > chunk) {
    problems.push(
      `landscape: one grid point needs ${bytesText(e.floatsPerGridPoint * 4)} to evaluate (${count(Math.max(e.trainPoints, e.testPoints))} points × the widest layer × 10), more than a chunk may use (${bytesText(chunk * 4)}): use fewer data points or narrower hidden layers`,
    );
  }
  if (e.bytes > budget.bytes) {
    const sorted = [...e.items].sort((a, b) => b.bytes - a.bytes);
    const reported = sorted.filter((item, i) => i === 0 || item.bytes > budget.bytes);
    for (const item of reported) {
      const allowance = budget.bytes - (e.bytes - item.bytes);
      problems.push(
        `${memoryField(config, item)}: ${item.what} ${item.plural ? 'need' : 'needs'} ${bytesText(item.bytes)} (${item.detail}); the limit is ${bytesText(budget.bytes)}: ${memoryAdvice(config, e, item, allowance, options)}`,
      );
    }
  }
  if (e.flops > budget.flops) {
    const top = [...e.work].sort((a, b) => b.flops - a.flops)[0]!;
    problems.push(workLine(config, e, top, budget.flops));
  }
  if (options.maxOutputChars !== undefined && e.outputChars > options.maxOutputChars) {
    const fixed = e.outputChars - e.runs * e.snapshots * perPointChars(e.parameters);
    const most = Math.floor(
      (options.maxOutputChars - fixed) / (e.runs * perPointChars(e.parameters)),
    );
    problems.push(
      `recordEvery: the result JSON would be about ${flopsText(e.outputChars)} characters (${runs(e.runs)} × ${count(e.snapshots)} snapshots × ${count(e.parameters)} parameters × ~${JSON_CHARS_PER_VALUE}); a Node string holds at most ${flopsText(options.maxOutputChars)}: ${snapshotAdvice(config, most)}`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return e;
}

const perPointChars = (p: number) => p * JSON_CHARS_PER_VALUE + JSON_CHARS_PER_POINT;

function memoryField(config: ExperimentConfig, item: ResourceItem): string {
  switch (item.name) {
    case 'data':
      return config.data.kind === 'custom' ? 'data.x' : 'data.points';
    case 'parameters':
      return config.problem.kind === 'mlp' ? 'problem.hidden' : 'runs';
    case 'activations':
      return config.problem.kind === 'mlp' ? 'problem.hidden' : 'data.points';
    case 'trajectories':
    case 'projection':
      return 'recordEvery';
    case 'landscape':
      return 'landscape.n';
  }
}

/** "raise recordEvery to ≥ r or lower steps to ≤ s" so that at most `most` snapshots are recorded. */
function snapshotAdvice(config: ExperimentConfig, most: number): string {
  if (most < 2) return 'use fewer runs or a smaller model';
  const every = Math.ceil(config.steps / (most - 1));
  const steps = (most - 1) * config.recordEvery;
  const raise = every <= 1_000_000 ? `raise recordEvery to ≥ ${count(every)}` : null;
  const lower = steps >= 1 && steps < config.steps ? `lower steps to ≤ ${count(steps)}` : null;
  return [raise, lower].filter(Boolean).join(' or ') || 'use fewer runs or a smaller model';
}

function memoryAdvice(
  config: ExperimentConfig,
  e: ResourceEstimate,
  item: ResourceItem,
  allowance: number,
  options: ResourceOptions,
): string {
  const shrink = 'use fewer runs or a smaller model';
  switch (item.name) {
    case 'trajectories': {
      if (e.keptSnapshots < e.snapshots) return shrink; // capped: the host keeps no more
      const perSnapshot =
        e.runs * (e.parameters + SNAPSHOT_METRICS) * (options.bytesPerRecordedValue ?? 4);
      return snapshotAdvice(config, Math.floor(allowance / perSnapshot));
    }
    case 'projection': {
      const perSnapshot = item.bytes / e.keptSnapshots;
      return snapshotAdvice(config, Math.floor(allowance / perSnapshot));
    }
    case 'data': {
      const perPoint = (e.inputDim + 1) * 4 * DATA_COPIES;
      const points = Math.floor(allowance / perPoint);
      const parts: string[] = [];
      if (points >= 2) {
        parts.push(
          config.data.kind === 'custom'
            ? `use at most ${count(points)} points`
            : `lower data.points to ≤ ${count(points)}`,
        );
      }
      if (config.data.kind === 'linear-design') {
        const features = Math.floor(allowance / (config.data.points * 4 * DATA_COPIES)) - 1;
        if (features >= 1) parts.push(`data.features to ≤ ${count(features)}`);
      }
      return parts.join(' or ') || 'use fewer points or fewer input features';
    }
    case 'parameters':
      return shrink;
    case 'activations':
      return 'use fewer runs or data points, or smaller hidden layers';
    case 'landscape': {
      const perPoint = config.landscape!.metrics.length * 4;
      const n = Math.floor(Math.sqrt(Math.max(0, allowance - 4 * 2 ** 23) / perPoint));
      return n >= 5 ? `lower landscape.n to ≤ ${n}` : 'use fewer landscape metrics';
    }
  }
}

function workLine(
  config: ExperimentConfig,
  e: ResourceEstimate,
  top: WorkItem,
  limit: number,
): string {
  const flops = (name: WorkItem['name']) => e.work.find((w) => w.name === name)?.flops ?? 0;
  const smaller = 'use fewer runs, data points or smaller hidden layers';
  if (top.name === 'connect' || top.name === 'badMinima' || top.name === 'ensemble') {
    const m = e.trainPoints;
    const w = analysisWorks(config, m, e.parameters).find((a) => a.item.name === top.name)!;
    const fit = Math.floor((limit - (e.flops - top.flops) - w.fixed) / w.perUpdate);
    const lower =
      fit >= 1 && fit < w.updates ? `lower ${top.name}.steps to ≤ ${count(fit)}, or ` : '';
    return `${top.name}.steps: ${top.what} needs about ${flopsText(top.flops)} floating-point operations (${top.detail}); the limit is ${flopsText(limit)}: ${lower}${smaller}`;
  }
  if (top.name === 'landscape') {
    const n = config.landscape!.n;
    const perPoint = top.flops / (n * n);
    const fit = Math.floor(Math.sqrt(Math.max(0, limit - (e.flops - top.flops)) / perPoint));
    return `landscape.n: ${top.what} needs about ${flopsText(top.flops)} floating-point operations (${top.detail}); the limit is ${flopsText(limit)}: ${fit >= 5 ? `lower landscape.n to ≤ ${fit}, or ` : ''}${smaller}`;
  }
  // Training and the snapshot evaluations both grow with the steps: one line for the two.
  const { steps, recordEvery } = config;
  const available = limit - flops('landscape');
  const perStep = flops('training') / steps;
  const perSnapshot = flops('snapshots') / e.snapshots;
  const total = flops('training') + flops('snapshots');
  const advice: string[] = [];
  // a·s + b·(ceil(s/r) + 1) ≤ available, with ceil(s/r) ≤ s/r + 1.
  const fewerSteps = Math.floor(
    (available - 2 * perSnapshot) / (perStep + perSnapshot / recordEvery),
  );
  if (fewerSteps >= 1) advice.push(`lower steps to ≤ ${count(fewerSteps)}`);
  const snapshots = Math.floor((available - perStep * steps) / perSnapshot);
  if (snapshots >= 2 && snapshots < e.snapshots) {
    const every = Math.ceil(steps / (snapshots - 1));
    if (every <= 1_000_000) advice.push(`raise recordEvery to ≥ ${count(every)}`);
  }
  const what = `training needs about ${flopsText(total)} floating-point operations (${count(steps)} steps × ${runs(e.runs)} × ${count(e.trainPoints)} training points × ${count(e.parameters)} parameters × 6, and ${count(e.snapshots)} snapshot evaluations)`;
  return `steps: ${what}; the limit is ${flopsText(limit)}: ${[...advice, smaller].join(', or ')}`;
}

/** 1234567 → "1,234,567" (independent of the locale). */
function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function runs(k: number): string {
  return `${k} run${k === 1 ? '' : 's'}`;
}

/** Bytes in decimal units: "4.1 GB", "648 MB", "12 kB". */
export function bytesText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} bytes`;
}

/** 8.3e12 style ("5e12" for 5.0e12). */
function flopsText(x: number): string {
  return x.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
}
