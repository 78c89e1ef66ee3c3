import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import { buildProblem, type ProblemSpec } from '../problems/build';
import { LinearRegressionProblem } from '../problems/linear-regression';
import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { coordinateAxes } from './directions';
import { planeFor, repeatSmallGrids, teacher } from './grid.fixture';
import {
  computeLandscape,
  computeSlice,
  fitRanges,
  gridCoordinates,
  type LandscapeGrid,
} from './grid';
import type { Plane } from './plane';
import { planePoints } from './projection';
import { projectTrajectory } from './trajectory';

const spiral = generateDataset({
  kind: 'spiral',
  points: 48,
  noise: 0.05,
  testFraction: 0.25,
  margin: 0,
  seed: 3,
});

/** Loss at every grid point evaluated one parameter vector at a time (independent reference). */
async function perPointReference(
  problem: Problem,
  plane: Plane,
  grid: LandscapeGrid,
  split: 'train' | 'test',
): Promise<Float32Array> {
  const n = grid.n;
  const out = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const theta = planePoints(plane, [grid.a[i]!], [grid.b[j]!]);
      const l = tf.tidy(() =>
        meanLoss(problem, tf.tensor2d(theta, [1, theta.length]) as Tensor2D, split),
      );
      out[j * n + i] = (await l.data())[0]!;
      l.dispose();
    }
  }
  return out;
}

function expectClose(actual: Float32Array, expected: Float32Array, rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    expect(
      Math.abs(actual[k]! - expected[k]!),
      `point ${k}: ${actual[k]} vs ${expected[k]}`,
    ).toBeLessThanOrEqual(rel * (1 + Math.abs(expected[k]!)));
  }
}

describe('grid coordinates and ranges', () => {
  it('hit both ends exactly, from integer indices', () => {
    for (const [n, lo, hi] of [
      [5, -1, 1],
      [51, -0.3, 0.7],
      [201, -2.5, 1e-3],
    ] as const) {
      const c = gridCoordinates(n, lo, hi);
      expect(c[0]).toBe(Math.fround(lo));
      expect(c[n - 1]).toBe(Math.fround(hi));
      expect(c[(n - 1) / 2]).toBeCloseTo((lo + hi) / 2, 6);
    }
  });

  it('fit the projected points and the centre, with a margin', () => {
    const { aRange, bRange } = fitRanges([0.5, 1.5, 1], [-2, -1, -1.5], 0.1);
    expect(aRange[0]).toBeCloseTo(-0.15, 10);
    expect(aRange[1]).toBeCloseTo(1.65, 10);
    expect(bRange[0]).toBeCloseTo(-2.2, 10);
    expect(bRange[1]).toBeCloseTo(0.2, 10);
  });
});

