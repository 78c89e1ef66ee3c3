/**
 * What the panels need to know about the config's defaults and rules, in one place: the default
 * data set of each problem, which data sets a problem accepts, the schema's per-data-set defaults
 * (shown as placeholders) and torch.optim's defaults per optimiser. `defaults.test.ts` checks these
 * against `parseConfig`, so a change in the schema that is not mirrored here fails a test.
 */
import type { z } from 'zod';
import {
  CLASSIFICATION_DATASETS,
  OPTIMIZERS,
  type ExperimentInput,
  type RunSchema,
} from '../../config/schema';

export type ProblemInput = NonNullable<ExperimentInput['problem']>;
export type DataInput = NonNullable<ExperimentInput['data']>;
export type ProblemKind = ProblemInput['kind'];
export type DataKind = DataInput['kind'];
/** One run as a user may write it (every field optional). */
export type RunInput = z.input<typeof RunSchema>;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const PROBLEM_KINDS: readonly { value: ProblemKind; label: string }[] = [
  { value: 'mlp', label: 'MLP (neural network)' },
  { value: 'logistic', label: 'Logistic regression' },
  { value: 'linear-regression', label: 'Linear regression' },
  { value: 'tanh-regression', label: '1-D tanh regression' },
  { value: 'surface', label: 'Analytic surface' },
];

export const DATA_LABELS: Record<DataKind, string> = {
  spiral: 'Two spirals',
  circles: 'Two circles',
  xor: 'XOR',
  gaussians: 'Two Gaussians',
  moons: 'Two moons',
  linear: 'Linearly separable',
  'tanh-teacher': 'tanh teacher (1-D regression)',
  'linear-design': 'Linear design',
  custom: 'Your points (CSV)',
};

export const SURFACE_LABELS: Record<string, string> = {
  quadratic: 'Quadratic ½(x² + κy²)',
  rosenbrock: 'Rosenbrock',
  beale: 'Beale',
  himmelblau: 'Himmelblau',
  saddle: 'Saddle x² − y²',
  rastrigin: 'Rastrigin',
  'plateau-cliff': 'Plateau and cliff',
};

/** Data sets the form offers for a problem (surfaces have none). */
export function dataKindsFor(kind: ProblemKind): readonly DataKind[] {
  switch (kind) {
    case 'mlp':
      return [...CLASSIFICATION_DATASETS, 'tanh-teacher', 'custom'];
    case 'logistic':
      return [...CLASSIFICATION_DATASETS, 'custom'];
    case 'linear-regression':
      return ['linear-design', 'custom'];
    case 'tanh-regression':
      return ['tanh-teacher', 'custom'];
    case 'surface':
      return [];
  }
}

/** The data set a problem switches to when its current one does not fit. */
export function defaultDataKind(kind: ProblemKind): DataKind | null {
  switch (kind) {
    case 'mlp':
    case 'logistic':
      return 'spiral';
    case 'linear-regression':
      return 'linear-design';
    case 'tanh-regression':
      return 'tanh-teacher';
    case 'surface':
      return null;
  }
}

/** A problem of `kind` with the schema's defaults written out (the form edits them). */
export function defaultProblem(kind: ProblemKind): ProblemInput {
  switch (kind) {
    case 'mlp':
      return { kind, hidden: [16, 16], activation: 'tanh' };
    case 'tanh-regression':
      return { kind, units: 4 };
    case 'surface':
      return { kind, surface: 'rosenbrock' };
    default:
      return { kind };
  }
}

/** The schema's defaults of each data set's fields (placeholders of empty inputs). */
export function dataDefaults(kind: DataKind): Record<string, number> {
  if ((CLASSIFICATION_DATASETS as readonly string[]).includes(kind)) {
    return { points: 320, noise: 0.05, testFraction: 0.2, margin: 0.1 };
  }
  switch (kind) {
    case 'tanh-teacher':
      return { points: 64, noise: 0.1, testFraction: 0.2, teacherUnits: 3, teacherSlope: 2 };
    case 'linear-design':
      return { points: 20, noise: 0, testFraction: 0.2, features: 50 };
    default:
      return { testFraction: 0.2 };
  }
}

/** The fields each data set accepts (besides `kind`). */
export function dataFields(kind: DataKind): readonly string[] {
  if (kind === 'custom') return ['task', 'x', 'y', 'testX', 'testY', 'testFraction'];
  return Object.keys(dataDefaults(kind));
}

export const DEFAULT_SEED = 1;
export const DEFAULT_KAPPA = 10;
export const DEFAULT_UNITS = 4;
export const MAX_HIDDEN_LAYERS = 4;
export const MAX_RUNS = 16;

export { optimizerDefaults, type OptimizerDefaults } from '../../config/optimizer-defaults';

/** The hyperparameters an optimiser uses (besides lr and weight decay, which every one has). */
export function optimizerUses(name: OptimizerName): {
  momentum: boolean;
  betas: boolean;
  eps: boolean;
  alpha: boolean;
  momentumDecay: boolean;
} {
  const adamFamily = name === 'adam' || name === 'adamw' || name === 'nadam';
  return {
    momentum: name === 'momentum' || name === 'nesterov',
    betas: adamFamily,
    eps: adamFamily || name === 'adagrad' || name === 'rmsprop',
    alpha: name === 'rmsprop',
    momentumDecay: name === 'nadam',
  };
}

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum (heavy ball)',
  nesterov: 'Nesterov',
  adagrad: 'Adagrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
  nadam: 'NAdam',
};

/** Schedule defaults (schema). */
export const SCHEDULE_DEFAULTS = { warmupSteps: 0, stepSize: 100, gamma: 0.5, minLrFactor: 0 };
export const SAM_DEFAULT_RHO = 0.05;

export { RUN_PALETTE, defaultRunColor } from '../../config/palette';
