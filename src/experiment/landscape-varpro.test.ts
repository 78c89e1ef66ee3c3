import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import { reducedFit } from '../engine/landscape/varpro-surface';
import { generateDataset } from '../engine/data/datasets';
import { datasetSpec } from './build';
import { tf } from '../engine/tf';
import { runExperiment } from './run';

const UNITS = 4;
const config = {
  seed: 3,
  problem: { kind: 'tanh-regression', units: UNITS },
  data: { kind: 'tanh-teacher', points: 40 },
  runs: [
    { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
    { name: 'Adam', optimizer: 'adam', lr: 0.05 },
  ],
  steps: 60,
  recordEvery: 20,
} as const;

describe("the landscape block with directions 'varpro'", () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('computes the exact (w, shift) surface, maps every run into it and lists minima and outliers', async () => {
    const before = tf.memory().numTensors;
    const parsed = parseConfig({ ...config, landscape: { directions: 'varpro', n: 11 } });
    const result = await runExperiment(parsed, 'wasm');
    expect(tf.memory().numTensors).toBe(before);
    const l = result.landscape!;
    expect(l.directions).toBe('varpro');
    expect(l.axisLabels).toEqual(['w', 'shift']);
    expect(l.explained).toBeNull();
    const runs = result.runs;
    // The reference centres are run 0's final centres (the default landscape centre).
    const last0 = runs[0]!.trajectory.at(-1)!.theta;
    const reference = last0.slice(1, 1 + UNITS);
    l.varpro!.reference.forEach((r, i) => expect(r).toBeCloseTo(reference[i]!, 6));
    // a = w, b = the mean shift of the centres from the reference, for every recorded point.
    l.trajectories.forEach((t, k) => {
      runs[k]!.trajectory.forEach((point, i) => {
        const shift =
          point.theta.slice(1, 1 + UNITS).reduce((s, b, j) => s + b - reference[j]!, 0) / UNITS;
        expect(t.a[i]).toBeCloseTo(point.theta[0]!, 6);
        expect(t.b[i]).toBeCloseTo(shift, 6);
        expect(t.trueLoss[i]).toBeCloseTo(point.trainLoss, 5);
      });
    });
    expect(l.trajectories[0]!.b.at(-1)).toBe(0);
    // The grid and the path heights are exact least-squares solves on the experiment's data.
    const data = generateDataset(datasetSpec(parsed.data, parsed.seed));
    const n = l.n;
    for (const [i, j] of [
      [0, 0],
      [3, 7],
      [10, 10],
    ] as const) {
      const fit = reducedFit(data, l.varpro!.reference, l.a[i]!, l.b[j]!);
      expect(l.values.trainLoss![j * n + i]).toBeCloseTo(fit.trainLoss, 6);
    }
    l.trajectories.forEach((t) =>
      t.planeLoss.forEach((v, i) =>
        expect(v).toBeCloseTo(reducedFit(data, l.varpro!.reference, t.a[i]!, t.b[i]!).trainLoss, 6),
      ),
    );
    // The fitted range holds every path and (0, 0).
    const all = l.trajectories.flatMap((t) => t.a);
    expect(l.a[0]).toBeLessThanOrEqual(Math.min(0, ...all));
    expect(l.a[n - 1]).toBeGreaterThanOrEqual(Math.max(0, ...all));
    // Outliers: 5 by default, at (w of run 0's end, s = 0), largest residual first.
    const o = l.varpro!.outliers;
    expect(o.indices).toHaveLength(5);
    expect(o.w).toBeCloseTo(last0[0]!, 6);
    expect(o.s).toBe(0);
    const residual = reducedFit(data, l.varpro!.reference, o.w, 0).residual;
    const largest = Math.max(...Array.from(residual, Math.abs));
    expect(Math.abs(o.residuals[0]!)).toBeCloseTo(largest, 10);
    for (const m of l.varpro!.minima) expect(m.outliers).toHaveLength(5);
  });

  it('is refused for other problems, and for accuracy metrics, naming the field', () => {
    const mlp = () =>
      parseConfig({
        problem: { kind: 'mlp' },
        data: { kind: 'moons' },
        runs: [{ optimizer: 'sgd' }],
        landscape: { directions: 'varpro' },
      });
    expect(mlp).toThrow(ConfigError);
    expect(mlp).toThrow(
      "landscape.directions: 'varpro' (the exact (w, shift) landscape) is only for problem 'tanh-regression'",
    );
    expect(() =>
      parseConfig({ ...config, landscape: { directions: 'varpro', metrics: ['trainAccuracy'] } }),
    ).toThrow(/landscape\.metrics/);
    expect(() =>
      parseConfig({ ...config, landscape: { directions: 'varpro', outliers: 0 } }),
    ).toThrow(/landscape\.outliers/);
  });
});
