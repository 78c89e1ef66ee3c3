import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AppConfigSchema, DisplaySchema, parseAppConfig, ViewSchema } from './app';
import {
  FIELDS,
  PROBLEM_KINDS,
  fieldApplies,
  fieldInfo,
  fieldPath,
  type FieldInfo,
  type FieldPath,
  type ProblemKind,
} from './fields';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  items?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  in?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The schema without its default / optional wrappers. */
function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const def = defOf(s);
    if ((def.type === 'default' || def.type === 'optional') && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** Every schema a path may lead to (unions: one per option that has the key). */
function schemasAt(root: z.ZodType, path: string): z.ZodType[] {
  let current = [root];
  for (const key of path.split(/\.|(?=\[\])/)) {
    const next: z.ZodType[] = [];
    const visit = (s: z.ZodType) => {
      const def = defOf(unwrap(s));
      if (def.type === 'union') def.options!.forEach(visit);
      else if (key === '[]' && def.type === 'array') next.push(def.element!);
      else if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, key))
        next.push(def.shape[key]!);
    };
    current.forEach(visit);
    current = next;
  }
  return current;
}

/** The values an enum or a union of literals / discriminated objects allows at a path. */
function allowedValues(path: string): string[] {
  const out = new Set<string>();
  const visit = (s: z.ZodType) => {
    const def = defOf(unwrap(s));
    if (def.type === 'enum') Object.values(def.entries!).forEach((v) => out.add(v));
    else if (def.type === 'literal') def.values!.forEach((v) => out.add(String(v)));
    else if (def.type === 'union') def.options!.forEach(visit);
  };
  schemasAt(AppConfigSchema, path).forEach(visit);
  return [...out].sort();
}

const DATA_FOR: Record<ProblemKind, string | null> = {
  mlp: 'spiral',
  logistic: 'spiral',
  'linear-regression': 'linear-design',
  'tanh-regression': 'tanh-teacher',
  surface: null,
  cnn: 'digits',
};

/** A document the field applies to (its first problem, its `when` values), as written. */
function documentFor(info: FieldInfo, problem: ProblemKind = info.problems[0]!) {
  const when = (path: string) => info.when?.[path]?.[0];
  const dataKind = when('experiment.data.kind') ?? DATA_FOR[problem];
  const schedule = when('experiment.runs[].schedule.kind');
  const experiment: Record<string, unknown> = {
    problem: {
      kind: problem,
      ...(when('experiment.problem.surface') ? { surface: 'quadratic' } : {}),
    },
    runs: [
      {
        optimizer: when('experiment.runs[].optimizer') ?? 'sgd',
        ...(schedule ? { schedule: { kind: schedule } } : {}),
      },
      {},
    ],
  };
  if (dataKind) experiment.data = { kind: dataKind };
  const view: Record<string, unknown> = {};
  if (when('view.directions')) view.directions = when('view.directions');
  return { experiment, view, display: {} };
}

/** `doc` with `value` at the field's path (the first run for `runs[]`). */
function withValue(doc: ReturnType<typeof documentFor>, path: string, value: unknown) {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const keys = path.replace('[]', '.0').split('.');
  let v = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    v[key] ??= {};
    v = v[key] as Record<string, unknown>;
  }
  v[keys.at(-1)!] = value;
  return copy;
}

/** The value written for a number `x` in the field's input. */
function written(info: FieldInfo, x: number, end: 'min' | 'max'): unknown {
  switch (info.input) {
    case 'widths':
      return new Array<number>(info.size?.min ?? 1).fill(x);
    case 'pair':
      return [x, x];
    case 'range':
      return end === 'min' ? [x, 0] : [0, x];
    default:
      return x;
  }
}

const parses = (input: unknown) => AppConfigSchema.safeParse(input).success;
const entries = Object.entries(FIELDS) as [FieldPath, FieldInfo][];

