import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import type { ExperimentInput } from '../../config/schema';
import { tf } from '../tf';
import { rowRelativeDifference, trainWith } from '../../../tests/unit/train-engines';

/**
 * Softmax cross-entropy training on three spiral arms: the host path (hand-derived gradient and
 * update loops) against the tensor program (tf.grad), and that training does classify.
 */
const THREE_ARMS: ExperimentInput = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [12, 8], activation: 'tanh' },
  data: { kind: 'spiral3', points: 90, noise: 0.03, testFraction: 0.2 },
  runs: [
    { optimizer: 'sgd', lr: 0.3, batchSize: 16 },
    { optimizer: 'momentum', lr: 0.1 },
    { optimizer: 'adam', lr: 0.02 },
    { optimizer: 'adamw', lr: 0.02, weightDecay: 0.01, batchSize: 24 },
  ],
  steps: 40,
  recordEvery: 10,
};

describe.each(NODE_BACKENDS)('multi-class training (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it.each([
    ['mlp 2-12-8-3', THREE_ARMS],
    ['multinomial logistic 2-3', { ...THREE_ARMS, problem: { kind: 'logistic' } }],
  ] as const)('%s: host path = tensor program step by step', async (_label, input) => {
    const before = tf.memory().numTensors;
    const host = await trainWith(input as ExperimentInput, 'host');
    expect(tf.memory().numTensors).toBe(before);
    const tensor = await trainWith(input as ExperimentInput, 'tensor');
    expect(tf.memory().numTensors).toBe(before);
    expect(host.map((s) => s.step)).toEqual([0, 10, 20, 30, 40]);
    const k = host[0]!.trainLoss.length;
    const p = host[0]!.theta.length / k;
    // P = 2·12 + 12 + 12·8 + 8 + 8·3 + 3 = 167 for the MLP, 3·3 = 9 for logistic regression.
    expect(p).toBe(input.problem?.kind === 'logistic' ? 9 : 167);
    host.forEach((s, i) => {
      const t = tensor[i]!;
      for (let r = 0; r < k; r++) {
        expect(
          rowRelativeDifference(s.theta, t.theta, r, p),
          `run ${r} at step ${s.step}`,
        ).toBeLessThan(2e-5);
        expect(Math.abs(s.trainLoss[r]! - t.trainLoss[r]!)).toBeLessThanOrEqual(
          1e-5 * (1 + t.trainLoss[r]!),
        );
        expect(s.trainAccuracy![r]).toBe(t.trainAccuracy![r]);
      }
    });
    // Step 0 is θ₀ of the default initialisation; the loss falls from near log 3 for every run.
    for (let r = 0; r < k; r++) {
      expect(Math.abs(host[0]!.trainLoss[r]! - Math.log(3))).toBeLessThan(0.35);
      expect(host[4]!.trainLoss[r]!).toBeLessThan(host[0]!.trainLoss[r]!);
    }
  });
});
