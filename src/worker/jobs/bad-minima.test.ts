import { beforeAll, describe, expect, it } from 'vitest';
import { silentListener } from '../silent-listener';
import { useNodeBackend } from '../../../tests/unit/backend';
import { DEFAULT_VIEW } from '../../config/view';
import type { BadMinimaFrame } from '../../protocol/frames';
import { ComputeSession } from '../session';

/** XOR, 20 training and 20 test points, one small tanh MLP trained by Adam. */
const CONFIG = {
  seed: 2,
  problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  data: { kind: 'xor', points: 40, noise: 0.05, testFraction: 0.5 },
  runs: [{ optimizer: 'adam', lr: 0.05, name: 'Good' }],
  steps: 60,
  recordEvery: 10,
} as const;

function recorder() {
  const frames: BadMinimaFrame[] = [];
  const listener = silentListener({ badMinima: (frame) => void frames.push(frame) });
  return { frames, listener };
}

describe('bad-minima job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('streams the bad runs’ accuracies while they train, then the result; bad settings in words', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(CONFIG, { ...DEFAULT_VIEW, n: 5 });
    await session.run({ kind: 'bad-minima', spec: { steps: 40 } });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: 'train the good run first: nothing is recorded yet',
    });
    await session.step(60);
    await session.run({
      kind: 'bad-minima',
      spec: {
        rho: 1,
        checkpoints: [0, 1],
        steps: 40,
        checkEvery: 20,
        poisonFit: 1,
        n: 5,
        eigenIterations: 4,
      },
    });
    const ofJob = frames.filter((f) => f.jobId === frames.at(-1)!.jobId);
    const training = ofJob.filter((f) => f.training?.phase === 'training');
    // The start, then a check at updates 0, 20, 40 (poisonFit 1 is not reached in 40 updates).
    expect(ofJob[0]).toMatchObject({ state: 'running', done: 0, total: 40 });
    expect(training.map((f) => f.done)).toEqual([0, 20, 40]);
    for (const f of training) expect(f.training!.cleanAccuracy).toHaveLength(2);
    expect(ofJob.some((f) => f.training?.phase === 'measuring')).toBe(true);
    const done = ofJob.at(-1)!;
    expect(done).toMatchObject({ state: 'done', done: 40, total: 40 });
    const result = done.result!;
    // The good point is the run's newest recorded point; the checkpoints are steps 0 and 60.
    expect(result.good.step).toBe(60);
    expect(result.bad.map((b) => b.startStep)).toEqual([0, 60]);
    expect(result.bad.map((b) => b.steps)).toEqual([40, 40]);
    expect(result.plane!.trainLoss).toHaveLength(25);

    await session.run({ kind: 'bad-minima', spec: { run: 3 } });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: 'badMinima.run: refers to run 3, but there are 1 runs',
    });
    await session.run({ kind: 'bad-minima', spec: { rho: 9 } });
    expect(frames.at(-1)!.message).toBe('badMinima.rho: must be > 0 and ≤ 8');
    await session.dispose();
  }, 60_000);

  it('a newer bad-minima job cancels the running one; no tensors are left', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(CONFIG, { ...DEFAULT_VIEW, n: 5 });
    await session.step(60);
    const { tf } = await import('../../engine/tf');
    const small = { steps: 20, checkEvery: 10, n: 0, eigenIterations: 0 };
    await session.run({ kind: 'bad-minima', spec: small });
    const before = tf.memory().numTensors;
    const first = session.run({
      kind: 'bad-minima',
      spec: { ...small, steps: 100_000, poisonFit: 1 },
    });
    while (!frames.some((f) => f.total === 100_000 && f.done > 0))
      await new Promise((r) => setTimeout(r, 5));
    await Promise.all([first, session.run({ kind: 'bad-minima', spec: small })]);
    const firstId = frames.find((f) => f.total === 100_000)!.jobId;
    const ofFirst = frames.filter((f) => f.jobId === firstId);
    expect(ofFirst.every((f) => f.state === 'running')).toBe(true);
    expect(ofFirst.at(-1)!.done).toBeLessThan(100_000);
    expect(frames.at(-1)).toMatchObject({ state: 'done', total: 20 });
    expect(tf.memory().numTensors).toBe(before);
    await session.dispose();
  }, 60_000);
});
