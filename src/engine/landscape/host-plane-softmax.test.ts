import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset } from '../data/datasets';
import { digitsDataset, loadDigitsImages } from '../data/digits';
import { Rng } from '../math/random';
import { buildProblem, type ProblemSpec } from '../problems/build';
import { MlpProblem } from '../problems/mlp';
import { tf } from '../tf';
import { randomPlaneDirections } from './directions';
import { computeLandscape, type LandscapeGrid, type LandscapeRequest } from './grid';
import { hostPlaneApplies } from './host-plane';
import type { LandscapeMetric } from './metrics';
import type { Plane } from './plane';
import { terminateSharedPlaneWorkerPool } from './plane-worker-pool';

/**
 * The host plane program on softmax cross-entropy MLPs (C ≥ 3 logits) against the tensor program
 * (`MlpPlaneEvaluator`), and the pool against one thread.
 *
 * Tolerance of the losses, 2e-6 · (1 + |L|): each logit differs between the programs by the
 * float32 rounding of products of ≤ fanIn + 1 terms (≤ 65 for the digits' first layer, formed as
 * Q_c + aQ₁ + bQ₂ here and as one product there) and by the two tanh approximations (< 3e-7),
 * ~1e-6 relative; ℓ = lse(z) − z_y moves by at most max_c |Δz_c| + |Δz_y| (its gradient in z is
 * p − e_y, of 1-norm ≤ 2), and the tensor program's own float32 log-sum-exp and mean add a few
 * ulps of L. Accuracies count the same argmax comparisons (ties to the first class) and round the
 * mean as the backend's Mean kernel does: equal. Measured: ≤ 8e-7 relative on both backends.
 */
const ALL: LandscapeMetric[] = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'];

const data = (kind: 'spiral3' | 'spiral5', seed: number): Dataset =>
  generateDataset({ kind, points: 90, noise: 0.05, testFraction: 0.25, margin: 0, seed });

function planeFor(problem: MlpProblem, seed: number): Plane {
  const centre = problem.init(new Rng(seed));
  return { centre, ...randomPlaneDirections(centre, problem.layout, new Rng(seed + 1)) };
}

function expectLossesClose(host: Float32Array, tensor: Float32Array, label: string): number {
  let worst = 0;
  for (let k = 0; k < tensor.length; k++) {
    const error = Math.abs(host[k]! - tensor[k]!);
    worst = Math.max(worst, error / (1 + Math.abs(tensor[k]!)));
    expect(error, `${label} at ${k}: ${host[k]} vs ${tensor[k]}`).toBeLessThanOrEqual(
      2e-6 * (1 + Math.abs(tensor[k]!)),
    );
  }
  return worst;
}

