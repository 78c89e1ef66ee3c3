import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import type { ExperimentInput } from '../../config/schema';
import { tf } from '../tf';
import { rowRelativeDifference, trainWith } from '../../../tests/unit/train-engines';

/**
 * The host path (hand-derived MLP gradient, update loops over host arrays) against the tensor
 * program (tf.grad, `applyUpdate`): every optimiser, mini-batches, a schedule, weight decay (L2
 * and decoupled), SAM, and runs that diverge at different steps.
 */
const RACE: ExperimentInput = {
  seed: 5,
  problem: { kind: 'mlp', hidden: [8, 6], activation: 'tanh' },
  data: { kind: 'spiral', points: 64, noise: 0.05, testFraction: 0.25 },
  runs: [
    { optimizer: 'sgd', lr: 0.2, batchSize: 16 },
    { optimizer: 'momentum', lr: 0.05, weightDecay: 0.001 },
    { optimizer: 'nesterov', lr: 0.05, batchSize: 12 },
    { optimizer: 'adagrad', lr: 0.05 },
    { optimizer: 'rmsprop', lr: 0.005, batchSize: 20 },
    { optimizer: 'adam', lr: 0.01, batchSize: 7, schedule: { kind: 'cosine', warmupSteps: 5 } },
    { optimizer: 'adamw', lr: 0.01, weightDecay: 0.05 },
    { optimizer: 'nadam', lr: 0.01, batchSize: 16, sam: { rho: 0.05 } },
    { optimizer: 'sgd', lr: 1e3 },
  ],
  steps: 30,
  recordEvery: 10,
};

describe.each(NODE_BACKENDS)('host training path (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it.each(['tanh', 'relu', 'sigmoid'] as const)(
    '%s: equals the tensor program run by run, step by step, divergence flags included',
    async (activation) => {
      const input = { ...RACE, problem: { ...RACE.problem, activation } } as ExperimentInput;
      const before = tf.memory().numTensors;
      const host = await trainWith(input, 'host');
      expect(tf.memory().numTensors).toBe(before);
      const tensor = await trainWith(input, 'tensor');
      expect(host.map((s) => s.step)).toEqual(tensor.map((s) => s.step));
      const k = host[0]!.trainLoss.length;
      const p = host[0]!.theta.length / k;
      host.forEach((s, i) => {
        const t = tensor[i]!;
        expect(Array.from(s.divergedAt), `divergedAt at step ${s.step}`).toEqual(
          Array.from(t.divergedAt),
        );
        for (let r = 0; r < k; r++) {
          // Float32 rounding differs between the paths: compare relative to the row's scale
          // (a diverged run is frozen at a θ with entries of order 10³).
          expect(
            rowRelativeDifference(s.theta, t.theta, r, p),
            `run ${r} at step ${s.step}`,
          ).toBeLessThan(2e-5);
          const loss = t.trainLoss[r]!;
          if (Number.isFinite(loss))
            expect(Math.abs(s.trainLoss[r]! - loss), `loss of run ${r}`).toBeLessThanOrEqual(
              1e-5 * (1 + Math.abs(loss)),
            );
        }
      });
      // The diverging runs did diverge, the others did not.
      const last = host[host.length - 1]!;
      expect(last.divergedAt[8]).toBeGreaterThan(0);
      for (let r = 0; r < 8; r++) expect(last.divergedAt[r]).toBe(-1);
    },
  );

  it("refuses engine 'host' for a problem without a host gradient", async () => {
    const input: ExperimentInput = {
      seed: 1,
      problem: { kind: 'surface', surface: 'rosenbrock' },
      runs: [{ optimizer: 'sgd' }],
      steps: 2,
      recordEvery: 1,
    };
    await expect(trainWith(input, 'host')).rejects.toThrow(/host gradient/);
  });
});
