/**
 * What the panels need to know about the config's defaults and rules, in one place: the default
 * data set of each problem, the schema's per-data-set defaults (shown as placeholders) and
 * torch.optim's defaults per optimiser, by field path (`fieldDefault`). The labels, which data
 * sets a problem accepts and which fields an optimiser uses are read from the field table
 * (`config/fields.ts`). `defaults.test.ts` checks these against `parseConfig`, so a change in the
 * schema that is not mirrored here fails a test.
 */
import type { z } from 'zod';
import { FIELDS, type FieldPath } from '../../config/fields';
import { optimizerDefaults } from '../../config/optimizer-defaults';
import {
  CLASSIFICATION_DATASETS,
  OPTIMIZERS,
  type ExperimentInput,
  type RunSchema,
} from '../../config/schema';
import { choicesFor } from './fieldRules';

export type ProblemInput = NonNullable<ExperimentInput['problem']>;
export type DataInput = NonNullable<ExperimentInput['data']>;
export type ProblemKind = ProblemInput['kind'];
export type DataKind = DataInput['kind'];
/** One run as a user may write it (every field optional). */
export type RunInput = z.input<typeof RunSchema>;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const PROBLEM_KINDS: readonly { value: ProblemKind; label: string }[] = (
  FIELDS['experiment.problem.kind'].choices ?? []
).map((c) => ({ value: c.value as ProblemKind, label: c.label }));

/** Data sets the form offers for a problem (surfaces have none), from the field table. */
export function dataKindsFor(kind: ProblemKind): readonly DataKind[] {
  const info = FIELDS['experiment.data.kind'];
  if (!info.problems.includes(kind)) return [];
  return choicesFor(info, kind).map((c) => c.value as DataKind);
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
    case 'cnn':
      return 'digits';
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
    case 'cnn':
      return { kind, channels: [4, 8], activation: 'relu' };
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
export const MAX_RUNS = 16;

export { optimizerDefaults };
export type { OptimizerDefaults } from '../../config/optimizer-defaults';

/** Whether a run field's `when` (in the field table) admits the optimiser; true without one. */
export function optimizerUsesField(path: FieldPath, name: OptimizerName): boolean {
  const optimizers = FIELDS[path].when?.['experiment.runs[].optimizer'];
  return !optimizers || optimizers.includes(name);
}

/** The run fields that only some optimisers use (their `when` names the optimiser). */
export const OPTIMIZER_FIELDS = (Object.keys(FIELDS) as FieldPath[]).filter(
  (path) =>
    path.startsWith('experiment.runs[].') &&
    Object.hasOwn(FIELDS[path].when ?? {}, 'experiment.runs[].optimizer'),
);

/** Schedule defaults (schema). */
export const SCHEDULE_DEFAULTS = { warmupSteps: 0, stepSize: 100, gamma: 0.5, minLrFactor: 0 };
export const SAM_DEFAULT_RHO = 0.05;

export { RUN_PALETTE, defaultRunColor } from '../../config/palette';

/** What a form knows when it asks for a default: the data set and the run's optimiser. */
export interface DefaultContext {
  data?: DataKind;
  optimizer?: OptimizerName;
}

/**
 * The schema's default of a field (a path of the field table) as a form shows it: the placeholder
 * of an empty input, the selected value of a choice left out; a pair's two defaults; undefined when
 * the field has none (it is required, or absent for the data set).
 */
export function fieldDefault(
  path: FieldPath,
  { data = 'spiral', optimizer = 'sgd' }: DefaultContext = {},
): string | readonly string[] | undefined {
  const key = path.slice(path.lastIndexOf('.') + 1);
  const str = (v: number | undefined) => (v === undefined ? undefined : String(v));
  switch (path) {
    case 'experiment.seed':
      return String(DEFAULT_SEED);
    case 'experiment.problem.kind':
      return 'mlp';
    case 'experiment.problem.hidden':
      return ['16', '16'];
    case 'experiment.problem.activation':
      return 'tanh';
    case 'experiment.problem.units':
      return String(DEFAULT_UNITS);
    case 'experiment.problem.surface':
      return 'rosenbrock';
    case 'experiment.problem.kappa':
      return String(DEFAULT_KAPPA);
    case 'experiment.data.kind':
      return 'spiral';
    case 'experiment.runs[].optimizer':
      return 'sgd';
    case 'experiment.runs[].batchSize':
      return 'full';
    case 'experiment.runs[].batchSeed':
      return '0';
    case 'experiment.runs[].schedule.kind':
      return 'constant';
    case 'experiment.runs[].sam.rho':
      return String(SAM_DEFAULT_RHO);
    case 'experiment.runs[].betas': {
      const d = optimizerDefaults(optimizer);
      return [String(d.beta1), String(d.beta2)];
    }
  }
  if (path.startsWith('experiment.data.')) return str(dataDefaults(data)[key]);
  if (path.startsWith('experiment.runs[].schedule.')) {
    return str((SCHEDULE_DEFAULTS as Record<string, number>)[key]);
  }
  if (path.startsWith('experiment.runs[].')) {
    const d = optimizerDefaults(optimizer) as unknown as Record<string, number>;
    return str(Object.hasOwn(d, key) ? d[key] : undefined);
  }
  return undefined;
}