describe('the field table', () => {
  it.each(entries)('%s is a field of the schema', (path) => {
    expect(schemasAt(AppConfigSchema, path).length).toBeGreaterThan(0);
  });

  it.each(entries.filter(([, info]) => info.range))(
    '%s: its range is the schema’s (the bounds parse, just outside does not)',
    (path, info) => {
      const doc = documentFor(info);
      expect(parses(doc)).toBe(true);
      const { min, max, minExclusive, maxExclusive } = info.range!;
      const integer = ['integer', 'widths', 'batch'].includes(info.input);
      const step = (x: number) => (integer ? 1 : Math.max(Math.abs(x) * 1e-9, 1e-9));
      const at = (x: number, end: 'min' | 'max') =>
        parses(withValue(doc, path, written(info, x, end)));
      // Each bound: allowed unless exclusive (then the nearest value inside is).
      expect(at(min, 'min')).toBe(!minExclusive);
      expect(at(max, 'max')).toBe(!maxExclusive);
      expect(at(min + step(min), 'min')).toBe(true);
      expect(at(max - step(max), 'max')).toBe(true);
      expect(at(min - step(min), 'min')).toBe(false);
      expect(at(max + step(max), 'max')).toBe(false);
      if (integer) expect(at(min + 0.5, 'min')).toBe(false);
    },
  );

  it.each(entries.filter(([, info]) => info.input === 'choice'))(
    '%s: its choices are the schema’s values, each allowed for its problems',
    (path, info) => {
      const values = info.choices!.map((c) => c.value);
      expect([...values].sort()).toEqual(allowedValues(path));
      for (const choice of info.choices!) {
        for (const problem of choice.problems ?? info.problems) {
          const doc = documentFor(info, problem);
          let value = withValue(doc, path, choice.value);
          if (path === 'experiment.problem.kind') {
            // A problem brings the data it fits.
            const data = DATA_FOR[choice.value as ProblemKind];
            value = withValue(doc, 'experiment.problem', { kind: choice.value });
            value = withValue(
              value as typeof doc,
              'experiment.data',
              data ? { kind: data } : undefined,
            );
          } else if (path === 'experiment.data.kind') {
            // A data set of its own kind's fields (your points need points).
            const task =
              problem === 'mlp' || problem === 'logistic' ? 'classification' : 'regression';
            const custom = { task, x: [[0], [1]], y: [0, 1] };
            value = withValue(doc, 'experiment.data', {
              kind: choice.value,
              ...(choice.value === 'custom' ? custom : {}),
            });
          }
          expect(
            AppConfigSchema.safeParse(value).error?.issues ?? [],
            `${path} = ${choice.value} (${problem})`,
          ).toEqual([]);
        }
      }
      expect(parses(withValue(documentFor(info), path, 'no-such-value'))).toBe(false);
    },
  );

  it.each(entries.filter(([, info]) => info.entries))(
    '%s: names each entry of its fixed-size list, each with one sentence of help',
    (_path, info) => {
      expect(info.size!.min).toBe(info.size!.max);
      expect(info.entries).toHaveLength(info.size!.max);
      for (const entry of info.entries!) {
        expect(entry.label).not.toBe('');
        expect(entry.help).toMatch(/^[A-Z].*\.$/);
      }
    },
  );

  it('has an entry for every field the forms show, and for every field of the view and display', () => {
    const experiment = [
      'problem.kind',
      'problem.hidden',
      'problem.activation',
      'problem.units',
      'problem.surface',
      'problem.kappa',
      'data.kind',
      'data.points',
      'data.noise',
      'data.testFraction',
      'data.margin',
      'data.teacherUnits',
      'data.teacherSlope',
      'data.features',
      'seed',
      'steps',
      'recordEvery',
      'divergenceFactor',
    ].map((p) => `experiment.${p}`);
    const run = [
      'name',
      'optimizer',
      'lr',
      'momentum',
      'betas',
      'eps',
      'alpha',
      'weightDecay',
      'momentumDecay',
      'batchSize',
      'schedule.kind',
      'schedule.warmupSteps',
      'schedule.stepSize',
      'schedule.gamma',
      'schedule.minLrFactor',
      'sam.rho',
      'initSeed',
      'batchSeed',
      'color',
    ].map((p) => `experiment.runs[].${p}`);
    const leaves = (schema: z.ZodType, prefix: string): string[] => {
      const def = defOf(unwrap(schema));
      if (def.type !== 'object') return [prefix];
      return Object.entries(def.shape!).flatMap(([k, s]) => leaves(s, `${prefix}.${k}`));
    };
    const page = [...leaves(ViewSchema, 'view'), ...leaves(DisplaySchema, 'display')];
    expect(page).toContain('display.height.clip');
    const missing = [...experiment, ...run, ...page].filter((p) => !Object.hasOwn(FIELDS, p));
    expect(missing).toEqual([]);
  });

  it.each(entries)('%s: a label, one sentence of help, known problem kinds', (_, info) => {
    expect(info.label.length).toBeGreaterThan(0);
    expect(info.help).toMatch(/^[^\s].*[.)]$/);
    expect(info.help).not.toMatch(/[.!?] [A-Z]/); // one sentence
    expect(info.problems.length).toBeGreaterThan(0);
    for (const p of info.problems) expect(PROBLEM_KINDS).toContain(p);
    for (const c of info.choices ?? [])
      for (const p of c.problems ?? []) expect(info.problems).toContain(p);
    for (const path of Object.keys(info.when ?? {})) expect(fieldPath(path)).not.toBeNull();
  });

  it('finds the entry of a concrete path and says whether it applies to a document', () => {
    expect(fieldPath('experiment.runs[3].lr')).toBe('experiment.runs[].lr');
    expect(fieldPath('experiment.problem.hidden[1]')).toBe('experiment.problem.hidden');
    expect(fieldPath('experiment.nothing')).toBeNull();
    expect(fieldInfo('view.n')?.label).toBe('Grid');

    const demo = parseAppConfig({});
    expect(fieldApplies('experiment.problem.hidden', demo)).toBe(true);
    expect(fieldApplies('experiment.problem.kappa', demo)).toBe(false);
    expect(fieldApplies('experiment.data.margin', demo)).toBe(false);
    expect(fieldApplies('experiment.runs[0].momentum', demo)).toBe(false);
    expect(fieldApplies('experiment.runs[1].momentum', demo)).toBe(true);
    expect(fieldApplies('experiment.runs[].betas', demo, 2)).toBe(true);
    expect(fieldApplies('experiment.runs[0].schedule.gamma', demo)).toBe(false);
    expect(fieldApplies('view.through', demo)).toBe(false);

    const quadratic = parseAppConfig({
      experiment: { problem: { kind: 'surface', surface: 'quadratic' } },
      view: { directions: 'points' },
    });
    expect(fieldApplies('experiment.problem.kappa', quadratic)).toBe(true);
    expect(fieldApplies('experiment.data.points', quadratic)).toBe(false);
    expect(fieldApplies('view.normalization', quadratic)).toBe(false);
    expect(fieldApplies('view.n', quadratic)).toBe(true);
  });
});
