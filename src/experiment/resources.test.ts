import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import { tf } from '../engine/tf';
import { buildExperiment } from './build';
import {
  CLI_BYTES_PER_RECORDED_VALUE,
  DEFAULT_BUDGET,
  MAX_JSON_CHARS,
  checkResources,
  estimateResources,
  snapshotCount,
  type ResourceOptions,
} from './resources';

const CLI: ResourceOptions = {
  bytesPerRecordedValue: CLI_BYTES_PER_RECORDED_VALUE,
  maxOutputChars: MAX_JSON_CHARS,
  chunkFloats: 2 ** 24,
};

/** 16 runs × 10⁶ steps, every step recorded. */
const MANY_STEPS: ExperimentInput = {
  runs: Array.from({ length: 16 }, () => ({})),
  steps: 1_000_000,
  recordEvery: 1,
};
/** A 100,000 × 10,000 linear design: 4 GB of float32 before any copy. */
const HUGE_DESIGN: ExperimentInput = {
  problem: { kind: 'linear-regression' },
  data: { kind: 'linear-design', points: 100_000, features: 10_000 },
};
/** 16 runs of a 2-256-256-256-256-1 MLP and a 201² landscape. */
const WIDE_LANDSCAPE: ExperimentInput = {
  problem: { kind: 'mlp', hidden: [256, 256, 256, 256] },
  runs: Array.from({ length: 16 }, () => ({})),
  landscape: { n: 201 },
};

