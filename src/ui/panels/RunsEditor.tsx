/**
 * The list of runs (optimisers) of an experiment, as a controlled editor: `runs` in, the whole
 * next list out through `onChange`. Each run is a card with its name, colour, optimiser and the
 * hyperparameters that optimiser uses; an empty field is left out of the config and shows
 * torch.optim's default as its placeholder. Presets replace the whole list.
 *
 * Config problems whose path starts with `runs[i]` are shown on run i (beside the field they
 * name when it is on screen), those naming `runs` itself above the list.
 */
import { useId } from 'react';
import { OPTIMIZERS } from '../../config/schema';
import {
  MAX_RUNS,
  OPTIMIZER_LABELS,
  SAM_DEFAULT_RHO,
  SCHEDULE_DEFAULTS,
  defaultRunColor,
  optimizerDefaults,
  optimizerUses,
  type OptimizerName,
  type RunInput,
} from './defaults';
import { CommitField, NumberField, ProblemList, SelectField, type Parsed } from './fields';
import { assignProblems, isUnder, splitProblem } from './problems';
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
}

export interface RunPreset {
  id: string;
  label: string;
  runs: RunInput[];
}

const OPTIMIZER_OPTIONS = OPTIMIZERS.map((o) => ({ value: o, label: OPTIMIZER_LABELS[o] }));
const SCHEDULE_OPTIONS = [
  { value: 'constant', label: 'Constant' },
  { value: 'step', label: 'Step decay' },
  { value: 'cosine', label: 'Cosine' },
] as const;
type ScheduleKind = (typeof SCHEDULE_OPTIONS)[number]['value'];

/** `obj` with `key` set, or removed when `v` is undefined. */
function setKey<T extends object>(obj: T, key: string, v: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next as T;
}

/**
 * The run after picking another optimiser: hyperparameters the new one does not use are dropped
 * (the learning rate, weight decay, batch size, schedule and SAM are kept).
 */
export function withOptimizer(run: RunInput, optimizer: OptimizerName): RunInput {
  const uses = optimizerUses(optimizer);
  let next: RunInput = { ...run, optimizer };
  if (!uses.momentum) next = setKey(next, 'momentum', undefined);
  if (!uses.betas) next = setKey(next, 'betas', undefined);
  if (!uses.eps) next = setKey(next, 'eps', undefined);
  if (!uses.alpha) next = setKey(next, 'alpha', undefined);
  if (!uses.momentumDecay) next = setKey(next, 'momentumDecay', undefined);
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

function parseBatch(text: string): Parsed<number | 'full' | undefined> {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, value: undefined };
  if (t === 'full') return { ok: true, value: 'full' };
  if (/^\d+$/.test(t)) return { ok: true, value: Number(t) };
  return { ok: false, message: `'${text.trim()}' is not "full" or a whole number` };
}

const HEX = /^#[0-9a-f]{6}$/i;

