import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset } from '../data/datasets';
import { buildProblem, type ProblemSpec } from '../problems/build';
import { MlpProblem } from '../problems/mlp';
import { tf } from '../tf';
import { computeLandscape, type LandscapeGrid, type LandscapeRequest } from './grid';
import { planeFor, teacher } from './grid.fixture';
import { prepareHostPlane } from './host-plane';
import type { LandscapeMetric } from './metrics';
import {
  PlaneWorkerPool,
  sharedPlaneWorkerPool,
  terminateSharedPlaneWorkerPool,
} from './plane-worker-pool';

const spiral = generateDataset({
  kind: 'spiral',
  points: 90,
  noise: 0.05,
  testFraction: 0.3,
  margin: 0,
  seed: 7,
});

const ALL: LandscapeMetric[] = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'];

/**
 * The MLP's mean loss at θ written out in float64 with Math.tanh etc., one data point at a time
 * (an independent reference: no kernels, no tensors).
 */
function float64Loss(problem: MlpProblem, data: Dataset, theta: Float64Array): number {
  const widths = problem.widths;
  const d = widths[0]!;
  const entries = problem.layout.entries;
  const act = (v: number) =>
    problem.spec.activation === 'tanh'
      ? Math.tanh(v)
      : problem.spec.activation === 'sigmoid'
        ? 1 / (1 + Math.exp(-v))
        : Math.max(v, 0);
  let sum = 0;
  const m = data.yTrain.length;
  for (let i = 0; i < m; i++) {
    let a = Array.from(data.xTrain.subarray(i * d, (i + 1) * d));
    for (let l = 0; l + 1 < widths.length; l++) {
      const w = entries[2 * l]!.offset;
      const b = entries[2 * l + 1]!.offset;
      const out: number[] = [];
      for (let j = 0; j < widths[l + 1]!; j++) {
        let s = theta[b + j]!;
        for (let t = 0; t < widths[l]!; t++) s += a[t]! * theta[w + t * widths[l + 1]! + j]!;
        out.push(l + 2 < widths.length ? act(s) : s);
      }
      a = out;
    }
    const z = a[0]!;
    const y = data.yTrain[i]!;
    sum +=
      problem.spec.loss === 'bce'
        ? Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z
        : (z - y) ** 2;
  }
  return sum / m;
}