/** The problem lines of a refused config, and how long the check took (ms). */
function refusal(
  input: ExperimentInput,
  options?: ResourceOptions,
): { lines: readonly string[]; ms: number } {
  const config = parseConfig(input);
  const start = performance.now();
  try {
    checkResources(config, DEFAULT_BUDGET, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return { lines: (e as ConfigError).problems, ms: performance.now() - start };
  }
  throw new Error('expected the config to be refused');
}

/** The number after `label` in a line ("lower steps to ≤ 68,218" → 68218). */
function suggested(line: string, label: string): number {
  const m = new RegExp(`${label} (?:to )?[≤≥] ([\\d,]+)`).exec(line);
  if (!m) throw new Error(`no '${label}' suggestion in: ${line}`);
  return Number(m[1]!.replace(/,/g, ''));
}

describe('estimateResources', () => {
  it('itemises the default race: data, θ and optimiser state, activations, trajectories, work', () => {
    const e = checkResources(parseConfig({}));
    // MLP 2-16-16-1: P = 48 + 272 + 17; 3 runs; 256 training and 64 test points; 51 snapshots.
    expect(e).toMatchObject({
      parameters: 337,
      runs: 3,
      inputDim: 2,
      trainPoints: 256,
      testPoints: 64,
      snapshots: 51,
      keptSnapshots: 51,
    });
    expect(Object.fromEntries(e.items.map((i) => [i.name, i.bytes]))).toEqual({
      data: 320 * 3 * 4 * 3,
      parameters: 3 * 337 * 4 * 10,
      activations: 3 * 256 * (16 + 16 + 2) * 4 * 4,
      trajectories: 3 * 51 * (337 + 6) * 4,
    });
    expect(e.bytes).toBe(11_520 + 40_440 + 417_792 + 209_916);
    expect(Object.fromEntries(e.work.map((w) => [w.name, w.flops]))).toEqual({
      training: 500 * 3 * 256 * 337 * 6,
      snapshots: 51 * 3 * (256 * 6 + 64 * 4) * 337,
    });
    expect(e.items.find((i) => i.name === 'trajectories')!.detail).toBe(
      '3 runs × 337 parameters × 51 snapshots × 4 bytes',
    );
  });

  it('counts the snapshots the trainer records: step 0, every recordEvery steps, the last', () => {
    expect(snapshotCount(500, 10)).toBe(51);
    expect(snapshotCount(10, 3)).toBe(5); // 0, 3, 6, 9, 10
    expect(snapshotCount(9, 3)).toBe(4);
    expect(snapshotCount(1, 1_000_000)).toBe(2);
  });

  it('caps the trajectory term at the snapshots the host keeps', () => {
    const e = estimateResources(parseConfig(MANY_STEPS), { maxRecordedSnapshots: 1000 });
    expect(e.snapshots).toBe(1_000_001);
    expect(e.keptSnapshots).toBe(1000);
    expect(e.items.find((i) => i.name === 'trajectories')!.bytes).toBe(16 * 1000 * 343 * 4);
  });

  it('adds the landscape grid, its chunk and the projection of the paths', () => {
    const e = estimateResources(
      parseConfig({ landscape: { n: 51, metrics: ['trainLoss', 'testLoss'] } }),
    );
    // Affine-plane MLP evaluator: 10 · max(m_train, m_test) · widest layer floats per grid point.
    expect(e.floatsPerGridPoint).toBe(10 * 256 * 16);
    expect(e.items.find((i) => i.name === 'landscape')!.bytes).toBe(
      // The grid values, and one chunk: the cpu budget of 2²³ floats (51² points would need more).
      (51 * 51 * 2 + 2 ** 23) * 4,
    );
    expect(e.work.find((w) => w.name === 'landscape')!.flops).toBe(51 * 51 * (256 + 64) * 337 * 2);
    // The snapshots are also projected onto the plane (true and plane loss).
    expect(e.work.find((w) => w.name === 'snapshots')!.flops).toBe(
      51 * 3 * (256 * 6 + 64 * 4 + 256 * 4) * 337,
    );
  });
});

describe('the analyses that train after the runs', () => {
  // The default race: P = 337, 256 training points, 500 steps × 3 runs, 51 snapshots.
  const base = 500 * 3 * 256 * 337 * 6 + 51 * 3 * (256 * 6 + 64 * 4) * 337;

  it('adds the connecting curve, the bad minima and the ensemble as work items', () => {
    const e = estimateResources(
      parseConfig({
        connect: {},
        badMinima: {},
        ensemble: { members: 4, temperatures: [{ batchSize: 8 }, { batchSize: 16 }], steps: 100 },
      }),
    );
    expect(Object.fromEntries(e.work.map((w) => [w.name, w.flops]))).toEqual({
      training: 500 * 3 * 256 * 337 * 6,
      snapshots: 51 * 3 * (256 * 6 + 64 * 4) * 337,
      // 300 updates × 8 samples of t on 256 points, and the 31² plane (2 flops per point and θ).
      connect: 300 * 8 * 256 * 337 * 6 + 31 * 31 * 256 * 337 * 2,
      // 3 checkpoints × 2000 updates on 256 clean + 256 poison points (ρ = 1), and the 25² plane.
      badMinima: 2000 * 3 * 512 * 337 * 6 + 25 * 25 * 256 * 337 * 2,
      // 4 members × 2 temperatures × 100 updates.
      ensemble: 100 * 4 * 2 * 256 * 337 * 6,
    });
    expect(e.flops).toBe(e.work.reduce((sum, w) => sum + w.flops, 0));
    expect(e.work.find((w) => w.name === 'ensemble')!.detail).toBe(
      '100 steps × 4 members × 2 temperatures × 256 training points × 337 parameters × 6',
    );
    // The ensemble's steps default to the experiment's.
    const byDefault = estimateResources(parseConfig({ ensemble: { members: 2 } }));
    expect(byDefault.work.find((w) => w.name === 'ensemble')!.flops).toBe(
      500 * 2 * 3 * 256 * 337 * 6,
    );
  });

  it('refuses an ensemble over the work budget, naming ensemble.steps and a value that fits', () => {
    const input = (steps: number): ExperimentInput => ({ ensemble: { members: 64, steps } });
    // 64 × 3 temperatures × 10⁵ steps × 256 × 337 × 6 = 9.9e12 > 5e12.
    const { lines } = refusal(input(100_000));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ensemble\.steps: training the ensemble needs about 9\.9e12 floating-point operations \(100,000 steps × 64 members × 3 temperatures × 256 training points × 337 parameters × 6\); the limit is 5e12: lower ensemble\.steps to ≤ [\d,]+, or use fewer runs, data points or smaller hidden layers$/,
    );
    const steps = suggested(lines[0]!, 'lower ensemble.steps');
    // The largest that fits: (5e12 − the runs' work) / (64 · 3 · 256 · 337 · 6), rounded down.
    expect(steps).toBe(Math.floor((5e12 - base) / (64 * 3 * 256 * 337 * 6)));
    expect(checkResources(parseConfig(input(steps))).flops).toBeLessThanOrEqual(5e12);
    expect(estimateResources(parseConfig(input(steps + 1))).flops).toBeGreaterThan(5e12);
  });

  it('refuses a long connecting curve, the plane counted in what is left', () => {
    const input = (steps: number): ExperimentInput => ({
      connect: { steps, samples: 256, n: 101 },
    });
    const { lines } = refusal(input(100_000));
    expect(lines[0]).toMatch(/^connect\.steps: training the connecting curve needs about /);
    const steps = suggested(lines[0]!, 'lower connect.steps');
    const plane = 101 * 101 * 256 * 337 * 2;
    expect(steps).toBe(Math.floor((5e12 - base - plane) / (256 * 256 * 337 * 6)));
    expect(checkResources(parseConfig(input(steps))).flops).toBeLessThanOrEqual(5e12);
    expect(estimateResources(parseConfig(input(steps + 1))).flops).toBeGreaterThan(5e12);
  });
});