export function RunsEditor({
  runs,
  onChange,
  problems = [],
  divergedAt,
  presets = [],
}: RunsEditorProps) {
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
      {presets.length > 0 && (
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
            problems={perRun[i]!}
            divergedAt={divergedAt?.[i] ?? null}
            canRemove={runs.length > 1}
            freshSeed={() => freshSeed(runs)}
            onChange={(r) => update(i, r)}
            onRemove={() => onChange(runs.filter((_, k) => k !== i))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="panel-button primary"
        disabled={runs.length >= MAX_RUNS}
        onClick={() => onChange([...runs, { name: freshName(runs), optimizer: 'sgd' }])}
      >
        Add run
      </button>
      {runs.length >= MAX_RUNS ? (
        <span className="panel-note inline"> at most {MAX_RUNS} runs</span>
      ) : null}
    </section>
  );
}

function RunCard({
  index,
  run,
  problems,
  divergedAt,
  canRemove,
  freshSeed,
  onChange,
  onRemove,
}: {
  index: number;
  run: RunInput;
  problems: readonly string[];
  divergedAt: number | null;
  canRemove: boolean;
  freshSeed(): number;
  onChange(run: RunInput): void;
  onRemove(): void;
}) {
  const id = useId();
  const prefix = `runs[${index}]`;
  const optimizer: OptimizerName = (OPTIMIZERS as readonly string[]).includes(
    run.optimizer as string,
  )
    ? (run.optimizer as OptimizerName)
    : 'sgd';
  const d = optimizerDefaults(optimizer);
  const uses = optimizerUses(optimizer);
  const schedule = run.schedule ?? {};
  const scheduleKind: ScheduleKind = schedule.kind ?? 'constant';

  const fields = [
    'name',
    'color',
    'optimizer',
    'lr',
    'weightDecay',
    'batchSize',
    'schedule',
    'schedule.kind',
    'schedule.warmupSteps',
    'sam',
    'sam.rho',
    'initSeed',
  ];
  if (uses.momentum) fields.push('momentum');
  if (uses.betas) fields.push('betas', 'betas[0]', 'betas[1]');
  if (uses.eps) fields.push('eps');
  if (uses.alpha) fields.push('alpha');
  if (uses.momentumDecay) fields.push('momentumDecay');
  if (scheduleKind === 'step') fields.push('schedule.stepSize', 'schedule.gamma');
  if (scheduleKind === 'cosine') fields.push('schedule.minLrFactor');
  const { byField, other } = assignProblems(
    problems,
    fields.map((f) => `${prefix}.${f}`),
  );
  const at = (f: string) => byField.get(`${prefix}.${f}`);

  const set = (key: string, v: unknown) => onChange(setKey(run, key, v));
  const setSchedule = (key: string, v: unknown) => {
    const next = setKey(schedule, key, v);
    onChange(setKey(run, 'schedule', Object.keys(next).length ? next : undefined));
  };
  const setBeta = (which: 0 | 1, v: number | undefined) => {
    const pair: [number, number] = run.betas ? [...run.betas] : [d.beta1, d.beta2];
    const defaults = [d.beta1, d.beta2] as const;
    pair[which] = v ?? defaults[which];
    const other = 1 - which;
    // Both at their defaults and this one cleared: leave betas out altogether.
    const clearAll = v === undefined && pair[other] === defaults[other];
    set('betas', clearAll ? undefined : pair);
  };

  const name = run.name ?? `Run ${index + 1}`;
  const color = run.color && HEX.test(run.color) ? run.color : defaultRunColor(index);
  const diverged = divergedAt !== null && divergedAt >= 0;

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
        <button
          type="button"
          className="panel-button small danger"
          aria-label={`Remove run ${name}`}
          disabled={!canRemove}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <ProblemList problems={other.map((p) => p.line)} title="This run" />
      <div className="panel-row">
        <CommitField<string | undefined>
          label="Name"
          className="wide"
          inputMode="text"
          value={run.name}
          placeholder={`Run ${index + 1}`}
          format={(v) => v ?? ''}
          parse={(t) => ({ ok: true, value: t.trim() === '' ? undefined : t.trim() })}
          messages={at('name')}
          onCommit={(v) => set('name', v)}
        />
        <div className="panel-field color">
          <label htmlFor={`${id}-color`}>Colour</label>
          <input
            id={`${id}-color`}
            type="color"
            value={color.toLowerCase()}
            onChange={(e) => set('color', e.target.value)}
          />
        </div>
        <SelectField<OptimizerName>
          label="Optimiser"
          value={optimizer}
          options={OPTIMIZER_OPTIONS}
          messages={at('optimizer')}
          onChange={(o) => onChange(withOptimizer(run, o))}
        />
        <NumberField
          label="Learning rate"
          hint="η"
          value={run.lr}
          placeholder={String(d.lr)}
          messages={at('lr')}
          onCommit={(v) => set('lr', v)}
        />
        {uses.momentum ? (
          <NumberField
            label="Momentum"
            hint="μ"
            value={run.momentum}
            placeholder={String(d.momentum)}
            messages={at('momentum')}
            onCommit={(v) => set('momentum', v)}
          />
        ) : null}
        {uses.betas ? (
          <>
            <NumberField
              label="β₁"
              value={run.betas?.[0]}
              placeholder={String(d.beta1)}
              messages={[...(at('betas') ?? []), ...(at('betas[0]') ?? [])]}
              onCommit={(v) => setBeta(0, v)}
            />
            <NumberField
              label="β₂"
              value={run.betas?.[1]}
              placeholder={String(d.beta2)}
              messages={at('betas[1]')}
              onCommit={(v) => setBeta(1, v)}
            />
          </>
        ) : null}
        {uses.alpha ? (
          <NumberField
            label="α"
            hint="smoothing"
            value={run.alpha}
            placeholder={String(d.alpha)}
            messages={at('alpha')}
            onCommit={(v) => set('alpha', v)}
          />
        ) : null}
        {uses.eps ? (
          <NumberField
            label="ε"
            value={run.eps}
            placeholder={String(d.eps)}
            messages={at('eps')}
            onCommit={(v) => set('eps', v)}
          />
        ) : null}
        {uses.momentumDecay ? (
          <NumberField
            label="Momentum decay"
            hint="ψ"
            value={run.momentumDecay}
            placeholder={String(d.momentumDecay)}
            messages={at('momentumDecay')}
            onCommit={(v) => set('momentumDecay', v)}
          />
        ) : null}
        <NumberField
          label="Weight decay"
          hint={optimizer === 'adamw' ? 'λ (decoupled)' : 'λ (L2)'}
          value={run.weightDecay}
          placeholder={String(d.weightDecay)}
          messages={at('weightDecay')}
          onCommit={(v) => set('weightDecay', v)}
        />
        <CommitField<number | 'full' | undefined>
          label="Batch size"
          hint="full or a number"
          inputMode="text"
          value={run.batchSize}
          placeholder="full"
          format={(v) => (v === undefined ? '' : String(v))}
          parse={parseBatch}
          messages={at('batchSize')}
          onCommit={(v) => set('batchSize', v)}
        />
      </div>
      <div className="panel-row">
        <SelectField<ScheduleKind>
          label="Schedule"
          value={scheduleKind}
          options={SCHEDULE_OPTIONS}
          messages={[...(at('schedule') ?? []), ...(at('schedule.kind') ?? [])]}
          onChange={(k) => setSchedule('kind', k === 'constant' ? undefined : k)}
        />
        <NumberField
          label="Warm-up steps"
          integer
          value={schedule.warmupSteps}
          placeholder={String(SCHEDULE_DEFAULTS.warmupSteps)}
          messages={at('schedule.warmupSteps')}
          onCommit={(v) => setSchedule('warmupSteps', v)}
        />
        {scheduleKind === 'step' ? (
          <>
            <NumberField
              label="Step size"
              integer
              value={schedule.stepSize}
              placeholder={String(SCHEDULE_DEFAULTS.stepSize)}
              messages={at('schedule.stepSize')}
              onCommit={(v) => setSchedule('stepSize', v)}
            />
            <NumberField
              label="γ"
              hint="factor per step"
              value={schedule.gamma}
              placeholder={String(SCHEDULE_DEFAULTS.gamma)}
              messages={at('schedule.gamma')}
              onCommit={(v) => setSchedule('gamma', v)}
            />
          </>
        ) : null}
        {scheduleKind === 'cosine' ? (
          <NumberField
            label="Final lr factor"
            value={schedule.minLrFactor}
            placeholder={String(SCHEDULE_DEFAULTS.minLrFactor)}
            messages={at('schedule.minLrFactor')}
            onCommit={(v) => setSchedule('minLrFactor', v)}
          />
        ) : null}
        <div className="panel-field check">
          <label>
            <input
              type="checkbox"
              checked={run.sam !== undefined}
              onChange={(e) => set('sam', e.target.checked ? {} : undefined)}
            />{' '}
            SAM
          </label>
          {at('sam')?.map((m, k) => (
            <p key={k} className="panel-msg">
              {m}
            </p>
          ))}
        </div>
        {run.sam !== undefined ? (
          <NumberField
            label="SAM ρ"
            value={run.sam.rho}
            placeholder={String(SAM_DEFAULT_RHO)}
            messages={at('sam.rho')}
            onCommit={(v) => set('sam', v === undefined ? {} : { rho: v })}
          />
        ) : null}
        <div className="panel-field check">
          <label title="Off: the run starts from the same θ₀ as the others, so the race is fair">
            <input
              type="checkbox"
              checked={run.initSeed !== undefined}
              onChange={(e) => set('initSeed', e.target.checked ? freshSeed() : undefined)}
            />{' '}
            Own initial seed
          </label>
        </div>
        {run.initSeed !== undefined ? (
          <NumberField
            label="Initial seed"
            integer
            optional={false}
            value={run.initSeed}
            messages={at('initSeed')}
            onCommit={(v) => set('initSeed', v)}
          />
        ) : null}
      </div>
    </li>
  );
}