describe.each(NODE_BACKENDS)('host landscape program (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const problems: MlpProblem[] = [];
  afterAll(async () => {
    problems.forEach((p) => p.dispose());
    await terminateSharedPlaneWorkerPool();
  });
  const make = (spec: ProblemSpec, data: Dataset = spiral): MlpProblem => {
    const p = buildProblem(spec, data) as MlpProblem;
    problems.push(p);
    return p;
  };
  const grid = (request: Omit<LandscapeRequest, 'aRange' | 'bRange'>): Promise<LandscapeGrid> =>
    computeLandscape({ aRange: [-1.5, 1], bRange: [-1, 2], ...request });

  it.each<[string, ProblemSpec, Dataset]>([
    ['tanh 2-16-16-1 (bce)', { kind: 'mlp', hidden: [16, 16], activation: 'tanh' }, spiral],
    ['relu 2-7-1 (bce)', { kind: 'mlp', hidden: [7], activation: 'relu' }, spiral],
    ['sigmoid 2-4-4-3-1 (bce)', { kind: 'mlp', hidden: [4, 4, 3], activation: 'sigmoid' }, spiral],
    ['tanh 1-8-1 (mse)', { kind: 'mlp', hidden: [8], activation: 'tanh' }, teacher],
    ['logistic 2-1', { kind: 'logistic' }, spiral],
  ])(
    '%s: equals the tensor program (losses to 2e-6, accuracies exactly)',
    async (_, spec, data) => {
      const problem = make(spec, data);
      const plane = planeFor(problem, 3);
      const metrics = problem.task === 'classification' ? ALL : ALL.slice(0, 2);
      const host = await grid({ problem, plane, n: 13, metrics });
      const tensor = await grid({ problem, plane, n: 13, metrics, evaluator: 'tensor' });
      expect(host.threads).toBe(2);
      expect(tensor.threads).toBe(1);
      for (const metric of metrics) {
        const h = host.values[metric]!;
        const t = tensor.values[metric]!;
        if (metric.endsWith('Accuracy')) {
          expect(Array.from(h)).toEqual(Array.from(t));
          continue;
        }
        // float32 products of ≤ 17 terms and tanh to 3e-7 move z by ~1e-6 at most; |∂ℓ/∂z| ≤ 1
        // for the BCE (mean of z's at most; measured ≤ 9e-7 relative on the reference problem).
        for (let k = 0; k < h.length; k++)
          expect(Math.abs(h[k]! - t[k]!), `${metric} at ${k}`).toBeLessThanOrEqual(
            2e-6 * (1 + Math.abs(t[k]!)),
          );
      }
    },
  );

  it('equals a float64 forward pass written out by hand', async () => {
    const problem = make({ kind: 'mlp', hidden: [5, 3], activation: 'tanh' });
    const plane = planeFor(problem, 11);
    const result = await computeLandscape({
      problem,
      plane,
      n: 5,
      aRange: [-2, 2],
      bRange: [-1, 3],
      metrics: ['trainLoss'],
    });
    for (const [i, j] of [
      [0, 0],
      [2, 2],
      [4, 1],
      [1, 4],
    ] as const) {
      const theta = Float64Array.from(
        plane.centre,
        (c, k) => c + result.a[i]! * plane.d1[k]! + result.b[j]! * plane.d2[k]!,
      );
      const expected = float64Loss(problem, spiral, theta);
      expect(Math.abs(result.values.trainLoss![j * 5 + i]! - expected)).toBeLessThan(
        2e-6 * (1 + expected),
      );
    }
  });

  it('gives the same grid bit for bit on the pool and on this thread, for any task size', async () => {
    const problem = make({ kind: 'mlp', hidden: [16, 16], activation: 'tanh' });
    const plane = planeFor(problem, 5);
    const one = await grid({ problem, plane, n: 31, metrics: ALL, threads: 1 });
    expect(one.threads).toBe(1);
    for (const chunkSize of [undefined, 7, 100, 961]) {
      const pooled = await grid({ problem, plane, n: 31, metrics: ALL, chunkSize });
      expect(pooled.threads).toBe(2);
      if (chunkSize) expect(pooled.chunkSize).toBe(chunkSize);
      for (const metric of ALL)
        expect(Array.from(pooled.values[metric]!)).toEqual(Array.from(one.values[metric]!));
    }
  });

  it('reuses one warm pool across landscapes, leaks no tensors, and restarts after terminate', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem, 2);
    const first = await grid({ problem, plane, n: 9, metrics: ['trainLoss'] });
    const pool = sharedPlaneWorkerPool()!;
    expect(pool.size).toBe(2);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) {
      const again = await grid({ problem, plane, n: 9, metrics: ['trainLoss', 'testAccuracy'] });
      expect(Array.from(again.values.trainLoss!)).toEqual(Array.from(first.values.trainLoss!));
      expect(sharedPlaneWorkerPool()).toBe(pool);
      expect(pool.size).toBe(2);
    }
    expect(tf.memory().numTensors).toBe(before);
    await terminateSharedPlaneWorkerPool();
    expect(pool.size).toBe(0);
    const after = await grid({ problem, plane, n: 9, metrics: ['trainLoss'] });
    expect(sharedPlaneWorkerPool()).not.toBe(pool);
    expect(Array.from(after.values.trainLoss!)).toEqual(Array.from(first.values.trainLoss!));
  });

  it('stops handing out tasks when cancelled, reports nothing after, and works again next time', async () => {
    const problem = make({ kind: 'mlp', hidden: [16, 16], activation: 'tanh' });
    const plane = planeFor(problem, 4);
    const controller = new AbortController();
    const progress: number[] = [];
    const run = grid({
      problem,
      plane,
      n: 41,
      metrics: ['trainLoss'],
      chunkSize: 41,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 3 * 41) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(progress).toEqual([41, 82, 123]);
    const whole = await grid({ problem, plane, n: 41, metrics: ['trainLoss'] });
    const single = await grid({ problem, plane, n: 41, metrics: ['trainLoss'], threads: 1 });
    expect(Array.from(whole.values.trainLoss!)).toEqual(Array.from(single.values.trainLoss!));
    // Cancelled before it starts: nothing runs.
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      grid({ problem, plane, n: 41, metrics: ['trainLoss'], signal: aborted.signal }),
    ).rejects.toThrow(/cancelled/);
  });
});

