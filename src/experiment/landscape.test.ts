import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import { tf } from '../engine/tf';
import { runExperiment } from './run';

describe('experiment landscapes', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('puts an analytic surface on its axes: exact grid, paths on the plane', async () => {
    const before = tf.memory().numTensors;
    const result = await runExperiment(
      parseConfig({
        problem: { kind: 'surface', surface: 'rosenbrock' },
        runs: [
          { optimizer: 'adam', lr: 0.05 },
          { optimizer: 'sgd', lr: 0.001 },
        ],
        steps: 40,
        recordEvery: 10,
        landscape: { n: 5 },
      }),
      'wasm',
    );
    const l = result.landscape!;
    expect(l.directions).toBe('axes');
    expect(l.a).toEqual([-2, -1, 0, 1, 2]);
    expect(l.b).toEqual([-1, 0, 1, 2, 3]);
    const f = (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 5; i++)
        expect(l.values.trainLoss![j * 5 + i]).toBeCloseTo(f(l.a[i]!, l.b[j]!), 3);
    for (const [k, t] of l.trajectories.entries()) {
      const run = result.runs[k]!;
      expect(t.a).toEqual(run.trajectory.map((p) => p.theta[0]));
      expect(t.offPlane.every((d) => d === 0)).toBe(true);
      t.trueLoss.forEach((v, i) => expect(t.planeLoss[i]).toBeCloseTo(v, 4));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('centres a random plane on a run’s final θ; the plane through three points holds all three', async () => {
    const base = {
      problem: { kind: 'mlp', hidden: [6], activation: 'tanh' },
      data: { kind: 'moons', points: 60 },
      runs: [
        { optimizer: 'sgd', lr: 0.5 },
        { optimizer: 'adam', lr: 0.02, initSeed: 5 },
      ],
      steps: 30,
      recordEvery: 10,
    } as const;
    const random = await runExperiment(
      parseConfig({ ...base, landscape: { n: 5, centre: { run: 1 } } }),
      'wasm',
    );
    const r = random.landscape!;
    expect(r.axisLabels).toEqual(['δ₁ (filter-normalised)', 'δ₂ (filter-normalised)']);
    expect(r.a).toEqual([-1, -0.5, 0, 0.5, 1]);
    // Run 1's final point is the centre: coordinates (0, 0), on the plane, and L(centre) at the grid centre.
    const last = r.trajectories[1]!;
    expect(last.a.at(-1)!).toBeCloseTo(0, 5);
    expect(last.offPlane.at(-1)!).toBeLessThan(1e-5);
    expect(r.values.trainLoss![12]).toBeCloseTo(random.runs[1]!.trajectory.at(-1)!.trainLoss, 4);

    const points = await runExperiment(
      parseConfig({
        ...base,
        landscape: {
          n: 5,
          directions: 'points',
          through: [{ run: 0, at: 'initial' }, { run: 0 }, { run: 1 }],
        },
      }),
      'wasm',
    );
    const pl = points.landscape!;
    const [sgd, adam] = pl.trajectories;
    for (const d of [sgd!.offPlane[0]!, sgd!.offPlane.at(-1)!, adam!.offPlane.at(-1)!])
      expect(d).toBeLessThan(1e-4);
    // The fitted ranges contain every projected point.
    for (const t of pl.trajectories) {
      for (const a of t.a) expect(a >= pl.a[0]! && a <= pl.a.at(-1)!).toBe(true);
      for (const b of t.b) expect(b >= pl.b[0]! && b <= pl.b.at(-1)!).toBe(true);
    }
  });

  it('names the field for landscape settings that cannot work', () => {
    const messages = (input: unknown) => {
      try {
        parseConfig(input);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(messages({ landscape: { n: 300 } })).toContain(
      'landscape.n: must be a whole number from 5 to 201 (got 300)',
    );
    expect(messages({ landscape: { directions: 'axes' } })).toContain(
      'landscape.directions: \'axes\' is only for analytic surfaces (got "axes")',
    );
    expect(messages({ landscape: { directions: 'points' } })).toContain(
      "landscape.through: is needed for directions 'points' (got nothing)",
    );
    expect(messages({ landscape: { centre: { run: 5 } } })).toContain(
      'landscape: refers to run 5, but there are 3 runs (got {"centre":{"run":5}})',
    );
    expect(messages({ landscape: { range: [1, -1] } })).toContain(
      'landscape.range: must be [min, max] with min < max (got [1,-1])',
    );
    expect(
      messages({
        problem: { kind: 'tanh-regression' },
        data: { kind: 'tanh-teacher' },
        landscape: { metrics: ['testAccuracy'] },
      }),
    ).toContain(
      'landscape.metrics: accuracy needs a classification problem (got ["testAccuracy"])',
    );
    expect(messages({ landscape: { metrics: ['loss'] } })).toContain(
      'landscape.metrics[0]: must be one of trainLoss, testLoss, trainAccuracy, testAccuracy (got "loss")',
    );
  });
});
