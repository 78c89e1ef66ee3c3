import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/parse';
import { CLASSIFICATION_DATASETS } from '../../config/schema';
import {
  PROBLEM_KINDS,
  dataDefaults,
  dataKindsFor,
  defaultDataKind,
  defaultProblem,
  type DataKind,
} from './defaults';

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
});