describe('plane worker pool', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it("reports a task's error, keeps working, and refuses work once terminated", async () => {
    const problem = buildProblem(
      { kind: 'mlp', hidden: [4], activation: 'tanh' },
      spiral,
    ) as MlpProblem;
    const data = prepareHostPlane(problem, planeFor(problem), 'wasm');
    const pool = PlaneWorkerPool.create(2)!;
    expect(pool.size).toBe(2);
    const task = (values: Float32Array[][]) => ({
      a: new Float32Array([0, 0.5]),
      b: new Float32Array([0, -0.5]),
      done: (v: Float32Array[]) => values.push(v),
    });
    const noTest = { ...data, splits: { train: data.splits.train, test: null } };
    await expect(pool.run(noTest, ['testLoss'], [task([])], () => false)).rejects.toThrow(
      /test split has no data points/,
    );
    const values: Float32Array[][] = [];
    await pool.run(data, ['trainLoss'], [task(values), task(values)], () => false);
    expect(values).toHaveLength(2);
    expect(Array.from(values[0]![0]!)).toEqual(Array.from(values[1]![0]!));
    await pool.terminate();
    expect(pool.size).toBe(0);
    await expect(pool.run(data, ['trainLoss'], [task([])], () => false)).rejects.toThrow(
      /terminated/,
    );
    problem.dispose();
  });

  it('finishes a grid on this thread when a worker dies mid-grid, and starts no pool after', async () => {
    const problem = buildProblem(
      { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      spiral,
    ) as MlpProblem;
    const plane = planeFor(problem, 9);
    const request = {
      problem,
      plane,
      n: 41,
      aRange: [-1, 1] as [number, number],
      bRange: [-1, 1] as [number, number],
      metrics: ['trainLoss'] as LandscapeMetric[],
    };
    const reference = await computeLandscape({ ...request, threads: 1 });
    const pool = sharedPlaneWorkerPool()!;
    const progress: number[] = [];
    let killed = false;
    const result = await computeLandscape({
      ...request,
      chunkSize: 41,
      onProgress: (done) => {
        progress.push(done);
        if (killed) return;
        killed = true;
        // A thread ends as a crash would (test-only access to the pool's threads).
        void (
          pool as unknown as { threads: { terminate(): Promise<void> }[] }
        ).threads[0]!.terminate();
      },
    });
    expect(result.threads).toBe(1);
    expect(Array.from(result.values.trainLoss!)).toEqual(Array.from(reference.values.trainLoss!));
    // Every point reported once: progress rises by whole tasks to the total.
    expect(progress.at(-1)).toBe(41 * 41);
    expect(progress.every((d, i) => d === 41 * (i + 1))).toBe(true);
    expect(sharedPlaneWorkerPool()).toBeNull();
    await terminateSharedPlaneWorkerPool();
    expect(sharedPlaneWorkerPool()).not.toBeNull();
    problem.dispose();
  });
});
