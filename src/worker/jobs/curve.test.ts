import { beforeAll, describe, expect, it } from 'vitest';
import { silentListener } from '../silent-listener';
import { useNodeBackend } from '../../../tests/unit/backend';
import { DEFAULT_VIEW } from '../../config/view';
import type { ConnectFrame } from '../../protocol/frames';
import { ComputeSession } from '../session';

/** Two runs into two of Himmelblau's minima, (3, 2) and (−2.805, 3.131). */
const CONFIG = {
  problem: { kind: 'surface', surface: 'himmelblau' },
  runs: [
    { optimizer: 'adam', lr: 0.05, theta0: [2, 1] },
    { optimizer: 'adam', lr: 0.05, theta0: [-2, 2] },
  ],
  steps: 300,
  recordEvery: 50,
} as const;

function recorder() {
  const frames: ConnectFrame[] = [];
  const listener = silentListener({ connect: (frame) => void frames.push(frame) });
  return { frames, listener };
}

describe('curve job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('streams the curve while the bend trains, then the result; bad settings in words', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(CONFIG, { ...DEFAULT_VIEW, n: 5 });
    await session.step(300);
    await session.run({ kind: 'curve', spec: { steps: 40, frames: 4, n: 7, type: 'chain' } });
    const running = frames.filter((f) => f.state === 'running');
    // The first frame says it started; then the curve at steps 0, 10, 20, 30.
    expect(running.map((f) => f.done)).toEqual([0, 0, 10, 20, 30]);
    expect(running[0]!.result).toBeUndefined();
    expect(running[1]!.result!.plane).toBeNull();
    expect(running[2]!.result!.plane!.values).toHaveLength(49);
    const done = frames.at(-1)!;
    expect(done).toMatchObject({ state: 'done', done: 40, total: 40 });
    const result = done.result!;
    expect(result.type).toBe('chain');
    expect(result.history).toHaveLength(40);
    // The ends are the runs' newest points: f ≈ 0 there; the segment crosses Himmelblau's ridge.
    expect(result.segment.trainLoss[0]).toBeLessThan(1e-3);
    expect(result.segment.trainLoss[60]).toBeLessThan(1e-3);
    expect(result.segment.barrier).toBeGreaterThan(60);
    expect(result.curve.barrier).toBeLessThan(result.segment.barrier);
    // The same job id on every frame of one job.
    expect(new Set(frames.map((f) => f.jobId)).size).toBe(1);

    await session.run({ kind: 'curve', spec: { runs: [0, 5] } });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: 'connect.runs: refers to run 5, but there are 2 runs',
    });
    await session.run({ kind: 'curve', spec: { runs: [1, 1] } });
    expect(frames.at(-1)!.message).toBe(
      'connect.runs: pick two different runs (a curve joins two end points)',
    );
    await session.run({ kind: 'curve', spec: { samples: 0 } });
    expect(frames.at(-1)!.message).toBe('connect.samples: must be a whole number from 1 to 256');
    await session.dispose();
  }, 60_000);

  it('a newer curve job cancels the running one within an update; no tensors are left', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(CONFIG, { ...DEFAULT_VIEW, n: 5 });
    await session.step(300);
    const { tf } = await import('../../engine/tf');
    await session.run({ kind: 'curve', spec: { steps: 5, n: 5 } });
    const before = tf.memory().numTensors;
    const first = session.run({ kind: 'curve', spec: { steps: 20_000, frames: 1000, n: 5 } });
    // Let the first one start training, then replace it.
    while (!frames.some((f) => f.state === 'running' && f.done > 0 && f.total === 20_000))
      await new Promise((r) => setTimeout(r, 5));
    await Promise.all([first, session.run({ kind: 'curve', spec: { steps: 20, n: 5 } })]);
    const firstId = frames.find((f) => f.total === 20_000)!.jobId;
    const ofFirst = frames.filter((f) => f.jobId === firstId);
    expect(ofFirst.every((f) => f.state === 'running')).toBe(true);
    expect(ofFirst.at(-1)!.done).toBeLessThan(20_000);
    expect(frames.at(-1)).toMatchObject({ state: 'done', total: 20 });
    expect(tf.memory().numTensors).toBe(before);
    await session.dispose();
  }, 60_000);
});
