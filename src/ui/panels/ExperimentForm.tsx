/**
 * The problem / model / data part of an experiment config, as a controlled form: it shows
 * `value` and reports every edit as a whole new `ExperimentInput` through `onChange` (fields it
 * does not edit — runs, steps, landscape … — are passed through untouched). Fields the user
 * clears are removed, so the schema's default applies (shown as the placeholder).
 *
 * Config problems (`ConfigError.problems`) are shown under the field whose path they name
 * (`data.points: …` under "Points"); lines naming no field of this form are listed at its top,
 * except those under `otherPanels` (by default `runs`, which the RunsEditor shows).
 *
 * Changing the problem kind keeps the data when the new problem accepts it and otherwise switches
 * to that problem's default data set (spiral, tanh-teacher or linear-design).
 *
 * Each field is a `TableField` of the field table (`config/fields.ts`): its label, unit, range,
 * help and choices come from there, and it shows when `fieldApplies` to the document. This file
 * only lists the fields of each section, reads and writes their values, and says what happens
 * when the problem or the data set changes.
 */
import type { AppConfig } from '../../config/app';
import { FIELDS, fieldApplies, type FieldPath } from '../../config/fields';
import { CLASSIFICATION_DATASETS, type ExperimentInput } from '../../config/schema';
import {
  dataKindsFor,
  defaultDataKind,
  defaultProblem,
  fieldDefault,
  type DataInput,
  type DataKind,
  type ProblemInput,
  type ProblemKind,
} from './defaults';
import { CsvLoader } from './CsvLoader';
import { FieldMessages, ProblemList, SelectField } from './fields';
import { assignProblems, isUnder } from './problems';
import { TableField } from './TableField';
import './panels.css';

export interface ExperimentFormProps {
  /** The config being edited (only `seed`, `problem` and `data` are edited here). */
  value: ExperimentInput;
  /** Called with the whole next config after each committed edit. */
  onChange(next: ExperimentInput): void;
  /** `ConfigError.problems` of the current config (lines like `data.points: … (got 1)`). */
  problems: readonly string[];
  /** Path prefixes whose problems another panel shows (not listed at the top); default `['runs']`. */
  otherPanels?: readonly string[];
}

const DEFAULT_PROBLEM: ProblemInput = defaultProblem('mlp');
/** The fields of user points whose problems are shown under the CSV loader. */
const CUSTOM_FIELDS = ['data.task', 'data.x', 'data.y', 'data.testX', 'data.testY'];
/** Shown under the loader while "Your points" has no points. */
export const NO_POINTS_MESSAGE = 'load a CSV file or paste points first';
const DEFAULT_DATA: DataInput = { kind: 'spiral' };

const isClassificationSet = (kind: DataKind) =>
  (CLASSIFICATION_DATASETS as readonly string[]).includes(kind);

/** Whether `problem` accepts `data` (the schema's cross-field rules). */
export function dataFits(problem: ProblemKind, data: DataInput): boolean {
  if (problem === 'surface') return true;
  if (data.kind === 'custom') {
    if (problem === 'mlp') return true;
    return problem === 'logistic' ? data.task === 'classification' : data.task === 'regression';
  }
  return dataKindsFor(problem).includes(data.kind);
}

/**
 * Data of another kind: within the 2-D classification sets the points, noise, split and margin
 * are kept; across families only the test fraction is.
 */
export function switchDataKind(data: DataInput, kind: DataKind): DataInput {
  if (data.kind === kind) return data;
  const d = data as Record<string, unknown>;
  if (isClassificationSet(data.kind) && isClassificationSet(kind)) {
    return { ...d, kind } as DataInput;
  }
  const next: Record<string, unknown> = { kind };
  if (d.testFraction !== undefined) next.testFraction = d.testFraction;
  return next as DataInput;
}

/** The config after the user picks another problem kind. */
export function withProblemKind(value: ExperimentInput, kind: ProblemKind): ExperimentInput {
  const current = value.problem ?? DEFAULT_PROBLEM;
  if (current.kind === kind) return value;
  const next: ExperimentInput = { ...value, problem: defaultProblem(kind) };
  const data = value.data ?? DEFAULT_DATA;
  if (!dataFits(kind, data)) {
    next.data = switchDataKind(data, defaultDataKind(kind)!);
  }
  return next;
}

