/**
 * Every problem's race trains without a diverging run and lowers its loss (headless, wasm), and
 * switching problem swaps in the new problem's race.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { SURFACE_NAMES } from '../config/schema';
import { runExperiment } from '../experiment/run';
import {
  problemKey,
  quadraticRace,
  raceChanges,
  raceFor,
  RACES,
  raceNote,
  withRace,
} from './races';

/** A problem of each key with the data the form gives it. */
const PROBLEMS = {
  mlp: { problem: { kind: 'mlp' }, data: { kind: 'spiral' } },
  logistic: { problem: { kind: 'logistic' }, data: { kind: 'spiral' } },
  'linear-regression': { problem: { kind: 'linear-regression' }, data: { kind: 'linear-design' } },
  cnn: { problem: { kind: 'cnn' }, data: { kind: 'digits', points: 300 } },
  'tanh-regression': { problem: { kind: 'tanh-regression' }, data: { kind: 'tanh-teacher' } },
  ...Object.fromEntries(
    SURFACE_NAMES.map((s) => [`surface:${s}`, { problem: { kind: 'surface', surface: s } }]),
  ),
} as const;

describe('races follow the problem', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('has a race for every problem and surface', () => {
    expect(Object.keys(PROBLEMS).sort()).toEqual(
      [...Object.keys(RACES), 'surface:quadratic'].sort(),
    );
    expect(problemKey({ kind: 'surface', surface: 'beale' })).toBe('surface:beale');
    expect(problemKey(undefined)).toBe('mlp');
    expect(quadraticRace(50).runs.map((r) => r.lr)).toEqual([0.038, 0.038, 0.1]);
    expect(raceFor({ kind: 'surface', surface: 'quadratic' }).runs[0]!.lr).toBe(0.19);
    expect(raceChanges({ kind: 'mlp' }, { kind: 'surface', surface: 'rosenbrock' })).toBe(true);
    expect(
      raceChanges(
        { kind: 'surface', surface: 'quadratic' },
        { kind: 'surface', surface: 'quadratic', kappa: 50 },
      ),
    ).toBe(true);
    expect(raceChanges({ kind: 'mlp', hidden: [8] }, { kind: 'mlp', hidden: [32] })).toBe(false);
    const swapped = withRace(
      { seed: 3, problem: { kind: 'surface', surface: 'rosenbrock' } },
      RACES['surface:rosenbrock']!,
    );
    expect(swapped).toMatchObject({ seed: 3, steps: 300, recordEvery: 1 });
    expect(swapped.runs!.map((r) => r.lr)).toEqual([0.001, 0.001, 0.1]);
    expect(raceNote(RACES['surface:rosenbrock']!)).toMatch(
      /^Learning rates replaced by the race tuned for Rosenbrock: SGD η 0\.001, Momentum η 0\.001 \(μ 0\.9\), Adam η 0\.1; 300 steps, recorded every step\./,
    );
  });

  it('no run of any race diverges, and every run lowers its loss', async () => {
    for (const [key, base] of Object.entries(PROBLEMS)) {
      const race = raceFor(base.problem);
      const config = parseConfig(withRace(base as never, race));
      const result = await runExperiment(config, 'wasm');
      for (const run of result.runs) {
        const first = run.trajectory[0]!.trainLoss;
        const end = run.trajectory.at(-1)!.trainLoss;
        expect({ key, run: run.name, diverged: run.diverged }).toEqual({
          key,
          run: run.name,
          diverged: false,
        });
        expect(end, `${key} ${run.name}`).toBeLessThan(first);
      }
    }
  }, 120_000);
});
