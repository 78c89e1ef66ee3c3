import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { problemsOf } from '../config/parse.fixture';
import { tf } from '../engine/tf';
import { buildExperiment } from './build';
import { experimentCurvature, miniBatchWeights } from './curvature';

describe('the config curvature block', () => {
  it('has defaults: eigen top-3 (20 steps), trace (100 probes), density, sharpness at ε 1e-3 and 5e-4', () => {
    const c = parseConfig({ curvature: {} }).curvature!;
    expect(c).toMatchObject({
      at: 'end',
      runs: 'all',
      split: 'train',
      batch: 'full',
      eigen: { count: 3, iterations: 20 },
      trace: { probes: 100 },
      sharpness: { epsilons: [1e-3, 5e-4], iterations: 20 },
    });
    expect(parseConfig({ curvature: { trace: false } }).curvature!.trace).toBe(false);
  });

  it('names every bad field with what is allowed', () => {
    expect(problemsOf({ curvature: { eigen: { count: 6 } } })).toEqual([
      expect.stringMatching(/^curvature\.eigen(\.count)?: /),
    ]);
    expect(problemsOf({ curvature: { runs: [5] } })).toEqual([
      'curvature.runs[0]: refers to run 5, but there are 3 runs (got 5)',
    ]);
    expect(problemsOf({ curvature: { split: 'test', batch: 16 } })).toEqual([
      "curvature.batch: a mini-batch is drawn from the train split: use 'full' (got 16)",
    ]);
    expect(
      problemsOf({
        problem: { kind: 'surface', surface: 'quadratic' },
        curvature: { split: 'test' },
      }),
    ).toEqual(['curvature.split: an analytic surface has no test set: use \'train\' (got "test")']);
  });
});

describe('experimentCurvature', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('on the quadratic ½(x² + κy²) every quantity has its closed form', async () => {
    const kappa = 10;
    const config = parseConfig({
      problem: { kind: 'surface', surface: 'quadratic', kappa },
      runs: [{ optimizer: 'sgd', lr: 0.01 }],
      theta0: [1, 2],
      curvature: {
        eigen: { count: 2, iterations: 2 },
        trace: { probes: 4 },
        density: { probes: 2, iterations: 2, points: 50 },
        sharpness: { epsilons: [1e-3], iterations: 5 },
      },
    });
    const e = buildExperiment(config);
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const result = await experimentCurvature(e, [e.theta0], [0], config.curvature!, {
      onProgress: (done) => progress.push(done),
    });
    expect(tf.memory().numTensors).toBe(before);
    const r = result.runs[0]!;
    expect(r.eigen!.values[0]).toBeCloseTo(kappa, 4);
    expect(r.eigen!.values[1]).toBeCloseTo(1, 5);
    expect(r.trace!.value).toBeCloseTo(kappa + 1, 4);
    // The density's mean is tr(H)/P = (κ + 1)/2 exactly for any unit Rademacher probe (diagonal H).
    expect(r.density!.moments[0]).toBeCloseTo((kappa + 1) / 2, 4);
    const eps = 1e-3;
    const base = 0.5 * (1 + kappa * 4);
    const top = 0.5 * ((1 + 2 * eps) ** 2 + kappa * (2 + 3 * eps) ** 2);
    expect(r.sharpness![0]!.value).toBeCloseTo((100 * (top - base)) / (1 + base), 2);
    expect(progress[progress.length - 1]).toBe(2 + 1 + 2 + 5);
    e.problem.dispose();
  });

  it('stops within one step when cancelled', async () => {
    const config = parseConfig({
      problem: { kind: 'surface', surface: 'rosenbrock' },
      curvature: { eigen: { count: 1, iterations: 2 }, trace: { probes: 100 } },
    });
    const e = buildExperiment(config);
    const controller = new AbortController();
    let calls = 0;
    const reason = new Error('cancelled');
    await expect(
      experimentCurvature(e, [e.theta0.slice(0, 2)], [0], config.curvature!, {
        signal: controller.signal,
        onProgress: () => {
          calls++;
          if (calls === 1) controller.abort(reason);
        },
      }),
    ).rejects.toBe(reason);
    expect(calls).toBe(1);
    e.problem.dispose();
  });

  it('a mini-batch weights 1/B on B seeded examples', () => {
    const w = miniBatchWeights(10, 4, 3);
    expect(Array.from(w).filter((x) => x > 0)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(miniBatchWeights(10, 4, 3))).toEqual(Array.from(w));
  });
});
