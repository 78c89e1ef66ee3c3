/**
 * The list of runs (optimisers) of an experiment, as a controlled editor: `runs` in, the whole
 * next list out through `onChange`. Each run is a card with its name, colour, optimiser and the
 * hyperparameters that optimiser uses; an empty field is left out of the config and shows
 * torch.optim's default as its placeholder. Presets replace the whole list.
 *
 * Config problems whose path starts with `runs[i]` are shown on run i (beside the field they
 * name when it is on screen), those naming `runs` itself above the list.
 *
 * Each field is a `TableField` of the field table (`config/fields.ts`): its label, unit, range,
 * help and choices come from there, and it shows when `fieldApplies` to the run (its `when` says
 * which optimisers use it). This file lists the fields of a card and reads and writes them.
 */
import { useId } from 'react';
import type { AppConfig } from '../../config/app';
import { FIELDS, fieldApplies, type FieldPath, type ProblemKind } from '../../config/fields';
import { OPTIMIZERS } from '../../config/schema';
import {
  MAX_RUNS,
  OPTIMIZER_FIELDS,
  defaultRunColor,
  fieldDefault,
  optimizerDefaults,
  optimizerUsesField,
  type OptimizerName,
  type RunInput,
} from './defaults';
import { FieldMessages, ProblemList } from './fields';
import { assignProblems, isUnder, splitProblem } from './problems';
import { TableField } from './TableField';
import { useHidden } from '../useHidden';
import './panels.css';

export interface RunsEditorProps {
  /** The runs as the user wrote them (`ExperimentInput['runs']`, resolved to a list). */
  runs: readonly RunInput[];
  /** Called with the whole next list after each committed edit. */
  onChange(runs: RunInput[]): void;
  /** `ConfigError.problems`; lines under `runs` are shown here, others ignored. */
  problems?: readonly string[];
  /** Per run, the update at which it diverged, or a negative number / null when it did not. */
  divergedAt?: readonly (number | null)[];
  /** One-click run lists (the lessons' runs); none when omitted. */
  presets?: readonly RunPreset[];
  /** The experiment's problem, for run fields that apply to some problems only; default mlp. */
  problem?: ProblemKind;
}

export interface RunPreset {
  id: string;
  label: string;
  runs: RunInput[];
}

/** The fields of a run card's two rows, in order, as paths of the field table (`config/fields.ts`). */
const RUN_FIELDS: readonly FieldPath[] = [
  'experiment.runs[].name',
  'experiment.runs[].color',
  'experiment.runs[].optimizer',
  'experiment.runs[].lr',
  'experiment.runs[].momentum',
  'experiment.runs[].betas',
  'experiment.runs[].alpha',
  'experiment.runs[].eps',
  'experiment.runs[].momentumDecay',
  'experiment.runs[].weightDecay',
  'experiment.runs[].batchSize',
];
const SCHEDULE_FIELDS: readonly FieldPath[] = [
  'experiment.runs[].schedule.kind',
  'experiment.runs[].schedule.warmupSteps',
  'experiment.runs[].schedule.stepSize',
  'experiment.runs[].schedule.gamma',
  'experiment.runs[].schedule.minLrFactor',
];
const SAM_RHO: FieldPath = 'experiment.runs[].sam.rho';
const INIT_SEED: FieldPath = 'experiment.runs[].initSeed';
const SAMPLING_TEMPERATURE: FieldPath = 'experiment.runs[].sampling.temperature';

/** A table path as a run's problems name it: `experiment.runs[].schedule.kind` → `schedule.kind`. */
const runPath = (path: FieldPath) => path.slice('experiment.runs[].'.length);

/** `obj` with `key` set, or removed when `v` is undefined. */
function setKey<T extends object>(obj: T, key: string, v: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next as T;
}

/**
 * The run after picking another optimiser: hyperparameters the new one does not use (by the field
 * table's `when`) are dropped (the learning rate, weight decay, batch size, schedule and SAM are
 * kept).
 */
export function withOptimizer(run: RunInput, optimizer: OptimizerName): RunInput {
  let next: RunInput = { ...run, optimizer };
  for (const path of OPTIMIZER_FIELDS) {
    if (!optimizerUsesField(path, optimizer)) next = setKey(next, runPath(path), undefined);
  }
  return next;
}

/** A name not yet used: "Run 4", "Run 5", … */
function freshName(runs: readonly RunInput[]): string {
  const names = new Set(runs.map((r) => r.name));
  for (let k = runs.length + 1; ; k++) if (!names.has(`Run ${k}`)) return `Run ${k}`;
}

/** A seed for "own initial seed": one more than the largest in use (deterministic, never random). */
function freshSeed(runs: readonly RunInput[]): number {
  return Math.max(0, ...runs.map((r) => r.initSeed ?? 0)) + 1;
}

const HEX = /^#[0-9a-f]{6}$/i;

