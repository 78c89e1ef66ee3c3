import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import type { RunHyper } from '../optim/optimizers';
import { CONSTANT_SCHEDULE } from '../optim/schedules';
import { MlpProblem } from '../problems/mlp';
import { meanLoss, type Problem, type Split } from '../problems/problem';
import { SURFACE_LAYOUT } from '../problems/surfaces';
import { tf, type Tensor2D } from '../tf';
import {
  barrierHeight,
  coefficientRows,
  curveCoefficients,
  curvePoints,
  midpoint,
  pathTs,
  type CurveType,
} from './curve';
import { curveLoss } from './loss';
import { curvePlane, evaluatePath, pathInPlane } from './paths';
import { trainCurve, type CurveTrainingOptions, type CurveTrainingStep } from './train';

/**
 * Two minima joined by a valley: f(x, y) = (x² + (y + c)² − 1 − c²)², c = ½, is zero on the circle
 * through (±1, 0) centred at (0, −c). The segment between (−1, 0) and (1, 0) runs along y = 0 where
 * f = (x² − 1)²: a barrier of exactly 1 at x = 0. The circle's upper arc is a path of zero loss,
 * and the asymmetry (c ≠ 0) gives the bend at the midpoint a gradient towards it.
 */
const C = 0.5;
class RingProblem implements Problem {
  readonly name = 'ring';
  readonly task = 'surface' as const;
  readonly layout = SURFACE_LAYOUT;
  readonly size = { train: 1, test: 1 };
  outputs(theta: Tensor2D, _split: Split): Tensor2D {
    return tf.tidy(() => {
      const [x, y] = tf.split(theta, 2, 1) as [Tensor2D, Tensor2D];
      const r = tf.sub(tf.add(tf.square(x), tf.square(tf.add(y, C))), 1 + C * C);
      return tf.square(r) as Tensor2D;
    });
  }
  perExampleLoss(theta: Tensor2D, split: Split): Tensor2D {
    return this.outputs(theta, split);
  }
  init(): Float32Array {
    return Float32Array.from([-1, 0]);
  }
  dispose(): void {}
}
/** f and ∇f of the ring in float64. */
const ring = (x: number, y: number) => {
  const r = x * x + (y + C) * (y + C) - 1 - C * C;
  return { f: r * r, gx: 4 * r * x, gy: 4 * r * (y + C) };
};

const W0 = Float32Array.from([-1, 0]);
const W2 = Float32Array.from([1, 0]);

function hyper(optimizer: RunHyper['optimizer'], lr: number): RunHyper {
  return {
    optimizer,
    lr,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    alpha: 0.99,
    weightDecay: 0,
    momentumDecay: 0.004,
    batchSize: 1_000_000,
    schedule: CONSTANT_SCHEDULE,
    samRho: 0,
  };
}

async function collect(options: CurveTrainingOptions): Promise<CurveTrainingStep[]> {
  const out: CurveTrainingStep[] = [];
  for await (const s of trainCurve(options)) out.push(s);
  return out;
}

