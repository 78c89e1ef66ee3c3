/**
 * From a validated config to the engine's objects: the data set, the problem, the resolved
 * hyper-parameters of every run and the initial parameters. Used by the CLI and the worker.
 */
import { ConfigError } from '../config/parse';
import { explicitDirectionProblems } from '../config/directions-schema';
import {
  OPTIMIZERS,
  type DataConfig,
  type ExperimentConfig,
  type RunConfig,
} from '../config/schema';
import {
  GENERATED_CLASSES,
  generateDataset,
  type ClassificationDatasetName,
  type Dataset,
  type DatasetSpec,
} from '../engine/data/datasets';
import { digitsDataset } from '../engine/data/digits';
import { DIGITS_CLASS_COUNT, DIGITS_INPUTS } from '../config/digits-schema';
import { deriveSeed, Rng } from '../engine/math/random';
import { optimizerDefaults } from '../config/optimizer-defaults';
import type { OptimizerName, RunHyper } from '../engine/optim/optimizers';
import { buildProblem, type ProblemSpec } from '../engine/problems/build';
import { describeLayout, type ParameterLayout } from '../engine/problems/layout';
import { linearRegressionLayout } from '../engine/problems/linear-regression';
import { mlpLayout } from '../engine/problems/mlp';
import { cnnLayout } from '../engine/problems/cnn-layout';
import { SURFACE_LAYOUT } from '../engine/problems/surfaces';
import { tanhRegressionLayout } from '../engine/problems/tanh-regression';
import type { Problem } from '../engine/problems/problem';
import type { TrainerOptions } from '../engine/train/trainer';

/** Everything needed to train an experiment. Dispose `problem` when done. */
export interface Experiment {
  config: ExperimentConfig;
  /** null for the analytic surfaces. */
  dataset: Dataset | null;
  problem: Problem;
  /** Display name of each run [K]. */
  names: string[];
  runs: RunHyper[];
  /** Initial parameters, row-major [K, P]. */
  theta0: Float32Array;
  /** Mini-batch stream seed of each run [K]. */
  batchSeeds: number[];
}

/** The engine's data spec for a config's data field. */
export function datasetSpec(data: DataConfig, seed: number): DatasetSpec {
  return { ...data, seed } as DatasetSpec;
}

/** Resolves a run's hyper-parameters: torch's defaults for its optimiser, then its own fields. */
export function resolveRun(run: RunConfig, trainSize: number): RunHyper {
  const d = optimizerDefaults(run.optimizer);
  return {
    optimizer: run.optimizer,
    lr: run.lr ?? d.lr,
    momentum: run.momentum ?? d.momentum,
    beta1: run.betas?.[0] ?? d.beta1,
    beta2: run.betas?.[1] ?? d.beta2,
    eps: run.eps ?? d.eps,
    alpha: run.alpha ?? d.alpha,
    weightDecay: run.weightDecay ?? d.weightDecay,
    momentumDecay: run.momentumDecay ?? d.momentumDecay,
    batchSize: run.batchSize === 'full' ? trainSize : Math.min(run.batchSize, trainSize),
    schedule: run.schedule,
    samRho: run.sam?.rho ?? 0,
    ...(run.sampling?.kind === 'importance' ? { sampling: run.sampling } : {}),
  };
}

// The config (which may not import the engine) lists the optimisers and the engine names them in a
// type; these two assignments fail to compile if the two sets ever differ.
const _configToEngine: readonly OptimizerName[] = OPTIMIZERS;
const _engineToConfig = (name: OptimizerName): (typeof OPTIMIZERS)[number] => name;
void _configToEngine;
void _engineToConfig;

const OPTIMIZER_LABELS: Record<RunConfig['optimizer'], string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'Adagrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
  nadam: 'NAdam',
};

/** Input dimension d of a config's data (0 for the analytic surfaces, which have none). */
export function inputDimension(config: ExperimentConfig): number {
  if (config.problem.kind === 'surface') return 0;
  const { data } = config;
  switch (data.kind) {
    case 'tanh-teacher':
      return 1;
    case 'linear-design':
      return data.features;
    case 'digits':
      return DIGITS_INPUTS;
    case 'custom':
      return data.x[0]?.length ?? 0;
    default:
      return 2;
  }
}

/**
 * Output units of a config's MLP or logistic model, known before any data is generated: C logits
 * for classification data of C ≥ 3 classes (the generated multi-arm spirals, the digits, custom
 * labels up to C − 1), else 1 (one logit, or one prediction for regression).
 */