type CustomData = Extract<DataInput, { kind: 'custom' }>;

/**
 * The task and the CSV loader of user points. The task follows the problem (logistic:
 * classification; the regressions: regression); an MLP can take either.
 */
function CustomPoints({
  problem,
  data,
  onChange,
  messages,
}: {
  problem: ProblemKind;
  data: CustomData;
  onChange(d: DataInput): void;
  messages: readonly string[];
}) {
  const fixed: CustomData['task'] | null =
    problem === 'logistic' ? 'classification' : problem === 'mlp' ? null : 'regression';
  const task = fixed ?? data.task ?? 'classification';
  const inputs = task === 'classification' ? 2 : problem === 'linear-regression' ? null : 1;
  return (
    <div className="panel-custom">
      {fixed === null ? (
        <SelectField<CustomData['task']>
          label="Task"
          value={task}
          options={[
            { value: 'classification', label: 'classification (labels 0, 1, …)' },
            { value: 'regression', label: 'regression (real targets)' },
          ]}
          onChange={(t) =>
            onChange({ kind: 'custom', task: t, x: [], y: [], testFraction: data.testFraction })
          }
        />
      ) : null}
      <CsvLoader
        task={task}
        inputs={inputs}
        loaded={data.x?.length ?? 0}
        onLoad={({ x, y }) => onChange({ ...data, task, x, y })}
      />
      <FieldMessages id="custom-points" messages={messages} />
    </div>
  );
}

/** `obj` with `key` set, or removed when `v` is undefined. */
function setKey<T extends object>(obj: T, key: string, v: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next as T;
}

/** The fields of each section, in order, as paths of the field table (`config/fields.ts`). */
const PROBLEM_FIELDS: readonly FieldPath[] = [
  'experiment.problem.kind',
  'experiment.problem.activation',
  'experiment.problem.units',
  'experiment.problem.surface',
  'experiment.problem.kappa',
];
const LAYERS: FieldPath = 'experiment.problem.hidden';
/** The CNN's two convolution widths [c₁, c₂]. */
const CHANNELS: FieldPath = 'experiment.problem.channels';
const DATA_FIELDS: readonly FieldPath[] = [
  'experiment.data.kind',
  'experiment.data.points',
  'experiment.data.noise',
  'experiment.data.testFraction',
  'experiment.data.margin',
  'experiment.data.teacherUnits',
  'experiment.data.teacherSlope',
  'experiment.data.features',
  'experiment.seed',
];
/** Whole objects whose problems are shown at the select that picks their kind. */
const GROUPS: Partial<Record<FieldPath, string>> = {
  'experiment.problem.kind': 'problem',
  'experiment.data.kind': 'data',
};

/** A table path as the config's problems name it: `experiment.data.points` → `data.points`. */
const configPath = (path: FieldPath) => path.slice('experiment.'.length);