export function RunsEditor({
  runs,
  onChange,
  problems = [],
  divergedAt,
  presets = [],
  problem = 'mlp',
}: RunsEditorProps) {
  // A classroom link may hide the list's own controls (presets, add, remove).
  const hideRunList = useHidden('run-list');
  const perRun: string[][] = runs.map(() => []);
  const listProblems: string[] = [];
  for (const line of problems) {
    const p = splitProblem(line);
    if (!p.path || !isUnder(p.path, 'runs')) continue;
    const m = /^runs\[(\d+)\]/.exec(p.path);
    const k = m ? Number(m[1]) : -1;
    if (k >= 0 && k < runs.length) perRun[k]!.push(line);
    else listProblems.push(line);
  }

  const update = (i: number, run: RunInput) => onChange(runs.map((r, k) => (k === i ? run : r)));

  return (
    <section className="panel runs-editor" aria-label="Runs">
      {!hideRunList && presets.length > 0 && (
        <div className="panel-presets" role="group" aria-label="Presets">
          <span className="panel-presets-label">Presets</span>
          {presets.map((p) => (
            <button
              key={p.id}
              type="button"
              className="panel-button"
              onClick={() => onChange(p.runs.map((r) => ({ ...r })))}
            >
              {p.label}
            </button>
          ))}
        </div>
      )}
      <ProblemList problems={listProblems} />
      <ol className="runs-list">
        {runs.map((run, i) => (
          <RunCard
            key={i}
            index={i}
            run={run}
            problem={problem}
            problems={perRun[i]!}
            divergedAt={divergedAt?.[i] ?? null}
            canRemove={runs.length > 1}
            freshSeed={() => freshSeed(runs)}
            onChange={(r) => update(i, r)}
            onRemove={() => onChange(runs.filter((_, k) => k !== i))}
          />
        ))}
      </ol>
      {!hideRunList && (
        <button
          type="button"
          className="panel-button primary"
          disabled={runs.length >= MAX_RUNS}
          onClick={() => onChange([...runs, { name: freshName(runs), optimizer: 'sgd' }])}
        >
          Add run
        </button>
      )}
      {runs.length >= MAX_RUNS ? (
        <span className="panel-note inline"> at most {MAX_RUNS} runs</span>
      ) : null}
    </section>
  );
}