export function outputCount(config: ExperimentConfig): number {
  const { data } = config;
  let classes = 2;
  if (data.kind === 'digits') classes = DIGITS_CLASS_COUNT;
  else if (Object.hasOwn(GENERATED_CLASSES, data.kind))
    classes = GENERATED_CLASSES[data.kind as ClassificationDatasetName];
  else if (data.kind === 'custom' && data.task === 'classification')
    classes = 1 + [...data.y, ...(data.testY ?? [])].reduce((a, b) => Math.max(a, b), 1);
  return classes > 2 ? classes : 1;
}

/** The parameter layout of a config's problem, known before any data is generated. */
export function problemLayout(config: ExperimentConfig): ParameterLayout {
  const { problem } = config;
  const d = inputDimension(config);
  switch (problem.kind) {
    case 'surface':
      return SURFACE_LAYOUT;
    case 'mlp':
      return mlpLayout(d, problem.hidden, outputCount(config));
    case 'logistic':
      return mlpLayout(d, [], outputCount(config));
    case 'linear-regression':
      return linearRegressionLayout(d);
    case 'tanh-regression':
      return tanhRegressionLayout(problem.units);
    case 'cnn': {
      // The config accepts only the 8×8 digits for a CNN (schema.ts); C = 10 logits.
      const classes = outputCount(config);
      return cnnLayout({
        side: Math.round(Math.sqrt(d)),
        channels: problem.channels,
        outputs: classes,
      });
    }
  }
}

/**
 * θ₀ lengths against the parameter count P: a `ConfigError` naming `theta0` or `runs[i].theta0`,
 * the expected length and the layout. Needs no data (checked before anything is allocated).
 */
export function checkTheta0(config: ExperimentConfig): void {
  const layout = problemLayout(config);
  const p = layout.size;
  const errors: string[] = [];
  const checkLength = (field: string, theta: number[] | undefined): void => {
    if (theta && theta.length !== p) {
      errors.push(
        `${field}: must have P = ${p} numbers for this problem, ${describeLayout(layout)}; got ${theta.length}`,
      );
    }
  };
  checkLength('theta0', config.theta0);
  config.runs.forEach((r, i) => checkLength(`runs[${i}].theta0`, r.theta0));
  errors.push(
    ...explicitDirectionProblems(config.landscape?.directions, p, describeLayout(layout)),
  );
  if (errors.length) throw new ConfigError(errors);
}

/** Builds the experiment on the current tfjs backend. Throws `ConfigError` for a θ₀ of the wrong length. */
export function buildExperiment(config: ExperimentConfig): Experiment {
  checkTheta0(config);
  const dataset =
    config.problem.kind === 'surface'
      ? null
      : config.data.kind === 'digits'
        ? digitsDataset({ ...config.data, seed: config.seed })
        : generateDataset(datasetSpec(config.data, config.seed));
  const problem = buildProblem(config.problem as ProblemSpec, dataset);
  try {
    const p = problem.layout.size;
    if (p !== problemLayout(config).size) {
      throw new Error(
        `the ${problem.name} problem has ${p} parameters, its config layout says otherwise`,
      );
    }

    const shared = config.theta0
      ? Float32Array.from(config.theta0)
      : problem.init(Rng.derive(config.seed, 'init'));
    const theta0 = new Float32Array(config.runs.length * p);
    config.runs.forEach((r, k) => {
      const own = r.theta0
        ? Float32Array.from(r.theta0)
        : r.initSeed !== undefined
          ? problem.init(Rng.derive(r.initSeed, 'init'))
          : shared;
      theta0.set(own, k * p);
    });
    const counts = new Map<string, number>();
    const names = config.runs.map((r) => {
      const base =
        r.name ??
        (Object.hasOwn(OPTIMIZER_LABELS, r.optimizer) ? OPTIMIZER_LABELS[r.optimizer] : 'run');
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      return n > 1 && !r.name ? `${base} ${n}` : base;
    });
    return {
      config,
      dataset,
      problem,
      names,
      runs: config.runs.map((r) => resolveRun(r, problem.size.train)),
      theta0,
      batchSeeds: config.runs.map((r) => deriveSeed(config.seed, 'batches', r.batchSeed)),
    };
  } catch (error) {
    problem.dispose();
    throw error;
  }
}

/** The trainer's options for an experiment (all runs, the config's steps and recording). */
export function trainerOptions(
  experiment: Experiment,
  overrides: Partial<TrainerOptions> = {},
): TrainerOptions {
  const { config } = experiment;
  return {
    problem: experiment.problem,
    runs: experiment.runs,
    theta0: experiment.theta0,
    steps: config.steps,
    recordEvery: config.recordEvery,
    batchSeeds: experiment.batchSeeds,
    divergenceFactor: config.divergenceFactor,
    ...overrides,
  };
}