describe('curve geometry', () => {
  const rng = new Rng(3);
  const w0 = rng.normals(7);
  const w1 = rng.normals(7);
  const w2 = rng.normals(7);

  it.each(['bezier', 'chain'] as const)(
    '%s passes through w₀ at t = 0 and w₂ at t = 1 exactly',
    (type) => {
      const points = curvePoints(type, w0, w1, w2, [0, 1]);
      expect(Array.from(points.subarray(0, 7))).toEqual(Array.from(w0));
      expect(Array.from(points.subarray(7))).toEqual(Array.from(w2));
    },
  );

  it('at t = ½ the Bézier is ¼w₀ + ½w₁ + ¼w₂ and the chain is at its bend w₁ exactly', () => {
    expect(curveCoefficients('bezier', 0.5)).toEqual([0.25, 0.5, 0.25]);
    expect(curveCoefficients('chain', 0.5)).toEqual([0, 1, 0]);
    const bezier = curvePoints('bezier', w0, w1, w2, [0.5]);
    bezier.forEach((v, j) =>
      expect(v).toBeCloseTo(0.25 * w0[j]! + 0.5 * w1[j]! + 0.25 * w2[j]!, 6),
    );
    expect(Array.from(curvePoints('chain', w0, w1, w2, [0.5]))).toEqual(Array.from(w1));
  });

  it('the chain is the two straight legs: t = ¼ halfway to the bend, t = ¾ halfway past it', () => {
    const quarter = curvePoints('chain', w0, w1, w2, [0.25, 0.75]);
    for (let j = 0; j < 7; j++) {
      expect(quarter[j]).toBeCloseTo((w0[j]! + w1[j]!) / 2, 6);
      expect(quarter[7 + j]).toBeCloseTo((w1[j]! + w2[j]!) / 2, 6);
    }
    // The Bézier at t = ¼: (9/16, 6/16, 1/16).
    expect(curveCoefficients('bezier', 0.25)).toEqual([9 / 16, 6 / 16, 1 / 16]);
    expect(Array.from(coefficientRows('chain', [0.25, 0.75]))).toEqual([0.5, 0.5, 0, 0, 0.5, 0.5]);
  });

  it('a Bézier bent at the midpoint is the straight segment, at uniform speed', () => {
    const mid = midpoint(w0, w2);
    const ts = pathTs(11);
    const points = curvePoints('bezier', w0, mid, w2, ts);
    ts.forEach((t, k) => {
      for (let j = 0; j < 7; j++)
        expect(points[k * 7 + j]).toBeCloseTo((1 - t) * w0[j]! + t * w2[j]!, 5);
    });
  });

  it('61 path points from 0 to 1; the barrier is the max minus the mean of the ends', () => {
    const ts = pathTs();
    expect(ts.length).toBe(61);
    expect(ts[0]).toBe(0);
    expect(ts[30]).toBeCloseTo(0.5, 7);
    expect(ts[60]).toBe(1);
    expect(barrierHeight([1, 4, 2, 3])).toBe(4 - 2);
    expect(barrierHeight([0.5, 0.2, 0.3])).toBeCloseTo(0.5 - 0.4, 12);
    expect(barrierHeight([1, Number.NaN, 1])).toBeNaN();
  });

  it.each(['bezier', 'chain'] as const)(
    'the plane through w₀, w₁, w₂ contains the whole %s (off-plane ≈ 0 at every t)',
    (type) => {
      const p = 50;
      const r = new Rng(8);
      const a = r.normals(p);
      const b = r.normals(p);
      const c = r.normals(p);
      const plane = curvePlane(a, b, c)!;
      const coords = pathInPlane(curvePoints(type, a, b, c, pathTs()), plane);
      const scale = Math.hypot(...Array.from(c, (x, j) => x - a[j]!));
      for (const d of coords.offPlane) expect(d).toBeLessThan(1e-5 * scale);
      // The segment is the a-axis: w₀ at (0, 0), w₂ at (‖w₂ − w₀‖, 0).
      expect(coords.a[0]).toBeCloseTo(0, 5);
      expect(coords.b[0]).toBeCloseTo(0, 5);
      expect(coords.a[60]).toBeCloseTo(scale, 4);
      expect(coords.b[60]).toBeCloseTo(0, 5);
      // A random direction is not in it.
      const off = pathInPlane(r.normals(p), plane);
      expect(off.offPlane[0]).toBeGreaterThan(1);
      // No plane while the bend sits on the segment's line.
      expect(curvePlane(a, midpoint(a, c), c)).toBeNull();
    },
  );
});

