/**
 * The flat-vs-sharp comparison against independent numbers: closed forms on the quadratic
 * ½(x² + κy²) (λ_max = κ, tr = 1 + κ, the slices, the plane, the interpolation, Keskar's box
 * maximum), and on a small trained MLP the ordinary loss function, the eigen slice's curvature
 * (a central second difference) against λ_max, and the shared density grid. Also: the config
 * block's defaults and messages, cancellation, progress and tensor counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { problemsOf } from '../config/parse.fixture';
import type { MinimaConfig } from '../config/schema';
import { randomPlaneDirections } from '../engine/landscape/directions';
import { Rng } from '../engine/math/random';
import { meanLoss } from '../engine/problems/problem';
import { tf } from '../engine/tf';
import { trainToEnd } from '../engine/train/trainer';
import { buildExperiment, trainerOptions, type Experiment } from './build';
import { experimentMinima, minimaWork } from './minima';

describe('the config minima block', () => {
  it('has modest defaults: runs [0, 1], plane 31, slices 41, trace 30, density 3 × 30, sharpness 20 steps', () => {
    const m = parseConfig({ minima: {} }).minima!;
    expect(m).toEqual({
      runs: [0, 1],
      split: 'train',
      batch: 'full',
      seed: 1,
      eigen: { iterations: 20 },
      trace: { probes: 30 },
      density: { probes: 3, iterations: 30, points: 200 },
      sharpness: { epsilons: [1e-3, 5e-4], iterations: 20 },
      plane: { n: 31, range: 1 },
      slices: { points: 41, range: 1, eigenRange: 1 },
      interpolation: { from: -1, to: 2, points: 61 },
    });
  });

  it('names every bad field with what is allowed', () => {
    expect(problemsOf({ minima: { runs: [0, 0] } })).toEqual([
      'minima.runs: must name two different runs, e.g. [0, 1] (got [0,0])',
    ]);
    expect(problemsOf({ minima: { runs: [0, 5] } })).toEqual([
      'minima.runs[1]: refers to run 5, but there are 3 runs (got 5)',
    ]);
    expect(problemsOf({ minima: { runs: [1] } })).toEqual([
      expect.stringMatching(/^minima\.runs(\[1\])?: /),
    ]);
    expect(problemsOf({ minima: { slices: { points: 40 } } })).toEqual([
      'minima.slices.points: must be odd, so that s = 0 (the minimum) is a point (got 40)',
    ]);
    expect(problemsOf({ minima: { interpolation: { from: 1, to: 0 } } })).toEqual([
      expect.stringMatching(/^minima\.interpolation\.to: must have from < to/),
    ]);
    expect(problemsOf({ minima: { plane: { range: 0 } } })).toEqual([
      'minima.plane.range: must be > 0 and ≤ 100 (got 0)',
    ]);
    expect(problemsOf({ minima: { split: 'test', batch: 8 } })).toEqual([
      "minima.batch: a mini-batch is drawn from the train split: use 'full' (got 8)",
    ]);
    expect(
      problemsOf({
        problem: { kind: 'surface', surface: 'quadratic' },
        runs: [
          { optimizer: 'sgd', lr: 0.1 },
          { optimizer: 'adam', lr: 0.1 },
        ],
        minima: { split: 'test' },
      }),
    ).toEqual(['minima.split: an analytic surface has no test set: use \'train\' (got "test")']);
    expect(problemsOf({ minima: { plan: {} } })).toEqual([
      expect.stringMatching(/^minima: .*plan/),
    ]);
  });
});

/** A small spec for fast tests (the defaults otherwise). */
function smallSpec(input: Record<string, unknown> = {}): MinimaConfig {
  return parseConfig({ minima: { ...input } }).minima!;
}