describe.each(NODE_BACKENDS)('host plane program, softmax cross-entropy (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const problems: MlpProblem[] = [];
  afterAll(async () => {
    problems.forEach((p) => p.dispose());
    await terminateSharedPlaneWorkerPool();
  });
  const make = (spec: ProblemSpec, dataset: Dataset): MlpProblem => {
    const p = buildProblem(spec, dataset) as MlpProblem;
    problems.push(p);
    return p;
  };
  const grid = (request: Omit<LandscapeRequest, 'aRange' | 'bRange'>): Promise<LandscapeGrid> =>
    computeLandscape({ aRange: [-1.5, 1], bRange: [-1, 2], ...request });

  it.each<[string, ProblemSpec, 'spiral3' | 'spiral5']>([
    ['tanh 2-6-5-3', { kind: 'mlp', hidden: [6, 5], activation: 'tanh' }, 'spiral3'],
    ['relu 2-9-5', { kind: 'mlp', hidden: [9], activation: 'relu' }, 'spiral5'],
    ['sigmoid 2-4-3-3', { kind: 'mlp', hidden: [4, 3], activation: 'sigmoid' }, 'spiral3'],
    ['tanh 2-16-16-3', { kind: 'mlp', hidden: [16, 16], activation: 'tanh' }, 'spiral3'],
    ['multinomial logistic 2-5', { kind: 'logistic' }, 'spiral5'],
  ])(
    '%s: runs on the pool and equals the tensor program (losses to 2e-6, accuracies exactly)',
    async (_label, spec, kind) => {
      const problem = make(spec, data(kind, 6));
      expect(hostPlaneApplies(problem, backend)).toBe(true);
      const plane = planeFor(problem, 3);
      const before = tf.memory().numTensors;
      const host = await grid({ problem, plane, n: 13, metrics: ALL });
      expect(tf.memory().numTensors).toBe(before);
      const tensor = await grid({ problem, plane, n: 13, metrics: ALL, evaluator: 'tensor' });
      expect(host.threads).toBe(2);
      expect(tensor.threads).toBe(1);
      for (const metric of ALL) {
        const h = host.values[metric]!;
        const t = tensor.values[metric]!;
        if (metric.endsWith('Accuracy')) expect(Array.from(h), metric).toEqual(Array.from(t));
        else expectLossesClose(h, t, metric);
      }
      // The grid spans real variation (not one value everywhere).
      const losses = host.values.trainLoss!;
      expect(Math.max(...losses) - Math.min(...losses)).toBeGreaterThan(0.1);
    },
  );

  it('digits 64-32-10 (m = 1,438): equals the tensor program; pool = one thread bit for bit', async () => {
    await loadDigitsImages();
    const digits = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.2, seed: 1 });

    const problem = make({ kind: 'mlp', hidden: [32], activation: 'tanh' }, digits);
    expect(problem.widths).toEqual([64, 32, 10]);
    expect(problem.size.train).toBe(1438);
    const plane = planeFor(problem, 1);
    const host = await grid({ problem, plane, n: 5, metrics: ALL });
    const tensor = await grid({ problem, plane, n: 5, metrics: ALL, evaluator: 'tensor' });
    const one = await grid({ problem, plane, n: 5, metrics: ALL, threads: 1 });
    expect(host.threads).toBe(2);
    for (const metric of ALL) {
      const h = host.values[metric]!;
      expect(Array.from(h), `${metric}: pool vs one thread`).toEqual(
        Array.from(one.values[metric]!),
      );
      if (metric.endsWith('Accuracy'))
        expect(Array.from(h), metric).toEqual(Array.from(tensor.values[metric]!));
      else expectLossesClose(h, tensor.values[metric]!, metric);
    }
  });

  it('gives the same grid bit for bit on the pool and on this thread, for any task size', async () => {
    const problem = make({ kind: 'mlp', hidden: [12, 8], activation: 'tanh' }, data('spiral5', 2));
    const plane = planeFor(problem, 5);
    const one = await grid({ problem, plane, n: 23, metrics: ALL, threads: 1 });
    expect(one.threads).toBe(1);
    for (const chunkSize of [undefined, 7, 529]) {
      const pooled = await grid({ problem, plane, n: 23, metrics: ALL, chunkSize });
      expect(pooled.threads).toBe(2);
      for (const metric of ALL)
        expect(Array.from(pooled.values[metric]!), metric).toEqual(Array.from(one.values[metric]!));
    }
  });

  it('all logits equal: loss log C, and ties go to the first class (as tf.argMax)', async () => {
    const dataset = data('spiral3', 8);
    const problem = make({ kind: 'mlp', hidden: [5], activation: 'tanh' }, dataset);
    const p = problem.layout.size;
    const zero = new Float32Array(p);
    const plane: Plane = { centre: zero, d1: zero, d2: zero };
    const host = await grid({ problem, plane, n: 5, metrics: ALL });
    const tensor = await grid({ problem, plane, n: 5, metrics: ALL, evaluator: 'tensor' });
    const share0 = (y: Float32Array) => y.filter((v) => v === 0).length / y.length;
    for (let k = 0; k < 25; k++) {
      expect(host.values.trainLoss![k]).toBeCloseTo(Math.log(3), 6);
      expect(host.values.trainAccuracy![k]).toBeCloseTo(share0(dataset.yTrain), 6);
      expect(host.values.testAccuracy![k]).toBeCloseTo(share0(dataset.yTest), 6);
    }
    for (const metric of ALL)
      if (metric.endsWith('Accuracy'))
        expect(Array.from(host.values[metric]!), metric).toEqual(
          Array.from(tensor.values[metric]!),
        );
      else expectLossesClose(host.values[metric]!, tensor.values[metric]!, metric);
  });

  it('ties between two classes go to the lower index at every grid point', async () => {
    // Output columns 1 and 2 identical, column 0 far below: z₁ = z₂ > z₀ everywhere; the plane
    // moves the hidden layer only.
    const dataset = data('spiral3', 9);
    const problem = make({ kind: 'mlp', hidden: [6], activation: 'tanh' }, dataset);
    const base = planeFor(problem, 4);
    const [, , w1, b1] = problem.layout.entries;
    const centre = Float32Array.from(base.centre);
    for (let t = 0; t < 6; t++) {
      centre[w1!.offset + t * 3] = 0;
      centre[w1!.offset + t * 3 + 2] = centre[w1!.offset + t * 3 + 1]!;
    }
    centre.set([-100, 0.25, 0.25], b1!.offset);
    const hiddenOnly = (d: Float32Array) => {
      const out = Float32Array.from(d);
      out.fill(0, w1!.offset);
      return out;
    };
    const plane: Plane = { centre, d1: hiddenOnly(base.d1), d2: hiddenOnly(base.d2) };
    const host = await grid({ problem, plane, n: 5, metrics: ALL });
    const tensor = await grid({ problem, plane, n: 5, metrics: ALL, evaluator: 'tensor' });
    const share1 = (y: Float32Array) => y.filter((v) => v === 1).length / y.length;
    for (let k = 0; k < 25; k++) {
      expect(host.values.trainAccuracy![k]).toBeCloseTo(share1(dataset.yTrain), 6);
      expect(host.values.testAccuracy![k]).toBeCloseTo(share1(dataset.yTest), 6);
    }
    for (const metric of ALL)
      if (metric.endsWith('Accuracy'))
        expect(Array.from(host.values[metric]!), metric).toEqual(
          Array.from(tensor.values[metric]!),
        );
      else expectLossesClose(host.values[metric]!, tensor.values[metric]!, metric);
  });
});
