import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import { tf } from '../engine/tf';
import { buildExperiment } from './build';

describe('buildExperiment', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('resolves torch defaults per optimiser and shares θ₀ across runs', () => {
    const e = buildExperiment(
      parseConfig({
        runs: [
          { optimizer: 'adamw' },
          { optimizer: 'adagrad', batchSize: 1000 },
          { optimizer: 'sgd', initSeed: 9 },
        ],
      }),
    );
    const p = e.problem.layout.size;
    expect(p).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    expect(e.runs[0]).toMatchObject({
      lr: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.01,
    });
    expect(e.runs[1]).toMatchObject({ lr: 0.01, eps: 1e-10, batchSize: 256 });
    expect(e.names).toEqual(['AdamW', 'Adagrad', 'SGD']);
    expect(Array.from(e.theta0.subarray(0, p))).toEqual(Array.from(e.theta0.subarray(p, 2 * p)));
    expect(Array.from(e.theta0.subarray(0, p))).not.toEqual(
      Array.from(e.theta0.subarray(2 * p, 3 * p)),
    );
    e.problem.dispose();
  });

  it('uses an explicit θ₀, and names the field when its length is wrong', () => {
    const before = tf.memory().numTensors;
    const e = buildExperiment(
      parseConfig({ problem: { kind: 'surface', surface: 'beale' }, theta0: [0.5, -1] }),
    );
    expect(Array.from(e.theta0)).toEqual([0.5, -1, 0.5, -1, 0.5, -1]);
    e.problem.dispose();
    let error: unknown;
    try {
      buildExperiment(parseConfig({ runs: [{}, { theta0: [1, 2, 3] }] }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(
      /^runs\[1\]\.theta0: must have P = 337 numbers for this problem, W0\[2,16\] b0\[16\] W1\[16,16\] b1\[16\] W2\[16,1\] b2\[1\] \(P = 337\); got 3$/,
    );
    // A failed build frees the data it uploaded.
    expect(tf.memory().numTensors).toBe(before);
  });
});
