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
 */
import {
  ACTIVATIONS,
  CLASSIFICATION_DATASETS,
  SURFACE_NAMES,
  type ExperimentInput,
} from '../../config/schema';
import {
  DATA_LABELS,
  DEFAULT_KAPPA,
  DEFAULT_SEED,
  DEFAULT_UNITS,
  MAX_HIDDEN_LAYERS,
  PROBLEM_KINDS,
  SURFACE_LABELS,
  dataDefaults,
  dataKindsFor,
  defaultDataKind,
  defaultProblem,
  type DataInput,
  type DataKind,
  type ProblemInput,
  type ProblemKind,
} from './defaults';
import { CsvLoader } from './CsvLoader';
import { FieldMessages, NumberField, ProblemList, SelectField } from './fields';
import { assignProblems, isUnder } from './problems';
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
            { value: 'classification', label: 'classification (labels 0/1)' },
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

export function ExperimentForm({
  value,
  onChange,
  problems,
  otherPanels = ['runs'],
}: ExperimentFormProps) {
  const problem = value.problem ?? DEFAULT_PROBLEM;
  const data = value.data ?? DEFAULT_DATA;
  const defaults = dataDefaults(data.kind);

  // The fields on screen, by config path; problems naming one of them are shown beside it.
  const fields: string[] = ['problem', 'problem.kind', 'seed'];
  if (problem.kind === 'mlp') {
    fields.push('problem.hidden', 'problem.activation');
    (problem.hidden ?? [16, 16]).forEach((_, i) => fields.push(`problem.hidden[${i}]`));
  }
  if (problem.kind === 'tanh-regression') fields.push('problem.units');
  if (problem.kind === 'surface') fields.push('problem.surface', 'problem.kappa');
  const showData = problem.kind !== 'surface';
  if (showData) {
    fields.push('data', 'data.kind', 'data.testFraction');
    if (data.kind !== 'custom') fields.push('data.points', 'data.noise');
    if (data.kind === 'linear') fields.push('data.margin');
    if (data.kind === 'tanh-teacher') fields.push('data.teacherUnits', 'data.teacherSlope');
    if (data.kind === 'linear-design') fields.push('data.features');
    if (data.kind === 'custom') fields.push(...CUSTOM_FIELDS);
  }
  // "Your points" with nothing loaded yet: one plain request replaces the schema's lines about
  // the missing task, points and targets (and anything below them).
  const noPoints = showData && data.kind === 'custom' && !(data.x?.length ?? 0);
  const { byField, other } = assignProblems(problems, fields);
  const top = other.filter(
    (p) =>
      !otherPanels.some((prefix) => p.path && isUnder(p.path, prefix)) &&
      !(noPoints && CUSTOM_FIELDS.some((prefix) => isUnder(p.path, prefix))),
  );
  const at = (path: string) => byField.get(path);

  const setProblem = (p: ProblemInput) => onChange({ ...value, problem: p });
  const setProblemField = (key: string, v: unknown) => setProblem(setKey(problem, key, v));
  const setData = (d: DataInput) => onChange({ ...value, data: d });
  const setDataField = (key: string, v: unknown) => setData(setKey(data, key, v));

  const hidden = problem.kind === 'mlp' ? (problem.hidden ?? [16, 16]) : [];
  const setHidden = (h: number[]) => setProblemField('hidden', h);

  const kindOptions = dataKindsFor(problem.kind).map((k) => ({ value: k, label: DATA_LABELS[k] }));
  if (!kindOptions.some((o) => o.value === data.kind)) {
    // An own-property lookup: the kind may come from a link and must not reach Object.prototype.
    const label = Object.hasOwn(DATA_LABELS, data.kind) ? DATA_LABELS[data.kind] : undefined;
    kindOptions.push({ value: data.kind, label: label ?? String(data.kind) });
  }

  return (
    <form
      className="panel experiment-form"
      aria-label="Problem and data"
      onSubmit={(e) => e.preventDefault()}
    >
      <ProblemList problems={top.map((p) => p.line)} />
      <fieldset className="panel-section">
        <legend>Problem and model</legend>
        <div className="panel-row">
          <SelectField<ProblemKind>
            label="Problem"
            value={problem.kind}
            options={PROBLEM_KINDS}
            messages={[...(at('problem') ?? []), ...(at('problem.kind') ?? [])]}
            onChange={(kind) => onChange(withProblemKind(value, kind))}
          />
          {problem.kind === 'mlp' ? (
            <SelectField
              label="Activation"
              value={problem.activation ?? 'tanh'}
              options={ACTIVATIONS.map((a) => ({ value: a, label: a }))}
              messages={at('problem.activation')}
              onChange={(a) => setProblemField('activation', a)}
            />
          ) : null}
          {problem.kind === 'tanh-regression' ? (
            <NumberField
              label="Units"
              hint="d"
              integer
              value={problem.units}
              placeholder={String(DEFAULT_UNITS)}
              messages={at('problem.units')}
              onCommit={(v) => setProblemField('units', v)}
            />
          ) : null}
          {problem.kind === 'surface' ? (
            <SelectField
              label="Surface"
              value={problem.surface ?? 'rosenbrock'}
              options={SURFACE_NAMES.map((s) => ({ value: s, label: SURFACE_LABELS[s] ?? s }))}
              messages={at('problem.surface')}
              onChange={(s) => setProblemField('surface', s)}
            />
          ) : null}
          {problem.kind === 'surface' && problem.surface === 'quadratic' ? (
            <NumberField
              label="κ"
              hint="condition number"
              value={problem.kappa}
              placeholder={String(DEFAULT_KAPPA)}
              messages={at('problem.kappa')}
              onCommit={(v) => setProblemField('kappa', v)}
            />
          ) : null}
        </div>
        {problem.kind === 'mlp' ? (
          <fieldset className="panel-layers">
            <legend>Hidden layers</legend>
            <div className="panel-row">
              {hidden.map((width, i) => (
                <div className="panel-layer" key={i}>
                  <NumberField
                    label={`Layer ${i + 1} width`}
                    integer
                    optional={false}
                    value={width}
                    messages={at(`problem.hidden[${i}]`)}
                    onCommit={(v) => {
                      const next = hidden.slice();
                      next[i] = v!;
                      setHidden(next);
                    }}
                  />
                  <button
                    type="button"
                    className="panel-button small"
                    aria-label={`Remove layer ${i + 1}`}
                    disabled={hidden.length <= 1}
                    onClick={() => setHidden(hidden.filter((_, k) => k !== i))}
                  >
                    Remove
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="panel-button"
                disabled={hidden.length >= MAX_HIDDEN_LAYERS}
                onClick={() => setHidden([...hidden, hidden[hidden.length - 1] ?? 16])}
              >
                Add layer
              </button>
            </div>
            {at('problem.hidden')?.map((m, i) => (
              <p key={i} className="panel-msg">
                {m}
              </p>
            ))}
          </fieldset>
        ) : null}
      </fieldset>

      <fieldset className="panel-section">
        <legend>Data</legend>
        {showData ? (
          <>
            <div className="panel-row">
              <SelectField<DataKind>
                label="Data set"
                value={data.kind}
                options={kindOptions}
                messages={[...(at('data') ?? []), ...(at('data.kind') ?? [])]}
                onChange={(k) => setData(switchDataKind(data, k))}
              />
              {data.kind !== 'custom' ? (
                <>
                  <NumberField
                    label="Points"
                    integer
                    value={(data as { points?: number }).points}
                    placeholder={String(defaults.points)}
                    messages={at('data.points')}
                    onCommit={(v) => setDataField('points', v)}
                  />
                  <NumberField
                    label="Noise"
                    hint={isClassificationSet(data.kind) ? 'input σ' : 'label σ'}
                    value={(data as { noise?: number }).noise}
                    placeholder={String(defaults.noise)}
                    messages={at('data.noise')}
                    onCommit={(v) => setDataField('noise', v)}
                  />
                </>
              ) : null}
              <NumberField
                label="Test fraction"
                value={data.testFraction}
                placeholder={String(defaults.testFraction)}
                messages={at('data.testFraction')}
                onCommit={(v) => setDataField('testFraction', v)}
              />
              {data.kind === 'linear' ? (
                <NumberField
                  label="Margin"
                  value={data.margin}
                  placeholder={String(defaults.margin)}
                  messages={at('data.margin')}
                  onCommit={(v) => setDataField('margin', v)}
                />
              ) : null}
              {data.kind === 'tanh-teacher' ? (
                <>
                  <NumberField
                    label="Teacher units"
                    integer
                    value={data.teacherUnits}
                    placeholder={String(defaults.teacherUnits)}
                    messages={at('data.teacherUnits')}
                    onCommit={(v) => setDataField('teacherUnits', v)}
                  />
                  <NumberField
                    label="Teacher slope"
                    value={data.teacherSlope}
                    placeholder={String(defaults.teacherSlope)}
                    messages={at('data.teacherSlope')}
                    onCommit={(v) => setDataField('teacherSlope', v)}
                  />
                </>
              ) : null}
              {data.kind === 'linear-design' ? (
                <NumberField
                  label="Features"
                  hint="P"
                  integer
                  value={data.features}
                  placeholder={String(defaults.features)}
                  messages={at('data.features')}
                  onCommit={(v) => setDataField('features', v)}
                />
              ) : null}
              <NumberField
                label="Seed"
                integer
                value={value.seed}
                placeholder={String(DEFAULT_SEED)}
                messages={at('seed')}
                onCommit={(v) => onChange(setKey(value, 'seed', v))}
              />
            </div>
            {data.kind === 'custom' ? (
              <CustomPoints
                problem={problem.kind}
                data={data}
                onChange={setData}
                messages={
                  noPoints ? [NO_POINTS_MESSAGE] : CUSTOM_FIELDS.flatMap((path) => at(path) ?? [])
                }
              />
            ) : null}
          </>
        ) : (
          <>
            <p className="panel-note">An analytic surface has no data: the loss is f(x, y).</p>
            <div className="panel-row">
              <NumberField
                label="Seed"
                integer
                value={value.seed}
                placeholder={String(DEFAULT_SEED)}
                messages={at('seed')}
                onCommit={(v) => onChange(setKey(value, 'seed', v))}
              />
            </div>
          </>
        )}
      </fieldset>
    </form>
  );
}
