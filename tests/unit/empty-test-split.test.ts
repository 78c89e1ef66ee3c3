/**
 * An empty test split (testFraction 0, or an empty custom testX): no test metric is computed from
 * an empty tensor; the trainer reports NaN, the headless result null with a reason, and no tfjs
 * kernel ever runs on a zero-size tensor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse';
import { testSetSize, type ExperimentInput } from '../../src/config/schema';
import { generateDataset } from '../../src/engine/data/datasets';
import { tf } from '../../src/engine/tf';
import { trainToEnd } from '../../src/engine/train/trainer';
import { buildExperiment, datasetSpec, trainerOptions } from '../../src/experiment/build';
import { runExperiment } from '../../src/experiment/run';
import { NODE_BACKENDS, useNodeBackend } from './backend';

const SPIRAL_NO_TEST: ExperimentInput = {
  data: { kind: 'spiral', points: 64, testFraction: 0 },
  problem: { kind: 'mlp', hidden: [4], activation: 'tanh' },
  steps: 2,
  recordEvery: 1,
};

/** Records every kernel that runs with a zero-size input or output. */
function watchEmptyKernels(): { empty: string[]; restore: () => void } {
  const engine = tf.engine();
  const original = engine.runKernel;
  const empty: string[] = [];
  const isEmpty = (t: unknown) => t instanceof tf.Tensor && t.size === 0;
  engine.runKernel = function (this: typeof engine, ...args: Parameters<typeof original>) {
    const [name, inputs] = args;
    if (Object.values(inputs).some(isEmpty)) empty.push(`${name} (input)`);
    const out = original.apply(this, args) as unknown;
    if ((Array.isArray(out) ? out : [out]).some(isEmpty)) empty.push(`${name} (output)`);
    return out as ReturnType<typeof original>;
  } as typeof original;
  return { empty, restore: () => void (engine.runKernel = original) };
}

describe.each(NODE_BACKENDS)('an empty test split on %s', (backend) => {
  let watch: ReturnType<typeof watchEmptyKernels>;
  beforeEach(async () => {
    await useNodeBackend(backend);
    watch = watchEmptyKernels();
  });
  afterEach(() => watch.restore());

  it('gives NaN test loss and accuracy per snapshot, finite training metrics', async () => {
    const experiment = buildExperiment(parseConfig(SPIRAL_NO_TEST));
    try {
      expect(experiment.problem.size).toEqual({ train: 64, test: 0 });
      const snapshots = await trainToEnd(trainerOptions(experiment));
      expect(snapshots.map((s) => s.step)).toEqual([0, 1, 2]);
      for (const s of snapshots) {
        expect(Array.from(s.testLoss)).toEqual([NaN, NaN, NaN]);
        expect(Array.from(s.testAccuracy!)).toEqual([NaN, NaN, NaN]);
        expect(s.trainLoss.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
        expect(s.trainAccuracy!.every((a) => a >= 0 && a <= 1)).toBe(true);
      }
    } finally {
      experiment.problem.dispose();
    }
    expect(watch.empty).toEqual([]);
  });

  it('reports the test metrics of a headless run as null with the reason', async () => {
    const config = parseConfig({
      ...SPIRAL_NO_TEST,
      runs: [{ optimizer: 'adam', lr: 0.01 }],
      landscape: { n: 5, metrics: ['trainLoss', 'trainAccuracy'] },
    });
    const result = await runExperiment(config, backend);
    expect(result.unavailable).toEqual({
      testLoss: 'no test set: data.testFraction 0 leaves none of the 64 points for testing',
      testAccuracy: 'no test set: data.testFraction 0 leaves none of the 64 points for testing',
    });
    const [run] = result.runs;
    expect(run!.trajectory.map((p) => [p.testLoss, p.testAccuracy])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(run!.trajectory.every((p) => Number.isFinite(p.trainLoss))).toBe(true);
    const grid = result.landscape!.values.trainLoss!;
    expect(grid).toHaveLength(25);
    expect(grid.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(result)).unavailable.testLoss).toMatch(/^no test set/);
    expect(watch.empty).toEqual([]);
  });

  it('treats an empty custom test set the same way', async () => {
    const config = parseConfig({
      problem: { kind: 'linear-regression' },
      data: {
        kind: 'custom',
        task: 'regression',
        x: [[1], [2], [3]],
        y: [2, 4, 6],
        testX: [],
        testY: [],
      },
      runs: [{ optimizer: 'sgd', lr: 0.01 }],
      steps: 1,
    });
    const result = await runExperiment(config, backend);
    expect(result.unavailable).toEqual({ testLoss: 'no test set: data.testX is empty' });
    // θ₀ = 0: L = (4 + 16 + 36)/3.
    expect(result.runs[0]!.trajectory[0]!.trainLoss).toBeCloseTo(56 / 3, 4);
    expect(result.runs[0]!.trajectory.map((p) => p.testLoss)).toEqual([null, null]);
    expect(watch.empty).toEqual([]);
  });

  it('has full test metrics when there is a test set', async () => {
    const result = await runExperiment(
      parseConfig({ ...SPIRAL_NO_TEST, data: { kind: 'spiral', points: 64, testFraction: 0.25 } }),
      backend,
    );
    expect(result.unavailable).toEqual({});
    for (const run of result.runs)
      for (const p of run.trajectory) {
        expect(Number.isFinite(p.testLoss)).toBe(true);
        expect(p.testAccuracy).toBeGreaterThanOrEqual(0);
      }
  });
});

describe('the config and the engine split alike', () => {
  it.each([
    [2, 0.2],
    [3, 0.5],
    [5, 0.9],
    [64, 0],
    [64, 0.25],
    [101, 0.33],
    [320, 0.2],
  ])('%i points, testFraction %f', (points, testFraction) => {
    const config = parseConfig({ data: { kind: 'xor', points, testFraction } });
    const data = generateDataset(datasetSpec(config.data, config.seed));
    expect(data.yTest.length).toBe(testSetSize(config.data));
    expect(data.yTrain.length).toBe(points - testSetSize(config.data));
  });
});