function RunCard({
  index,
  run,
  problem,
  problems,
  divergedAt,
  canRemove,
  freshSeed,
  onChange,
  onRemove,
}: {
  index: number;
  run: RunInput;
  problem: ProblemKind;
  problems: readonly string[];
  divergedAt: number | null;
  canRemove: boolean;
  freshSeed(): number;
  onChange(run: RunInput): void;
  onRemove(): void;
}) {
  const id = useId();
  // A classroom link may hide Remove and the SAM and own-seed switches (with their fields).
  const hideRemove = useHidden('run-list');
  const hideSam = useHidden(SAM_RHO);
  const hideSampling = useHidden(SAMPLING_TEMPERATURE);
  const importance = run.sampling?.kind === 'importance';
  const hideInitSeed = useHidden(INIT_SEED);
  const prefix = `runs[${index}]`;
  const optimizer: OptimizerName = (OPTIMIZERS as readonly string[]).includes(
    run.optimizer as string,
  )
    ? (run.optimizer as OptimizerName)
    : 'sgd';
  const schedule = run.schedule ?? {};
  const name = run.name ?? `Run ${index + 1}`;
  const color = run.color && HEX.test(run.color) ? run.color : defaultRunColor(index);
  const diverged = divergedAt !== null && divergedAt >= 0;

  // The document the table's conditions are read from: this run, its choices at their shown values.
  const doc = {
    experiment: {
      problem: { kind: problem },
      runs: [{ ...run, optimizer, schedule: { ...schedule, kind: schedule.kind ?? 'constant' } }],
    },
  } as unknown as AppConfig;
  const applies = (path: FieldPath) => fieldApplies(path, doc, 0);
  const rows = [RUN_FIELDS.filter(applies), SCHEDULE_FIELDS.filter(applies)] as const;
  const optional = [
    ...(run.sam !== undefined ? [SAM_RHO] : []),
    ...(importance ? [SAMPLING_TEMPERATURE] : []),
    ...(run.initSeed !== undefined ? [INIT_SEED] : []),
  ].filter(applies);

  // The fields on screen, by config path; problems naming one of them are shown beside it.
  const onScreen = [
    'schedule',
    'sam',
    'sampling',
    ...[...rows[0], ...rows[1], ...optional].map(runPath),
  ];
  if (applies('experiment.runs[].betas')) onScreen.push('betas[0]', 'betas[1]');
  const { byField, other } = assignProblems(
    problems,
    onScreen.map((f) => `${prefix}.${f}`),
  );
  const at = (f: string) => byField.get(`${prefix}.${f}`);

  const set = (key: string, v: unknown) => onChange(setKey(run, key, v));
  const setSchedule = (key: string, v: unknown) => {
    const next = setKey(schedule, key, v);
    onChange(setKey(run, 'schedule', Object.keys(next).length ? next : undefined));
  };
  const d = optimizerDefaults(optimizer);
  const setBeta = (which: number, v: number | undefined) => {
    const defaults = [d.beta1, d.beta2];
    const pair = run.betas ? [...run.betas] : defaults.slice();
    pair[which] = v ?? defaults[which]!;
    const other = 1 - which;
    // Both at their defaults and this one cleared: leave betas out altogether.
    const clearAll = v === undefined && pair[other] === defaults[other];
    set('betas', clearAll ? undefined : pair);
  };

  const get = (path: FieldPath): unknown => {
    if (path === 'experiment.runs[].color') return color;
    return runPath(path)
      .split('.')
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], run);
  };
  const setField = (path: FieldPath, v: unknown, entry: number) => {
    const [key, sub] = runPath(path).split('.') as [string, string | undefined];
    if (path === 'experiment.runs[].optimizer') {
      onChange(withOptimizer(run, v as OptimizerName));
    } else if (path === 'experiment.runs[].betas') {
      setBeta(entry, (v as (number | undefined)[])[entry]);
    } else if (path === 'experiment.runs[].schedule.kind') {
      setSchedule('kind', v === 'constant' ? undefined : v);
    } else if (key === 'schedule') {
      setSchedule(sub!, v);
    } else if (key === 'sampling') {
      // Importance sampling stays on (U_c = 1) when the temperature is cleared.
      set('sampling', { kind: 'importance', temperature: v ?? 1 });
    } else if (key === 'sam') {
      // SAM stays on (`{}`: the default ρ) when ρ is cleared.
      set('sam', v === undefined ? {} : { [sub!]: v });
    } else {
      set(key, v);
    }
  };

  // Weight decay's symbol, said of how it is applied: decoupled for AdamW, an L2 term otherwise.
  const wdHint = `${FIELDS['experiment.runs[].weightDecay'].hint} (${optimizer === 'adamw' ? 'decoupled' : 'L2'})`;
  const field = (path: FieldPath) => {
    const key = runPath(path);
    return (
      <TableField
        key={path}
        path={path}
        value={get(path)}
        placeholder={
          path === 'experiment.runs[].name' ? `Run ${index + 1}` : fieldDefault(path, { optimizer })
        }
        problem={problem}
        hint={path === 'experiment.runs[].weightDecay' ? wdHint : undefined}
        required={path === INIT_SEED}
        messages={[...(key === 'schedule.kind' ? (at('schedule') ?? []) : []), ...(at(key) ?? [])]}
        entryMessages={(i) => at(`${key}[${i}]`)}
        onChange={(v, entry) => setField(path, v, entry)}
      />
    );
  };

  return (
    <li
      className={`run-card${diverged ? ' diverged' : ''}`}
      style={{ borderLeftColor: color }}
      aria-labelledby={`${id}-title`}
    >
      <div className="run-head">
        <span className="run-swatch" style={{ background: color }} aria-hidden="true" />
        <h3 id={`${id}-title`} className="run-title">
          {name}
        </h3>
        {diverged ? (
          <span className="run-badge" role="status">
            diverged at step {divergedAt}
          </span>
        ) : null}
        {!hideRemove && (
          <button
            type="button"
            className="panel-button small danger"
            aria-label={`Remove run ${name}`}
            disabled={!canRemove}
            onClick={onRemove}
          >
            Remove
          </button>
        )}
      </div>
      <ProblemList problems={other.map((p) => p.line)} title="This run" />
      <div className="panel-row">{rows[0].map(field)}</div>
      <div className="panel-row">
        {rows[1].map(field)}
        {!hideSam && (
          <div className="panel-field check">
            <label title={FIELDS[SAM_RHO].help}>
              <input
                type="checkbox"
                checked={run.sam !== undefined}
                onChange={(e) => set('sam', e.target.checked ? {} : undefined)}
              />{' '}
              SAM
            </label>
            <FieldMessages id={`${id}-sam`} messages={at('sam')} />
          </div>
        )}
        {optional.includes(SAM_RHO) ? field(SAM_RHO) : null}
        {!hideSampling && (
          <div className="panel-field check">
            <label title={FIELDS[SAMPLING_TEMPERATURE].help}>
              <input
                type="checkbox"
                data-testid="importance-sampling"
                checked={importance}
                onChange={(e) =>
                  set(
                    'sampling',
                    e.target.checked ? { kind: 'importance', temperature: 1 } : undefined,
                  )
                }
              />{' '}
              Importance sampling
            </label>
            <FieldMessages id={`${id}-sampling`} messages={at('sampling')} />
          </div>
        )}
        {optional.includes(SAMPLING_TEMPERATURE) ? field(SAMPLING_TEMPERATURE) : null}
        {!hideInitSeed && (
          <div className="panel-field check">
            <label title={FIELDS[INIT_SEED].help}>
              <input
                type="checkbox"
                checked={run.initSeed !== undefined}
                onChange={(e) => set('initSeed', e.target.checked ? freshSeed() : undefined)}
              />{' '}
              Own initial seed
            </label>
          </div>
        )}
        {optional.includes(INIT_SEED) ? field(INIT_SEED) : null}
      </div>
    </li>
  );
}
