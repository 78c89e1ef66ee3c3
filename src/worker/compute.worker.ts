/**
 * The compute worker: owns tfjs, the backend and the training jobs. The page sends `run` and
 * `cancel` messages (see ./protocol); the worker answers with the chosen backend once, then per
 * job a `start`, a `snapshot` every `recordEvery` steps, and `done` (or `error`).
 *
 * One job runs at a time: a new `run` aborts the previous job, whose remaining messages are
 * never sent (the trainer stops between steps and frees its tensors).
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentConfig } from '../config/schema';
import { buildExperiment, type Experiment } from '../experiment/build';
import { train } from '../engine/train/trainer';
import { chooseBackend, type BackendChoice } from './backend';
import type { ExperimentOverrides, FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Run colours (Tableau 10), used when the config gives none. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const DATA_LABELS: Record<string, string> = {
  spiral: 'two spirals',
  circles: 'two circles',
  xor: 'XOR',
  gaussians: 'two Gaussians',
  moons: 'two moons',
  linear: 'linearly separable points',
  'tanh-teacher': 'a tanh teacher',
  'linear-design': 'a linear design',
  custom: 'custom data',
};

function post(message: FromWorker): void {
  self.postMessage(message);
}

let backend: Promise<BackendChoice> | null = null;
let current: { jobId: number; abort: AbortController } | null = null;

function configFor(overrides: ExperimentOverrides): ExperimentConfig {
  const input: Record<string, unknown> = {};
  if (overrides.steps !== undefined) input.steps = overrides.steps;
  return parseConfig(input);
}

function describe(experiment: Experiment): { model: string; data: string; loss: string } {
  const { config, problem, dataset } = experiment;
  const p = problem.layout.size;
  const spec = config.problem;
  const model =
    spec.kind === 'mlp'
      ? `MLP ${[dataset?.inputDim ?? 2, ...spec.hidden, 1].join('-')} (${spec.activation}), ${p} parameters`
      : `${problem.name}, ${p} parameters`;
  const data = dataset
    ? `${DATA_LABELS[config.data.kind] ?? config.data.kind}, ${problem.size.train} training / ${problem.size.test} test points`
    : 'analytic surface';
  const task = problem.task;
  const loss =
    task === 'classification'
      ? 'binary cross-entropy'
      : task === 'regression'
        ? 'mean squared error'
        : 'f(θ)';
  return { model, data, loss };
}

async function run(
  jobId: number,
  requested: string | null,
  overrides: ExperimentOverrides,
): Promise<void> {
  current?.abort.abort();
  const abort = new AbortController();
  current = { jobId, abort };
  const config = configFor(overrides);

  if (!backend) {
    const t0 = performance.now();
    backend = chooseBackend(requested, config);
    const choice = await backend;
    post({
      type: 'backend',
      name: choice.name,
      fallbacks: choice.fallbacks,
      probeMs: Math.round(performance.now() - t0),
    });
  } else {
    await backend;
  }
  if (abort.signal.aborted) return;

  const experiment = buildExperiment(config);
  try {
    const { names } = experiment;
    post({
      type: 'start',
      jobId,
      names,
      colors: config.runs.map((r, k) => r.color ?? PALETTE[k % PALETTE.length]!),
      steps: config.steps,
      ...describe(experiment),
    });
    const t0 = performance.now();
    for await (const s of train({
      problem: experiment.problem,
      runs: experiment.runs,
      theta0: experiment.theta0,
      steps: config.steps,
      recordEvery: config.recordEvery,
      batchSeeds: experiment.batchSeeds,
      divergenceFactor: config.divergenceFactor,
      signal: abort.signal,
    })) {
      if (abort.signal.aborted) return;
      const message: FromWorker = {
        type: 'snapshot',
        jobId,
        step: s.step,
        trainLoss: Array.from(s.trainLoss),
        testLoss: Array.from(s.testLoss),
        divergedAt: Array.from(s.divergedAt),
      };
      if (s.testAccuracy) message.testAccuracy = Array.from(s.testAccuracy);
      post(message);
    }
    if (abort.signal.aborted) return;
    post({ type: 'done', jobId, names, trainMs: Math.round(performance.now() - t0) });
  } finally {
    experiment.problem.dispose();
    if (current?.jobId === jobId) current = null;
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (current?.jobId === message.jobId) current.abort.abort();
    return;
  }
  run(message.jobId, message.backend, message.overrides).catch((error: unknown) => {
    const text =
      error instanceof ConfigError
        ? error.problems.join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    post({ type: 'error', jobId: message.jobId, message: text });
  });
};