describe.each(NODE_BACKENDS)('computeLandscape (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const problems: Problem[] = [];
  afterAll(() => problems.forEach((p) => p.dispose()));
  const make = (spec: ProblemSpec, data = spiral) => {
    const p = buildProblem(spec, data);
    problems.push(p);
    return p;
  };

  it('has L(c) at the centre of a symmetric grid', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem);
    const grid = await computeLandscape({
      problem,
      plane,
      n: 7,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
    });
    const l = tf.tidy(() =>
      meanLoss(problem, tf.tensor2d(plane.centre, [1, plane.centre.length]) as Tensor2D, 'train'),
    );
    expect(grid.values.trainLoss![3 * 7 + 3]).toBeCloseTo((await l.data())[0]!, 5);
    l.dispose();
  });

  it('gives the event loop a turn while it computes (messages get in), and stops when cancelled', async () => {
    const problem = make({ kind: 'mlp', hidden: [16, 16], activation: 'tanh' });
    const plane = planeFor(problem);
    let chunksDone = 0;
    let chunksWhenTimerRan = -1;
    setTimeout(() => (chunksWhenTimerRan = chunksDone), 0);
    const abort = new AbortController();
    const job = computeLandscape({
      problem,
      plane,
      n: 101,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      chunkSize: 101,
      signal: abort.signal,
      onProgress: () => {
        chunksDone++;
        if (chunksDone === 60) abort.abort();
      },
    });
    await expect(job).rejects.toThrow(/cancelled/);
    // A timer set before the job started ran before it was cancelled (a macrotask got in).
    expect(chunksWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(chunksWhenTimerRan).toBeLessThan(60);
    expect(chunksDone).toBe(60);
  });

  it('equals the analytic quadratic for linear least squares', async () => {
    const data = generateDataset({
      kind: 'linear-design',
      points: 6,
      features: 9,
      noise: 0.1,
      testFraction: 0,
      seed: 5,
    });
    const problem = new LinearRegressionProblem(data);
    problems.push(problem);
    const r = new Rng(4);
    const plane = { centre: r.normals(9), d1: r.normals(9), d2: r.normals(9) };
    const grid = await computeLandscape({
      problem,
      plane,
      n: 9,
      aRange: [-2, 1],
      bRange: [-0.5, 1.5],
      metrics: ['trainLoss'],
    });
    // L(a, b) = (1/m)‖A(c + a d₁ + b d₂) − y‖², in float64.
    const m = 6;
    const residual = (v: (j: number) => number, k: number) => {
      let s = 0;
      for (let j = 0; j < 9; j++) s += data.xTrain[k * 9 + j]! * v(j);
      return s;
    };
    for (let jb = 0; jb < 9; jb++) {
      for (let ia = 0; ia < 9; ia++) {
        const a = grid.a[ia]!;
        const b = grid.b[jb]!;
        let l = 0;
        for (let k = 0; k < m; k++) {
          const pred = residual((j) => plane.centre[j]! + a * plane.d1[j]! + b * plane.d2[j]!, k);
          l += (pred - data.yTrain[k]!) ** 2 / m;
        }
        expect(grid.values.trainLoss![jb * 9 + ia]!).toBeCloseTo(l, Math.abs(l) > 10 ? 3 : 4);
      }
    }
  });

  it.each([
    ['mlp tanh 2-6-5-1 (bce)', { kind: 'mlp', hidden: [6, 5], activation: 'tanh' }, spiral],
    ['mlp relu 2-7-1 (bce)', { kind: 'mlp', hidden: [7], activation: 'relu' }, spiral],
    [
      'mlp sigmoid 2-4-4-3-1 (bce)',
      { kind: 'mlp', hidden: [4, 4, 3], activation: 'sigmoid' },
      spiral,
    ],
    ['mlp tanh 1-8-1 (mse)', { kind: 'mlp', hidden: [8], activation: 'tanh' }, teacher],
    ['logistic', { kind: 'logistic' }, spiral],
    ['tanh regression', { kind: 'tanh-regression', units: 3 }, teacher],
  ] as [string, ProblemSpec, typeof spiral][])(
    '%s: batched grid = per-point grid, fast = generic, train and test',
    async (_label, spec, data) => {
      const problem = make(spec, data);
      const plane = planeFor(problem, 7);
      const request = {
        problem,
        plane,
        n: 6,
        aRange: [-1, 1] as [number, number],
        bRange: [-0.5, 1.5] as [number, number],
      };
      const fast = await computeLandscape({ ...request, metrics: ['trainLoss', 'testLoss'] });
      const generic = await computeLandscape({
        ...request,
        metrics: ['trainLoss', 'testLoss'],
        evaluator: 'generic',
      });
      const reference = await perPointReference(problem, plane, fast, 'train');
      expectClose(fast.values.trainLoss!, reference, 2e-5);
      expectClose(generic.values.trainLoss!, reference, 2e-5);
      expectClose(
        fast.values.testLoss!,
        await perPointReference(problem, plane, fast, 'test'),
        2e-5,
      );
    },
  );

  it('gives accuracy grids that match the generic evaluator', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem, 3);
    const request = {
      problem,
      plane,
      n: 5,
      aRange: [-2, 2] as [number, number],
      bRange: [-2, 2] as [number, number],
    };
    const metrics = ['trainAccuracy', 'testAccuracy'] as const;
    const fast = await computeLandscape({ ...request, metrics });
    const generic = await computeLandscape({ ...request, metrics, evaluator: 'generic' });
    expect(Array.from(fast.values.trainAccuracy!)).toEqual(
      Array.from(generic.values.trainAccuracy!),
    );
    expect(Array.from(fast.values.testAccuracy!)).toEqual(Array.from(generic.values.testAccuracy!));
    expect(fast.values.trainAccuracy!.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('does not depend on the chunk size', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem, 5);
    const request = {
      problem,
      plane,
      n: 9,
      aRange: [-1, 1] as [number, number],
      bRange: [-1, 1] as [number, number],
    };
    const whole = await computeLandscape({ ...request, metrics: ['trainLoss'], chunkSize: 81 });
    for (const chunkSize of [1, 7, 40]) {
      const chunked = await computeLandscape({ ...request, metrics: ['trainLoss'], chunkSize });
      expect(chunked.chunkSize).toBe(chunkSize);
      expectClose(chunked.values.trainLoss!, whole.values.trainLoss!, 1e-6);
    }
  });

  it('is exact for an analytic surface on its coordinate axes', async () => {
    const problem = make({ kind: 'surface', surface: 'himmelblau', kappa: 1 }, spiral);
    const plane = { centre: new Float32Array(2), ...coordinateAxes() };
    const grid = await computeLandscape({
      problem,
      plane,
      n: 5,
      aRange: [-4, 4],
      bRange: [-4, 4],
      metrics: ['trainLoss'],
    });
    const f = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
    expect(grid.values.trainLoss![2 * 5 + 2]).toBeCloseTo(f(0, 0), 3);
    expect(grid.values.trainLoss![0]).toBeCloseTo(f(-4, -4), 3);
    expect(grid.values.trainLoss![4]).toBeCloseTo(f(4, -4), 3);
    expect(grid.values.trainLoss![24]).toBeCloseTo(f(4, 4), 3);
  });

  it('leaks no tensors after 20 grid computations', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem);
    const before = tf.memory().numTensors;
    await repeatSmallGrids(problem, plane, 20, 8);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within one chunk when cancelled, and leaks nothing', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const progress: number[] = [];
    const run = computeLandscape({
      problem,
      plane,
      n: 11,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 30) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(progress).toEqual([10, 20, 30]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a resolution outside 5…201 and empty ranges', async () => {
    const problem = make({ kind: 'logistic' });
    const plane = planeFor(problem);
    const base = {
      problem,
      plane,
      aRange: [-1, 1] as [number, number],
      bRange: [-1, 1] as [number, number],
      metrics: ['trainLoss'] as const,
    };
    await expect(computeLandscape({ ...base, n: 4 })).rejects.toThrow(
      'grid resolution must be a whole number from 5 to 201, got 4',
    );
    await expect(computeLandscape({ ...base, n: 202 })).rejects.toThrow(/from 5 to 201, got 202/);
    await expect(computeLandscape({ ...base, n: 9, aRange: [1, 1] })).rejects.toThrow(
      'the a range must be finite with min < max, got [1, 1]',
    );
  });

  it('projects a trajectory with its true loss, plane loss and off-plane distance', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const plane = planeFor(problem, 9);
    const p = plane.centre.length;
    const onPlane = planePoints(plane, [0.2, -0.4], [0.1, 0.3]);
    const off = onPlane.slice(p).map((v, i) => v + (i % 2 ? 0.05 : -0.05));
    const points = new Float32Array([...onPlane.subarray(0, p), ...off]);
    const projected = await projectTrajectory(problem, plane, points);
    expect(projected.a[0]).toBeCloseTo(0.2, 4);
    expect(projected.offPlane[0]!).toBeLessThan(1e-4);
    // On the plane, the true loss is the plane's loss; off it, they differ.
    expect(projected.trueLoss[0]).toBeCloseTo(projected.planeLoss[0]!, 5);
    expect(projected.offPlane[1]!).toBeGreaterThan(0.05);
    expect(Math.abs(projected.trueLoss[1]! - projected.planeLoss[1]!)).toBeGreaterThan(1e-4);
    const truth = tf.tidy(() => meanLoss(problem, tf.tensor2d(off, [1, p]) as Tensor2D, 'train'));
    expect(projected.trueLoss[1]).toBeCloseTo((await truth.data())[0]!, 5);
    truth.dispose();
  });

  it('computes 1-D slices: the interpolation between two points passes through both losses', async () => {
    const problem = make({ kind: 'mlp', hidden: [6, 5], activation: 'tanh' });
    const a = problem.init(new Rng(1));
    const b = problem.init(new Rng(2));
    const slice = await computeSlice(
      problem,
      a,
      b.map((x, i) => x - a[i]!),
      Float32Array.from([0, 0.5, 1]),
      ['trainLoss'],
    );
    const ends = tf.tidy(() =>
      meanLoss(problem, tf.tensor2d([...a, ...b], [2, a.length]) as Tensor2D, 'train'),
    );
    const [la, lb] = Array.from(await ends.data());
    ends.dispose();
    expect(slice.trainLoss![0]).toBeCloseTo(la!, 5);
    expect(slice.trainLoss![2]).toBeCloseTo(lb!, 5);
  });
});