describe('the parameter count and split sizes agree with the built problems', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it.each<[string, ExperimentInput]>([
    ['mlp', {}],
    [
      'mlp on 3-D points',
      {
        data: {
          kind: 'custom',
          task: 'regression',
          x: [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
          y: [1, 2, 3],
        },
      },
    ],
    ['logistic', { problem: { kind: 'logistic' }, data: { kind: 'moons', points: 50 } }],
    [
      'linear-regression',
      {
        problem: { kind: 'linear-regression' },
        data: { kind: 'linear-design', points: 30, features: 7 },
      },
    ],
    [
      'tanh-regression',
      {
        problem: { kind: 'tanh-regression', units: 5 },
        data: { kind: 'tanh-teacher', points: 40 },
      },
    ],
    ['surface', { problem: { kind: 'surface', surface: 'beale' } }],
  ])('%s', (_, input) => {
    const config = parseConfig(input);
    const e = estimateResources(config);
    const experiment = buildExperiment(config);
    try {
      expect(e.parameters).toBe(experiment.problem.layout.size);
      if (config.problem.kind !== 'surface') {
        expect({ train: e.trainPoints, test: e.testPoints }).toEqual(experiment.problem.size);
      }
    } finally {
      experiment.problem.dispose();
    }
  });

  it('checks θ₀ lengths before generating any data', () => {
    const before = tf.memory().numTensors;
    const start = performance.now();
    let error: unknown;
    try {
      buildExperiment(parseConfig({ ...HUGE_DESIGN, theta0: [1, 2, 3] }));
    } catch (e) {
      error = e;
    }
    expect(performance.now() - start).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'theta0: must have P = 10000 numbers for this problem, w[10000,1] (P = 10000); got 3',
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('checkResources', () => {
  it('accepts the default race, with the CLI’s options too', () => {
    expect(checkResources(parseConfig({})).bytes).toBeLessThan(1e6);
    expect(checkResources(parseConfig({}), DEFAULT_BUDGET, CLI).bytes).toBeLessThan(1e7);
    expect(
      checkResources(parseConfig({ landscape: { n: 201 } }), DEFAULT_BUDGET, CLI).flops,
    ).toBeLessThan(1e11);
  });

  it('refuses 16 runs × 10⁶ recorded steps: the trajectories, and the work', () => {
    const { lines, ms } = refusal(MANY_STEPS);
    expect(ms).toBeLessThan(100);
    expect(lines).toHaveLength(2);
    // 16 · 1,000,001 · (337 + 6) · 4 bytes; 1.5 GB less the other items leaves 68,219 snapshots.
    expect(lines[0]).toBe(
      'recordEvery: the recorded trajectories need 22.0 GB (16 runs × 337 parameters × 1,000,001 snapshots × 4 bytes); the limit is 1.5 GB: raise recordEvery to ≥ 15 or lower steps to ≤ 68,218',
    );
    expect(lines[1]).toMatch(
      /^steps: training needs about 1\.8e13 floating-point operations \(1,000,000 steps × 16 runs × 256 training points × 337 parameters × 6, and 1,000,001 snapshot evaluations\); the limit is 5e12: lower steps to ≤ [\d,]+, or use fewer runs, data points or smaller hidden layers$/,
    );
    // Each suggestion fits.
    for (const fix of [
      { recordEvery: suggested(lines[0]!, 'raise recordEvery'), steps: 1_000_000 },
      { recordEvery: 1, steps: suggested(lines[0]!, 'lower steps') },
    ]) {
      const e = estimateResources(parseConfig({ ...MANY_STEPS, ...fix }));
      expect(e.bytes).toBeLessThanOrEqual(DEFAULT_BUDGET.bytes);
    }
    const steps = suggested(lines[1]!, 'lower steps');
    expect(estimateResources(parseConfig({ ...MANY_STEPS, steps })).flops).toBeLessThanOrEqual(
      DEFAULT_BUDGET.flops,
    );
    expect(
      estimateResources(parseConfig({ ...MANY_STEPS, steps: steps + 100 })).flops,
    ).toBeGreaterThan(DEFAULT_BUDGET.flops);
  });

  it('refuses a 100,000 × 10,000 design from the estimate, naming points and features', () => {
    const { lines, ms } = refusal(HUGE_DESIGN);
    expect(ms).toBeLessThan(100);
    expect(lines[0]).toBe(
      'data.points: the data set needs 12.0 GB (100,000 points × 10,001 float32 values, 3 copies: generated, split, on the device); the limit is 1.5 GB: lower data.points to ≤ 12,373 or data.features to ≤ 1,236',
    );
    for (const fix of [{ points: 12_373 }, { features: 1_236 }]) {
      const data = { ...(HUGE_DESIGN.data as object), ...fix } as ExperimentInput['data'];
      expect(estimateResources(parseConfig({ ...HUGE_DESIGN, data })).bytes).toBeLessThanOrEqual(
        DEFAULT_BUDGET.bytes,
      );
    }
    expect(lines[1]).toMatch(
      /^steps: training needs about 8e12 floating-point operations \(500 steps × 3 runs × 80,000 training points × 10,000 parameters × 6, and 51 snapshot evaluations\)/,
    );
  });

  it('refuses 16 wide MLPs with a 201² landscape: the landscape work, and the CLI’s trajectories', () => {
    const worker = refusal(WIDE_LANDSCAPE, { maxRecordedSnapshots: 1000 });
    expect(worker.ms).toBeLessThan(100);
    expect(worker.lines).toHaveLength(1);
    expect(worker.lines[0]).toMatch(
      /^landscape\.n: the landscape needs about 4\.1e12 floating-point operations \(201² grid points × 256 points × 198,401 parameters × 2\); the limit is 5e12: lower landscape\.n to ≤ 143, or use fewer runs, data points or smaller hidden layers$/,
    );
    const fixed = parseConfig({ ...WIDE_LANDSCAPE, landscape: { n: 143 } });
    expect(estimateResources(fixed).flops).toBeLessThanOrEqual(DEFAULT_BUDGET.flops);

    const cli = refusal(WIDE_LANDSCAPE, CLI);
    // P = 768 + 3 · 65,792 + 257; 51 snapshots of 16 runs at 40 bytes per number.
    expect(cli.lines[0]).toBe(
      'recordEvery: the recorded trajectories need 6.5 GB (16 runs × 198,401 parameters × 51 snapshots × 40 bytes); the limit is 1.5 GB: raise recordEvery to ≥ 84 or lower steps to ≤ 60',
    );
    expect(cli.lines.some((l) => l.startsWith('landscape.n: '))).toBe(true);
    expect(
      cli.lines.some((l) => l.startsWith('recordEvery: the result JSON would be about 3.2e9')),
    ).toBe(true);
  });

  it('refuses a landscape whose single grid point exceeds a chunk', () => {
    const { lines } = refusal({
      problem: { kind: 'mlp', hidden: [256] },
      data: { kind: 'spiral', points: 100_000 },
      runs: [{}],
      steps: 1,
      landscape: { n: 5 },
    });
    expect(lines[0]).toBe(
      'landscape: one grid point needs 819 MB to evaluate (80,000 points × the widest layer × 10), more than a chunk may use (34 MB): use fewer data points or narrower hidden layers',
    );
  });

  it('takes a larger budget', () => {
    // 2 runs × 1,000,001 snapshots × 343 numbers × 4 bytes = 2.7 GB.
    const config = parseConfig({ ...MANY_STEPS, runs: [{}, {}] });
    expect(() => checkResources(config)).toThrow(ConfigError);
    expect(checkResources(config, { bytes: 4e9, flops: 5e12 }).bytes).toBeGreaterThan(1.5e9);
  });
});