export function ExperimentForm({
  value,
  onChange,
  problems,
  otherPanels = ['runs'],
}: ExperimentFormProps) {
  const problem = value.problem ?? DEFAULT_PROBLEM;
  const data = value.data ?? DEFAULT_DATA;
  const hidden = problem.kind === 'mlp' ? (problem.hidden ?? [16, 16]) : [];
  const channels = problem.kind === 'cnn' ? (problem.channels ?? [4, 8]) : [];

  // The document the table's conditions are read from, with every choice at its shown value.
  const surface = problem.kind === 'surface' ? (problem.surface ?? 'rosenbrock') : undefined;
  const doc = {
    experiment: { ...value, problem: { ...problem, surface }, data },
  } as unknown as AppConfig;
  const applies = (path: FieldPath) =>
    path === 'experiment.problem.kind' || fieldApplies(path, doc);
  const showData = applies('experiment.data.kind');
  const problemFields = PROBLEM_FIELDS.filter(applies);
  const dataFields = DATA_FIELDS.filter(applies);

  // The fields on screen, by config path; problems naming one of them are shown beside it.
  const onScreen = ['problem', ...[...problemFields, ...dataFields].map(configPath)];
  if (applies(LAYERS)) {
    onScreen.push(configPath(LAYERS), ...hidden.map((_, i) => `problem.hidden[${i}]`));
  }
  if (applies(CHANNELS)) {
    onScreen.push(configPath(CHANNELS), ...channels.map((_, i) => `problem.channels[${i}]`));
  }
  if (showData) onScreen.push('data');
  if (showData && data.kind === 'custom') onScreen.push(...CUSTOM_FIELDS);
  // "Your points" with nothing loaded yet: one plain request replaces the schema's lines about
  // the missing task, points and targets (and anything below them).
  const noPoints = showData && data.kind === 'custom' && !(data.x?.length ?? 0);
  const { byField, other } = assignProblems(problems, onScreen);
  const top = other.filter(
    (p) =>
      !otherPanels.some((prefix) => p.path && isUnder(p.path, prefix)) &&
      !(noPoints && CUSTOM_FIELDS.some((prefix) => isUnder(p.path, prefix))),
  );
  const at = (path: string) => byField.get(path);

  const setData = (d: DataInput) => onChange({ ...value, data: d });
  const get = (path: FieldPath): unknown => {
    const [head, key] = configPath(path).split('.') as [string, string | undefined];
    if (key === undefined) return (value as Record<string, unknown>)[head];
    return ((head === 'problem' ? problem : data) as Record<string, unknown>)[key];
  };
  const set = (path: FieldPath, v: unknown) => {
    if (path === 'experiment.problem.kind')
      return onChange(withProblemKind(value, v as ProblemKind));
    if (path === 'experiment.data.kind') return setData(switchDataKind(data, v as DataKind));
    const [head, key] = configPath(path).split('.') as [string, string | undefined];
    if (key === undefined) onChange(setKey(value, head, v));
    else if (head === 'problem') onChange({ ...value, problem: setKey(problem, key, v) });
    else setData(setKey(data, key, v));
  };

  // The noise's symbol, said of the inputs (classification) or of the labels (regression).
  const noiseHint = `${isClassificationSet(data.kind) ? 'input' : 'label'} ${FIELDS['experiment.data.noise'].hint}`;
  const field = (path: FieldPath) => {
    const group = GROUPS[path];
    return (
      <TableField
        key={path}
        path={path}
        value={get(path)}
        placeholder={fieldDefault(path, { data: data.kind })}
        problem={problem.kind}
        hint={path === 'experiment.data.noise' ? noiseHint : undefined}
        messages={[...((group && at(group)) ?? []), ...(at(configPath(path)) ?? [])]}
        onChange={(v) => set(path, v)}
      />
    );
  };

  return (
    <form
      className="panel experiment-form"
      aria-label="Problem and data"
      onSubmit={(e) => e.preventDefault()}
    >
      <ProblemList problems={top.map((p) => p.line)} />
      <fieldset className="panel-section">
        <legend>Problem and model</legend>
        <div className="panel-row">{problemFields.map(field)}</div>
        {applies(LAYERS) ? (
          <TableField
            path={LAYERS}
            value={hidden}
            messages={at(configPath(LAYERS))}
            entryMessages={(i) => at(`problem.hidden[${i}]`)}
            onChange={(h) => set(LAYERS, h)}
          />
        ) : null}
        {applies(CHANNELS) ? (
          <TableField
            path={CHANNELS}
            value={channels}
            messages={at(configPath(CHANNELS))}
            entryMessages={(i) => at(`problem.channels[${i}]`)}
            onChange={(c) => set(CHANNELS, c)}
          />
        ) : null}
      </fieldset>

      <fieldset className="panel-section">
        <legend>Data</legend>
        {showData ? null : (
          <p className="panel-note">An analytic surface has no data: the loss is f(x, y).</p>
        )}
        <div className="panel-row">{dataFields.map(field)}</div>
        {showData && data.kind === 'custom' ? (
          <CustomPoints
            problem={problem.kind}
            data={data}
            onChange={setData}
            messages={
              noPoints ? [NO_POINTS_MESSAGE] : CUSTOM_FIELDS.flatMap((path) => at(path) ?? [])
            }
          />
        ) : null}
      </fieldset>
    </form>
  );
}
