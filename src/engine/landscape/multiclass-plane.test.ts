import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset } from '../data/datasets';
import { buildProblem, type ProblemSpec } from '../problems/build';
import type { MlpProblem } from '../problems/mlp';
import { tf, type Tensor2D } from '../tf';
import { computeLandscape } from './grid';
import { planeFor, repeatSmallGrids } from './grid.fixture';
import { planePoints } from './projection';

const data = (kind: 'spiral3' | 'spiral5' | 'spiral', seed: number): Dataset =>
  generateDataset({ kind, points: 60, noise: 0.05, testFraction: 0.25, margin: 0, seed });

/**
 * Softmax cross-entropy and argmax accuracy (binary: BCE and the logit's sign) at one θ, in float64 on the host from the problem's
 * own logits (an independent reference for both evaluators' loss and accuracy reductions).
 */
function reference(problem: MlpProblem, theta: Float32Array, split: 'train' | 'test') {
  const c = problem.classes;
  const z = tf.tidy(() =>
    problem.outputs(tf.tensor2d(theta, [1, theta.length]) as Tensor2D, split).dataSync(),
  );
  const y = problem.data.y[split].dataSync();
  let loss = 0;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    if (problem.outputsPerExample === 1) {
      // Binary: ℓ = softplus(z) − yz, right when [z > 0] = y.
      const zi = z[i]!;
      loss += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - y[i]! * zi;
      if ((zi > 0 ? 1 : 0) === y[i]) right++;
      continue;
    }
    const row = Array.from(z.subarray(i * c, (i + 1) * c));
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    loss += lse - row[y[i]!]!;
    if (row.indexOf(max) === y[i]) right++;
  }
  return { loss: loss / y.length, accuracy: right / y.length };
}

describe.each(NODE_BACKENDS)('multi-class landscapes (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const built: MlpProblem[] = [];
  afterAll(() => built.forEach((p) => p.dispose()));

  it.each([
    ['mlp tanh 2-6-5-3', { kind: 'mlp', hidden: [6, 5], activation: 'tanh' }, 'spiral3'],
    ['mlp relu 2-7-5', { kind: 'mlp', hidden: [7], activation: 'relu' }, 'spiral5'],
    ['mlp sigmoid 2-4-3-3', { kind: 'mlp', hidden: [4, 3], activation: 'sigmoid' }, 'spiral3'],
    ['multinomial logistic 2-5', { kind: 'logistic' }, 'spiral5'],
    [
      'binary mlp with a hidden width of 1 (2-4-1-1)',
      { kind: 'mlp', hidden: [4, 1], activation: 'tanh' },
      'spiral',
    ],
  ] as [string, ProblemSpec, 'spiral3' | 'spiral5' | 'spiral'][])(
    '%s: fast plane evaluator = generic = float64 reference, loss and accuracy on a 5×5 grid',
    async (_label, spec, kind) => {
      const problem = buildProblem(spec, data(kind, 4)) as MlpProblem;
      built.push(problem);
      const plane = planeFor(problem, 9);
      const metrics = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
      const request = {
        problem,
        plane,
        n: 5,
        aRange: [-2, 2] as [number, number],
        bRange: [-1.5, 2.5] as [number, number],
        metrics,
      };
      const fast = await computeLandscape(request);
      const generic = await computeLandscape({ ...request, evaluator: 'generic' });
      for (let j = 0; j < 5; j++)
        for (let i = 0; i < 5; i++) {
          const at = j * 5 + i;
          const theta = planePoints(plane, [fast.a[i]!], [fast.b[j]!]);
          for (const split of ['train', 'test'] as const) {
            const want = reference(problem, theta, split);
            for (const grid of [fast, generic]) {
              const loss = grid.values[`${split}Loss`]![at]!;
              expect(Math.abs(loss - want.loss), `${split} loss at ${at}`).toBeLessThan(
                2e-5 * (1 + want.loss),
              );
            }
            // Accuracy counts argmaxes: identical between the evaluators, and equal to the
            // reference unless a float32 near-tie flips one example (1/m).
            expect(fast.values[`${split}Accuracy`]![at]).toBe(
              generic.values[`${split}Accuracy`]![at],
            );
            expect(
              Math.abs(fast.values[`${split}Accuracy`]![at]! - want.accuracy),
            ).toBeLessThanOrEqual(1 / problem.size[split] + 1e-6);
          }
        }
    },
  );

  it('leaks no tensors over repeated multi-class grids', async () => {
    const problem = buildProblem(
      { kind: 'mlp', hidden: [5], activation: 'tanh' },
      data('spiral3', 2),
    ) as MlpProblem;
    built.push(problem);
    const plane = planeFor(problem, 3);
    const before = tf.memory().numTensors;
    await repeatSmallGrids(problem, plane, 6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
