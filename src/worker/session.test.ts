import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { tf } from '../engine/tf';
import type { SessionInfo } from './describe';
import {
  ComputeSession,
  DEFAULT_VIEW,
  type LandscapeFrame,
  type SessionListener,
  type SnapshotFrame,
} from './session';

function recorder() {
  const events = {
    info: [] as SessionInfo[],
    snapshots: [] as SnapshotFrame[],
    landscapes: [] as LandscapeFrame[],
    progress: [] as number[],
    status: [] as { playing: boolean; step: number; finished: boolean }[],
    errors: [] as string[],
  };
  const listener: SessionListener = {
    session: (i) => events.info.push(i),
    snapshot: (s) => events.snapshots.push(s),
    landscape: (l) => events.landscapes.push(l),
    progress: (p) => events.progress.push(p.done),
    status: (s) => events.status.push(s),
    error: (e) => events.errors.push(e),
  };
  return { events, listener };
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const SMALL = {
  seed: 2,
  problem: { kind: 'mlp', hidden: [8, 8], activation: 'tanh' },
  data: { kind: 'spiral', points: 80 },
  runs: [
    { optimizer: 'sgd', lr: 0.3 },
    { optimizer: 'momentum', lr: 0.1 },
    { optimizer: 'adam', lr: 0.02 },
  ],
  steps: 60,
};

describe('ComputeSession', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('shows step 0 on a random plane at θ₀, then races, and switches to PCA when training ends', async () => {
    const before = tf.memory().numTensors;
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 9 });
    expect(events.info[0]!.names).toEqual(['SGD', 'Momentum', 'Adam']);
    expect(events.info[0]!.points!.xTrain.length).toBe(2 * 64);
    const first = events.landscapes[0]!;
    expect(first.directions).toBe('random');
    expect(Array.from(first.a)).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
    expect(first.values.length).toBe(81);
    // All runs start at θ₀, the plane's centre.
    const s0 = events.snapshots[0]!;
    expect(s0.step).toBe(0);
    expect(Array.from(s0.a)).toEqual([0, 0, 0]);
    expect(s0.planeValue[0]).toBeCloseTo(s0.trueValue[0]!, 5);
    expect(first.values[40]).toBeCloseTo(s0.trueValue[0]!, 5);
    expect(s0.boundary!.values.length).toBe(48 * 48);

    session.setSpeed(10);
    session.play();
    await until(() => events.status.some((s) => s.finished));
    expect(events.snapshots.map((s) => s.step)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    await until(() => events.landscapes.length === 2);
    const pca = events.landscapes[1]!;
    expect(pca.directions).toBe('pca');
    expect(pca.explained![0] + pca.explained![1]).toBeLessThanOrEqual(1 + 1e-6);
    expect(pca.axisLabels[0]).toMatch(/^PC1 \(\d+\.\d %\)$/);
    expect(Array.from(pca.steps)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(pca.trajectories).toHaveLength(3);
    // Run 0's final point is the PCA centre.
    expect(pca.trajectories[0]!.a[6]).toBeCloseTo(0, 4);
    // The last frame's losses are the recorded ones.
    expect(pca.trajectories[2]!.trueValue[6]).toBeCloseTo(events.snapshots[6]!.trainLoss[2]!, 5);
    await session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('single-steps and pauses; flags a diverging run while the others go on', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      {
        ...SMALL,
        runs: [
          { optimizer: 'sgd', lr: 0.3 },
          { optimizer: 'sgd', lr: 1000 },
        ],
        steps: 200,
      },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    await session.step(1);
    await session.step(3);
    expect(events.snapshots.map((s) => s.step)).toEqual([0, 1, 4]);
    const last = events.snapshots.at(-1)!;
    expect(last.divergedAt[1]).toBeGreaterThanOrEqual(1);
    expect(last.divergedAt[0]).toBe(-1);
    session.setSpeed(20);
    session.play();
    await until(() => events.snapshots.at(-1)!.step >= 44);
    session.pause();
    const pausedAt = events.snapshots.at(-1)!.step;
    await new Promise((r) => setTimeout(r, 50));
    expect(events.snapshots.at(-1)!.step).toBe(pausedAt);
    expect(pausedAt).toBeLessThan(200);
    expect(events.snapshots.at(-1)!.trainLoss[0]!).toBeLessThan(events.snapshots[0]!.trainLoss[0]!);
    await session.dispose();
  });

  it('uses the exact axes for surfaces and the fitted curve for 1-D regression', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { problem: { kind: 'surface', surface: 'himmelblau' }, steps: 10 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    expect(events.landscapes[0]!.directions).toBe('axes');
    expect(Array.from(events.landscapes[0]!.a)).toEqual([-5, -2.5, 0, 2.5, 5]);
    expect(events.snapshots[0]!.a[0]).toBe(0);
    expect(events.snapshots[0]!.offPlaneRelative[0]).toBe(0);
    await session.configure(
      {
        problem: { kind: 'tanh-regression', units: 3 },
        data: { kind: 'tanh-teacher' },
        runs: [{ optimizer: 'adam', lr: 0.05 }],
        steps: 10,
      },
      { ...DEFAULT_VIEW, n: 5 },
    );
    const curve = events.snapshots.at(-1)!.curve!;
    expect(curve.x.length).toBe(120);
    expect(curve.y.length).toBe(120);
    await session.dispose();
  });

  it('keeps the tensor count flat across repeated landscape recomputations and steps', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 7, directions: 'random' });
    await session.step(5);
    await session.setView({ ...DEFAULT_VIEW, n: 9, directions: 'pca' });
    const baseline = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) {
      await session.step(3);
      await session.setView({
        ...DEFAULT_VIEW,
        n: 7 + 2 * (k % 2),
        directions: k % 2 ? 'pca' : 'random',
      });
      await session.computeLandscape();
    }
    expect(tf.memory().numTensors).toBe(baseline);
    expect(events.landscapes.length).toBeGreaterThanOrEqual(12);
    await session.dispose();
  });

  it('rejects an invalid config with every problem and keeps nothing half-built', async () => {
    const { listener } = recorder();
    const session = new ComputeSession(listener);
    await expect(session.configure({ runs: [{ lr: -1 }] })).rejects.toThrow(
      /runs\[0\]\.lr: must be > 0/,
    );
    expect(session.config).toBeNull();
  });
});
