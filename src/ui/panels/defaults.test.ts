import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app';
import { FIELDS, fieldApplies, type FieldPath } from '../../config/fields';
import { parseConfig } from '../../config/parse';
import { CLASSIFICATION_DATASETS, OPTIMIZERS, type ExperimentInput } from '../../config/schema';
import {
  OPTIMIZER_FIELDS,
  PROBLEM_KINDS,
  dataDefaults,
  dataKindsFor,
  defaultDataKind,
  defaultProblem,
  fieldDefault,
  optimizerUsesField,
  type DataKind,
} from './defaults';

/** The value at a table path of a parsed experiment (`runs[]`: the first run). */
function parsedAt(experiment: unknown, path: FieldPath): unknown {
  return path
    .slice('experiment.'.length)
    .replace('[]', '.0')
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], experiment);
}

describe('panel defaults mirror the schema', () => {
  it('has the schema defaults of every data set', () => {
    const kinds: DataKind[] = [...CLASSIFICATION_DATASETS, 'tanh-teacher', 'linear-design'];
    for (const kind of kinds) {
      const problem =
        kind === 'tanh-teacher'
          ? { kind: 'tanh-regression' as const }
          : kind === 'linear-design'
            ? { kind: 'linear-regression' as const }
            : undefined;
      const parsed = parseConfig({ problem, data: { kind } }).data as Record<string, unknown>;
      for (const [key, v] of Object.entries(dataDefaults(kind))) {
        expect(parsed[key], `${kind}.${key}`).toBe(v);
      }
    }
  });

  it('offers only data a problem accepts, and its default data is one of them', () => {
    for (const { value: kind } of PROBLEM_KINDS) {
      const d = defaultDataKind(kind);
      const data = d ? { kind: d } : undefined;
      expect(parseConfig({ problem: defaultProblem(kind), data }).problem).toMatchObject(
        defaultProblem(kind),
      );
      for (const dataKind of dataKindsFor(kind)) {
        // User points are valid once loaded (two points of the right task here).
        const data =
          dataKind === 'custom'
            ? {
                kind: 'custom' as const,
                task:
                  kind === 'logistic' || kind === 'mlp'
                    ? ('classification' as const)
                    : ('regression' as const),
                x: [
                  [0, 0],
                  [1, 1],
                ].map((r) => (kind === 'tanh-regression' ? r.slice(0, 1) : r)),
                y: [0, 1],
              }
            : { kind: dataKind };
        expect(() => parseConfig({ problem: { kind }, data })).not.toThrow();
      }
      if (d) expect(dataKindsFor(kind)).toContain(d);
    }
  });

  it('fieldDefault is what the schema fills in for every field of the forms left out', () => {
    const inputs: ExperimentInput[] = [
      { runs: [{ optimizer: 'sgd' }] },
      { data: { kind: 'linear' }, runs: [{ optimizer: 'adam', schedule: { kind: 'step' } }] },
      {
        problem: { kind: 'tanh-regression' },
        data: { kind: 'tanh-teacher' },
        runs: [{ optimizer: 'rmsprop', schedule: { kind: 'cosine' }, sam: {} }],
      },
      {
        problem: { kind: 'linear-regression' },
        data: { kind: 'linear-design' },
        runs: [{ optimizer: 'adagrad' }],
      },
      { problem: { kind: 'surface', surface: 'quadratic' }, runs: [{ optimizer: 'nadam' }] },
    ];
    const formPaths = (Object.keys(FIELDS) as FieldPath[]).filter((p) =>
      /^experiment\.(seed|problem\.|data\.|runs\[\]\.)/.test(p),
    );
    let compared = 0;
    for (const input of inputs) {
      const parsed = parseConfig(input);
      const doc = { experiment: parsed } as unknown as AppConfig;
      const ctx = { data: parsed.data.kind, optimizer: parsed.runs[0]!.optimizer };
      for (const path of formPaths) {
        const v = parsedAt(parsed, path);
        const given = parsedAt(input, path) !== undefined;
        if (v === undefined || given || !fieldApplies(path, doc, 0)) continue;
        const shown = Array.isArray(v) ? v.map(String) : String(v);
        expect(fieldDefault(path, ctx), path).toEqual(shown);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('reads which optimisers use a field from the table', () => {
    expect(OPTIMIZER_FIELDS.map((p) => p.slice('experiment.runs[].'.length))).toEqual([
      'momentum',
      'betas',
      'eps',
      'alpha',
      'momentumDecay',
    ]);
    const uses = (path: FieldPath) =>
      OPTIMIZERS.filter((o) => optimizerUsesField(path, o)).join(' ');
    expect(uses('experiment.runs[].momentum')).toBe('momentum nesterov');
    expect(uses('experiment.runs[].eps')).toBe('adagrad rmsprop adam adamw nadam');
    expect(uses('experiment.runs[].lr')).toBe(OPTIMIZERS.join(' '));
  });
});
