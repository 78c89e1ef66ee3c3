/**
 * The bad-minima analysis on C ≥ 3 classes: the decision maps hold the C softmax probabilities of
 * every grid point (checked against a hand-made multinomial θ computed in float64), so their argmax
 * is the predicted class; the per-class test accuracy is each class's recall.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { predictedClasses } from '../ui/panels/class-plot';
import { tf } from '../engine/tf';
import { BOUNDARY_POINTS, experimentBadMinima } from './bad-minima';
import { buildExperiment } from './build';

/** Multinomial logistic regression (P = (2 + 1)·3 = 9) on the 3-arm spiral. */
const SPIRAL3 = parseConfig({
  seed: 3,
  problem: { kind: 'logistic' },
  data: { kind: 'spiral3', points: 60, testFraction: 0.5 },
  runs: [{ optimizer: 'adam', lr: 0.05 }],
  steps: 10,
  badMinima: { checkpoints: [1], steps: 20, checkEvery: 10, n: 0, eigenIterations: 0 },
});

/** W0 [2, 3] row-major then b0 [3]: z_c = x·W[0, c] + y·W[1, c] + b_c. */
const W = [
  [3, 0, -3],
  [0, 3, 0],
];
const B = [0, -0.5, 0.2];
const THETA = Float32Array.from([...W[0]!, ...W[1]!, ...B]);

/** softmax(z(x, y)) in float64. */
function softmax3(x: number, y: number): number[] {
  const z = [0, 1, 2].map((c) => x * W[0]![c]! + y * W[1]![c]! + B[c]!);
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const s = e[0]! + e[1]! + e[2]!;
  return e.map((v) => v / s);
}

describe('bad minima on three classes', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('maps the class probabilities of the hand-made θ, and its per-class test accuracy', async () => {
    const experiment = buildExperiment(SPIRAL3);
    expect(experiment.problem.layout.size).toBe(9);
    const before = tf.memory().numTensors;
    const r = await experimentBadMinima(
      experiment,
      { steps: [0, 10], thetas: [new Float32Array(9), THETA] },
      SPIRAL3.badMinima!,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r.good.theta).toEqual(Array.from(THETA));
    const b = r.boundaries!;
    const n = BOUNDARY_POINTS;
    expect(b.classes).toBe(3);
    expect(b.good).toHaveLength(n * n * 3);
    expect(b.bad).toHaveLength(1);
    expect(b.bad[0]).toHaveLength(n * n * 3);
    const [x0, x1, y0, y1] = b.window;
    const { classIndex } = predictedClasses(b.good, 3);
    const counts = [0, 0, 0];
    let worst = 0;
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const x = x0 + (i * (x1 - x0)) / (n - 1);
        const y = y0 + (j * (y1 - y0)) / (n - 1);
        const p = softmax3(x, y);
        const k = j * n + i;
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(b.good[3 * k + c]! - p[c]!));
        const best = p.indexOf(Math.max(...p));
        const sorted = [...p].sort((u, v) => v - u);
        // The argmax map is the hand-computed class wherever the top two do not (nearly) tie.
        if (sorted[0]! - sorted[1]! > 1e-4) expect(classIndex[k]).toBe(best);
        counts[classIndex[k]!]!++;
      }
    expect(worst).toBeLessThan(1e-5);
    // Every class owns part of the window: x > 0 is class 0, x < 0 class 2, up and centre class 1.
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts[0]! + counts[1]! + counts[2]!).toBe(n * n);

    // Per-class test accuracy of the good θ, by hand from the test points.
    const data = experiment.dataset!;
    const right = [0, 0, 0];
    const total = [0, 0, 0];
    for (let i = 0; i < data.yTest.length; i++) {
      const p = softmax3(data.xTest[2 * i]!, data.xTest[2 * i + 1]!);
      const y = data.yTest[i]!;
      total[y]!++;
      if (p.indexOf(Math.max(...p)) === y) right[y]!++;
    }
    const expected = right.map((c, k) => c / total[k]!);
    r.classAccuracy!.good.forEach((a, c) => expect(a).toBeCloseTo(expected[c]!, 10));
    expect(r.classAccuracy!.bad).toHaveLength(1);
    expect(r.classAccuracy!.bad[0]).toHaveLength(3);
    // Recall weighted by class counts is the overall accuracy.
    const overall = expected.reduce((s, a, c) => s + a * total[c]!, 0) / data.yTest.length;
    expect(r.good.testAccuracy).toBeCloseTo(overall, 6);
    console.log('per-class test accuracy (good):', expected, 'worst |p − p_hand|:', worst);
    experiment.problem.dispose();
  });
});