describe('experimentMinima', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('on the quadratic ½(x² + κy²) every quantity has its closed form', async () => {
    const kappa = 10;
    const config = parseConfig({
      problem: { kind: 'surface', surface: 'quadratic', kappa },
      runs: [
        { optimizer: 'sgd', lr: 0.01 },
        { optimizer: 'sgd', lr: 0.02 },
      ],
      theta0: [1, 2],
    });
    const e = buildExperiment(config);
    const spec = smallSpec({
      eigen: { iterations: 2 },
      trace: { probes: 4 },
      density: { probes: 2, iterations: 2, points: 300 },
      sharpness: { epsilons: [1e-3], iterations: 5 },
      plane: { n: 5, range: 0.5 },
      slices: { points: 5, range: 0.4, eigenRange: 0.2 },
      interpolation: { from: -1, to: 2, points: 7 },
    });
    const a = Float32Array.from([1, 2]);
    const b = Float32Array.from([-0.5, 0.25]);
    const L = (x: number, y: number) => 0.5 * (x * x + kappa * y * y);
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await experimentMinima(e, [a, b], [0, 3], spec, {
      onProgress: (done) => progress.push(done),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress.at(-1)).toBe(minimaWork(spec, 2));
    expect(progress.every((d, i) => i === 0 || d >= progress[i - 1]!)).toBe(true);
    const [ma, mb] = r.minima;
    expect([ma.run, mb.run, ma.step, mb.step]).toEqual([0, 1, 0, 3]);
    expect(ma.trainLoss).toBeCloseTo(L(1, 2), 5);
    expect(mb.trainLoss).toBeCloseTo(L(-0.5, 0.25), 5);
    // A surface has no test set and no accuracy.
    expect([ma.testLoss, ma.trainAccuracy, ma.testAccuracy]).toEqual([null, null, null]);
    for (const m of r.minima) {
      expect(m.lambdaMax).toBeCloseTo(kappa, 4);
      expect(m.lambdaResidual).toBeLessThan(1e-4);
      expect(m.trace.value).toBeCloseTo(kappa + 1, 4);
    }
    // Keskar: the box maximum of a convex function is the vertex away from the minimum.
    const eps = 1e-3;
    const top = L(1 + 2 * eps, 2 + 3 * eps);
    expect(ma.sharpness[0]!.value).toBeCloseTo((100 * (top - L(1, 2))) / (1 + L(1, 2)), 2);
    // The eigen slice along ±e_y: the mean of s and −s is L(θ*) + ½κs² (whatever the sign).
    const e1 = ma.slices.eigen;
    expect(e1.coords).toEqual([-0.2, -0.1, 0, 0.1, 0.2].map((x) => Math.fround(x)));
    for (let g = 0; g < 2; g++) {
      const s = e1.coords[g]!;
      expect((e1.trainLoss[g]! + e1.trainLoss[4 - g]!) / 2).toBeCloseTo(
        L(1, 2) + 0.5 * kappa * s * s,
        4,
      );
    }
    expect(e1.testLoss).toBeNull();
    // The random slice and plane use plain Gaussian directions on a surface (no filters).
    const { d1, d2 } = randomPlaneDirections(a, e.problem.layout, Rng.derive(1, 'minima-plane'), {
      mode: 'none',
      bias: 'zero',
      orthogonalize: false,
    });
    const coords = ma.plane.coords;
    expect(coords).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(mb.plane.coords).toEqual(coords);
    for (const [i, j] of [
      [0, 0],
      [4, 1],
      [2, 2],
      [3, 4],
    ] as const) {
      const x = 1 + coords[i]! * d1[0]! + coords[j]! * d2[0]!;
      const y = 2 + coords[i]! * d1[1]! + coords[j]! * d2[1]!;
      expect(ma.plane.values[j * 5 + i]).toBeCloseTo(L(x, y), 4);
    }
    // The interpolation θ(t) = t·b + (1 − t)·a.
    const { t, trainLoss } = r.interpolation;
    expect(t).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2]);
    t.forEach((tk, k) =>
      expect(trainLoss[k]).toBeCloseTo(L((1 - tk) * 1 + tk * -0.5, (1 - tk) * 2 + tk * 0.25), 4),
    );
    expect(r.interpolation.testLoss).toBeNull();
    // Both spectra {1, κ} on one grid, each integrating to 1 with mean (1 + κ)/2.
    expect(mb.density.grid).toBe(ma.density.grid);
    expect(mb.density.sigma).toBe(ma.density.sigma);
    for (const m of r.minima) {
      const { grid, density } = m.density;
      let mass = 0;
      let mean = 0;
      for (let g = 1; g < grid.length; g++) {
        const h = grid[g]! - grid[g - 1]!;
        mass += (h * (density[g]! + density[g - 1]!)) / 2;
        mean += (h * (grid[g]! * density[g]! + grid[g - 1]! * density[g - 1]!)) / 2;
      }
      expect(mass).toBeCloseTo(1, 3);
      expect(mean).toBeCloseTo((1 + kappa) / 2, 2);
    }
    e.problem.dispose();
  });

  describe('on a trained MLP (xor, 2-8-1 tanh: small batch vs full batch)', () => {
    let e: Experiment;
    let points: Float32Array[];
    beforeAll(async () => {
      const config = parseConfig({
        seed: 2,
        problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
        data: { kind: 'xor', points: 80 },
        runs: [
          { optimizer: 'sgd', lr: 0.5, batchSize: 8, name: 'small batch' },
          { optimizer: 'sgd', lr: 0.5, name: 'full batch' },
        ],
        steps: 200,
        recordEvery: 200,
      });
      e = buildExperiment(config);
      const snapshots = await trainToEnd(trainerOptions(e));
      const theta = snapshots.at(-1)!.theta;
      const P = e.problem.layout.size;
      points = [theta.slice(0, P), theta.slice(P, 2 * P)];
      return () => e.problem.dispose();
    });

    const spec = () =>
      smallSpec({
        trace: { probes: 10 },
        density: { probes: 2, iterations: 10, points: 100 },
        sharpness: { epsilons: [1e-3], iterations: 3 },
        plane: { n: 7, range: 0.5 },
        slices: { points: 21, range: 0.5, eigenRange: 0.1 },
        interpolation: { from: -0.5, to: 1.5, points: 5 },
      });

    it('metrics equal the ordinary loss; the eigen slice curves like λ_max; the ends of the interpolation are the minima', async () => {
      const r = await experimentMinima(e, points, [200, 200], spec());
      const P = e.problem.layout.size;
      for (const [i, m] of r.minima.entries()) {
        const loss = tf.tidy(() => meanLoss(e.problem, tf.tensor2d(points[i]!, [1, P]), 'train'));
        const expected = (await loss.data())[0]!;
        loss.dispose();
        expect(m.trainLoss).toBeCloseTo(expected, 5);
        expect(m.testLoss).toBeGreaterThan(0);
        expect(m.trainAccuracy).toBeGreaterThanOrEqual(0);
        expect(m.testAccuracy).toBeLessThanOrEqual(1);
        expect(m.lambdaMax).toBeGreaterThan(0);
        expect(m.lambdaResidual).toBeLessThan(0.05 * m.lambdaMax);
        // The slice at s = 0 is θ* itself; its central second difference is vᵀHv = λ_max.
        const { coords, trainLoss } = m.slices.eigen;
        const mid = (coords.length - 1) / 2;
        expect(coords[mid]).toBe(0);
        expect(trainLoss[mid]).toBeCloseTo(m.trainLoss, 6);
        const h = coords[mid + 1]!;
        const curvature =
          (trainLoss[mid + 1]! - 2 * trainLoss[mid]! + trainLoss[mid - 1]!) / (h * h);
        expect(Math.abs(curvature - m.lambdaMax) / m.lambdaMax).toBeLessThan(0.05);
        expect(m.slices.random.coords[mid]).toBe(0);
        expect(m.slices.random.trainLoss[mid]).toBeCloseTo(m.trainLoss, 6);
        expect(m.slices.random.testAccuracy).toHaveLength(21);
        // The plane's centre is θ*.
        const n = m.plane.coords.length;
        expect(m.plane.values[(n * n - 1) / 2]).toBeCloseTo(m.trainLoss, 5);
        expect(m.trace.probes).toBe(10);
      }
      const { t, trainLoss, testAccuracy } = r.interpolation;
      expect(t).toEqual([-0.5, 0, 0.5, 1, 1.5]);
      expect(trainLoss[1]).toBeCloseTo(r.minima[0].trainLoss, 6);
      expect(trainLoss[3]).toBeCloseTo(r.minima[1].trainLoss, 6);
      expect(testAccuracy![1]).toBeCloseTo(r.minima[0].testAccuracy!, 6);
      expect(testAccuracy![3]).toBeCloseTo(r.minima[1].testAccuracy!, 6);
      expect(r.minima[1].density.grid).toBe(r.minima[0].density.grid);
    });

    it('swapped runs swap the minima and reverse the interpolation; no tensors leak over repeats', async () => {
      const s = spec();
      const first = await experimentMinima(e, points, [200, 200], s);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await experimentMinima(e, points, [200, 200], s);
      expect(tf.memory().numTensors).toBe(before);
      const swapped = await experimentMinima(e, points, [200, 200], {
        ...s,
        runs: [1, 0],
        interpolation: { from: -0.5, to: 1.5, points: 5 },
      });
      expect(swapped.minima[0].name).toBe('full batch');
      expect(swapped.minima[0].lambdaMax).toBeCloseTo(first.minima[1].lambdaMax, 4);
      // t ↦ 1 − t maps [−0.5, 1.5] onto itself reversed.
      expect(swapped.interpolation.trainLoss[0]).toBeCloseTo(first.interpolation.trainLoss[4]!, 5);
      expect(swapped.interpolation.trainLoss[2]).toBeCloseTo(first.interpolation.trainLoss[2]!, 5);
    });

    it('stops within one unit of work when cancelled, with the signal’s reason; bad runs in words', async () => {
      const reason = new Error('cancelled');
      for (const stopAt of [1, 5, minimaWork(spec(), e.problem.layout.size) - 3]) {
        const controller = new AbortController();
        let calls = 0;
        await expect(
          experimentMinima(e, points, [200, 200], spec(), {
            signal: controller.signal,
            onProgress: () => {
              calls++;
              if (calls === stopAt) controller.abort(reason);
            },
          }),
        ).rejects.toBe(reason);
        expect(calls).toBe(stopAt);
      }
      // A message (a timer here) gets in while the analysis runs: it yields to the event loop.
      const controller = new AbortController();
      let units = 0;
      const running = experimentMinima(e, points, [200, 200], spec(), {
        signal: controller.signal,
        onProgress: () => void units++,
      });
      setTimeout(() => controller.abort(reason), 0);
      await expect(running).rejects.toBe(reason);
      expect(units).toBeLessThan(minimaWork(spec(), e.problem.layout.size));
      await expect(
        experimentMinima(e, points, [200, 200], { ...spec(), runs: [0, 2] }),
      ).rejects.toThrow('minima.runs[1]: refers to run 2, but there are 2 runs');
      await expect(
        experimentMinima(e, points, [200, 200], { ...spec(), split: 'test', batch: 8 }),
      ).rejects.toThrow("minima.batch: a mini-batch is drawn from the train split: use 'full'");
    });
  });
});