describe.each(NODE_BACKENDS)('curve training (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const built: Problem[] = [];
  afterAll(() => built.forEach((p) => p.dispose()));

  it.each(['bezier', 'chain'] as const)(
    'the %s curve loss and its gradient in w₁ equal the float64 closed form on the ring',
    async (type: CurveType) => {
      const problem = new RingProblem();
      const w1 = [0.3, 0.7];
      const ts = [0.1, 0.35, 0.5, 0.62, 0.9];
      const { value, grad } = tf.tidy(() => {
        const ends = { w0: tf.tensor2d(W0, [1, 2]), w2: tf.tensor2d(W2, [1, 2]) };
        const rows = tf.tensor2d(coefficientRows(type, ts), [ts.length, 3]);
        return tf.valueAndGrad((w: tf.Tensor) => curveLoss(problem, ends, w as Tensor2D, rows))(
          tf.tensor2d(w1, [1, 2]),
        );
      });
      const [l, g] = await Promise.all([value.data(), grad.data()]);
      tf.dispose([value, grad]);
      // (1/K) Σ f(φ(t_k)) and (1/K) Σ c₁(t_k) ∇f(φ(t_k)).
      let f = 0;
      let gx = 0;
      let gy = 0;
      for (const t of ts) {
        const [c0, c1, c2] = curveCoefficients(type, t);
        const x = c0 * W0[0]! + c1 * w1[0]! + c2 * W2[0]!;
        const y = c0 * W0[1]! + c1 * w1[1]! + c2 * W2[1]!;
        const r = ring(x, y);
        f += r.f / ts.length;
        gx += (c1 * r.gx) / ts.length;
        gy += (c1 * r.gy) / ts.length;
      }
      expect(l[0]).toBeCloseTo(f, 5);
      expect(g[0]).toBeCloseTo(gx, 5);
      expect(g[1]).toBeCloseTo(gy, 5);
      expect(Math.abs(gy)).toBeGreaterThan(0.01);
    },
  );

  it.each(['bezier', 'chain'] as const)(
    'the %s curve-loss gradient in w₁ of an MLP equals central finite differences',
    async (type: CurveType) => {
      const data = generateDataset({
        kind: 'spiral',
        points: 40,
        noise: 0.05,
        testFraction: 0.25,
        margin: 0,
        seed: 11,
      });
      const problem = new MlpProblem({ hidden: [5, 4], activation: 'tanh', loss: 'bce' }, data);
      built.push(problem);
      const p = problem.layout.size;
      const w0 = problem.init(new Rng(1));
      const w1 = problem.init(new Rng(2));
      const w2 = problem.init(new Rng(3));
      const ts = [0.2, 0.45, 0.55, 0.8];
      const k = ts.length;
      const coefficients = coefficientRows(type, ts);
      const grad = tf.tidy(() => {
        const ends = { w0: tf.tensor2d(w0, [1, p]), w2: tf.tensor2d(w2, [1, p]) };
        const rows = tf.tensor2d(coefficients, [k, 3]);
        return tf.grad((w: tf.Tensor) => curveLoss(problem, ends, w as Tensor2D, rows))(
          tf.tensor2d(w1, [1, p]),
        );
      });
      const autodiff = Float64Array.from(await grad.data());
      grad.dispose();
      // The curve loss at w₁ ± h eᵢ, ± 2h eᵢ for every i: 4·P·K points in one batch.
      const h = 2 ** -7;
      const offsets = [h, -h, 2 * h, -2 * h];
      const base = curvePoints(type, w0, w1, w2, ts);
      const rows = new Float32Array(4 * p * k * p);
      const actual = new Float64Array(4 * p);
      for (let i = 0; i < p; i++) {
        offsets.forEach((o, j) => {
          const bent = Float32Array.from(w1);
          bent[i] = w1[i]! + o;
          actual[4 * i + j] = bent[i]! - w1[i]!;
          rows.set(curvePoints(type, w0, bent, w2, ts), (4 * i + j) * k * p);
        });
      }
      const losses = tf.tidy(() => meanLoss(problem, tf.tensor2d(rows, [4 * p * k, p]), 'train'));
      const l = Float64Array.from(await losses.data());
      losses.dispose();
      const curve = (r: number) => {
        let s = 0;
        for (let q = 0; q < k; q++) s += l[r * k + q]!;
        return s / k;
      };
      let scale = 1e-3;
      autodiff.forEach((v) => (scale = Math.max(scale, Math.abs(v))));
      for (let i = 0; i < p; i++) {
        const d1 = (curve(4 * i) - curve(4 * i + 1)) / (actual[4 * i]! - actual[4 * i + 1]!);
        const d2 =
          (curve(4 * i + 2) - curve(4 * i + 3)) / (actual[4 * i + 2]! - actual[4 * i + 3]!);
        const fd = (4 * d1 - d2) / 3;
        expect(Math.abs(autodiff[i]! - fd), `component ${i}`).toBeLessThanOrEqual(1e-3 * scale);
      }
      expect(base.length).toBe(k * p);
    },
  );

  it.each([
    ['bezier', 0.02],
    ['chain', 0.1],
  ] as const)(
    'on the ring (barrier 1 on the segment) the trained %s stays in the valley: max loss < %s',
    async (type, bound) => {
      const problem = new RingProblem();
      const ts = pathTs();
      const segment = await evaluatePath(
        problem,
        curvePoints('bezier', W0, midpoint(W0, W2), W2, ts),
      );
      // f = (x² − 1)² on y = 0: 1 at x = 0 (t = ½), 0 at the ends.
      expect(Math.max(...segment.trainLoss)).toBeCloseTo(1, 5);
      expect(barrierHeight(segment.trainLoss)).toBeCloseTo(1, 5);
      expect(segment.testLoss).toBeNull();
      const reports = await collect({
        problem,
        type,
        w0: W0,
        w2: W2,
        hyper: hyper('adam', 0.05),
        steps: 300,
        samples: 8,
        seed: 4,
        reportEvery: 100,
      });
      expect(reports.map((r) => r.step)).toEqual([0, 100, 200, 300]);
      expect(reports[0]!.losses.length).toBe(0);
      expect(reports[1]!.losses.length).toBe(100);
      const w1 = reports.at(-1)!.w1;
      const curve = await evaluatePath(problem, curvePoints(type, W0, w1, W2, ts));
      const max = Math.max(...curve.trainLoss);
      console.log(
        `[curves] ring ${type}: bend (${w1[0]!.toFixed(3)}, ${w1[1]!.toFixed(3)}), max loss along the curve ${max.toFixed(4)} vs 1 on the segment; sampled loss ${reports[1]!.losses[0]!.toFixed(3)} → ${reports.at(-1)!.losses.at(-1)!.toFixed(4)}`,
      );
      expect(max).toBeLessThan(bound);
      expect(barrierHeight(curve.trainLoss)).toBeLessThan(bound);
      // It bent towards the shorter, upper arc (y > 0), symmetric in x.
      expect(w1[1]!).toBeGreaterThan(0.3);
      expect(Math.abs(w1[0]!)).toBeLessThan(0.1);
    },
  );

  it('the same seed gives the same bend; another seed draws other t', async () => {
    const problem = new RingProblem();
    const run = (seed: number) =>
      collect({
        problem,
        type: 'bezier',
        w0: W0,
        w2: W2,
        hyper: hyper('sgd', 0.01),
        steps: 5,
        samples: 3,
        seed,
        reportEvery: 5,
      });
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
    expect(Array.from(a.at(-1)!.w1)).toEqual(Array.from(b.at(-1)!.w1));
    expect(Array.from(a.at(-1)!.w1)).not.toEqual(Array.from(c.at(-1)!.w1));
  });

  it('one SGD step moves w₁ by −η·(1/K)Σ c₁(t_k)∇f(φ(t_k)) at the drawn t', async () => {
    const problem = new RingProblem();
    const reports = await collect({
      problem,
      type: 'chain',
      w0: W0,
      w2: W2,
      w1: Float32Array.from([0.2, 0.4]),
      hyper: hyper('sgd', 0.1),
      steps: 1,
      samples: 4,
      seed: 9,
      reportEvery: 1,
    });
    const { stratifiedTs } = await import('./train');
    const ts = stratifiedTs(Rng.derive(9, 'curve-t'), 4);
    ts.forEach((t, k) => {
      expect(t).toBeGreaterThanOrEqual(k / 4);
      expect(t).toBeLessThanOrEqual((k + 1) / 4);
    });
    let gx = 0;
    let gy = 0;
    let f = 0;
    for (const t of ts) {
      const [c0, c1, c2] = curveCoefficients('chain', t);
      const r = ring(c0 * -1 + c1 * 0.2 + c2 * 1, c1 * 0.4);
      f += r.f / 4;
      gx += (c1 * r.gx) / 4;
      gy += (c1 * r.gy) / 4;
    }
    expect(reports[1]!.losses[0]).toBeCloseTo(f, 5);
    expect(reports[1]!.w1[0]).toBeCloseTo(0.2 - 0.1 * gx, 5);
    expect(reports[1]!.w1[1]).toBeCloseTo(0.4 - 0.1 * gy, 5);
  });

  it('leaves no tensors behind after repeated trainings and path evaluations', async () => {
    const problem = new RingProblem();
    const options: CurveTrainingOptions = {
      problem,
      type: 'bezier',
      w0: W0,
      w2: W2,
      hyper: hyper('adam', 0.05),
      steps: 20,
      samples: 4,
      seed: 1,
      reportEvery: 7,
    };
    await collect(options);
    await evaluatePath(problem, curvePoints('bezier', W0, midpoint(W0, W2), W2, pathTs()));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await collect({ ...options, type: i % 2 ? 'chain' : 'bezier' });
      await evaluatePath(problem, curvePoints('chain', W0, W0, W2, pathTs()));
      // Leaving early (break) frees everything too.
      for await (const s of trainCurve(options)) if (s.step >= 7) break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within one update of the signal, freeing its tensors', async () => {
    const problem = new RingProblem();
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    const steps: number[] = [];
    for await (const s of trainCurve({
      problem,
      type: 'bezier',
      w0: W0,
      w2: W2,
      hyper: hyper('adam', 0.05),
      steps: 1000,
      samples: 4,
      seed: 1,
      reportEvery: 1,
      signal: abort.signal,
    })) {
      steps.push(s.step);
      if (s.step === 5) abort.abort();
    }
    expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
