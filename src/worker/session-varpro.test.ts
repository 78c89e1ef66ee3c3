import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { DEFAULT_VIEW } from '../config/view';
import { tf } from '../engine/tf';
import type { LandscapeFailure, LandscapeFrame, SnapshotFrame } from '../protocol/frames';
import { ComputeSession } from './session';
import { silentListener } from './silent-listener';

function recorder() {
  const events = {
    snapshots: [] as SnapshotFrame[],
    landscapes: [] as LandscapeFrame[],
    failures: [] as LandscapeFailure[],
    finished: false,
  };
  const listener = silentListener({
    snapshot: (s) => {
      events.snapshots.push(s);
    },
    landscapeFailed: (f) => events.failures.push(f),
    landscape: (l) => events.landscapes.push(l),
    status: (s) => {
      if (s.finished) events.finished = true;
    },
    error: (e) => {
      throw new Error(e);
    },
  });
  return { events, listener };
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const TANH = {
  seed: 3,
  problem: { kind: 'tanh-regression', units: 4 },
  data: { kind: 'tanh-teacher', points: 40 },
  runs: [
    { optimizer: 'sgd', lr: 0.1 },
    { optimizer: 'adam', lr: 0.05 },
  ],
  steps: 40,
  recordEvery: 4,
};

describe("a session with the view 'varpro'", () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('shows the exact (w, shift) surface, maps the live paths into it and lists the outliers', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    const view = { ...DEFAULT_VIEW, directions: 'varpro' as const, n: 9 };
    await session.configure(TANH, view);
    const first = events.landscapes[0]!;
    expect(first.directions).toBe('varpro');
    expect(first.axisLabels).toEqual(['w', 'shift']);
    expect(first.varpro!.outliers).toHaveLength(5);
    // θ₀: w = 1 for every run (the tanh model's init); run 0's centres are the reference (s = 0).
    expect(first.trajectories[0]!.a[0]).toBe(1);
    expect(first.trajectories[0]!.b[0]).toBe(0);
    expect(first.trajectories[1]!.a[0]).toBe(1);
    // At θ₀ the loss under the point is the exact minimum over α: at most the run's own loss.
    expect(first.trajectories[0]!.planeValue[0]).toBeLessThanOrEqual(
      first.trajectories[0]!.trueValue[0]! + 1e-6,
    );
    session.setSpeed(10);
    session.play();
    await until(() => events.finished);
    await until(() => events.landscapes.length === 2);
    // Live frames on the (w, s) map: K = 2 coordinates per recorded point, all finite, and the
    // height under each point the exact surface value (positive, a mean squared error).
    const live = events.snapshots.filter((s) => s.a.length > 0);
    expect(live.length).toBeGreaterThan(0);
    for (const s of live) {
      expect(s.a.length).toBe(2 * s.steps.length);
      expect(Array.from(s.a).every(Number.isFinite)).toBe(true);
      expect(Array.from(s.planeValue).every((v) => v > 0)).toBe(true);
    }
    const last = events.landscapes[1]!;
    expect(last.directions).toBe('varpro');
    // The reference is now run 0's final centres: its path ends at s = 0.
    expect(last.trajectories[0]!.b.at(-1)).toBe(0);
    expect(last.trajectories[0]!.a.length).toBe(last.steps.length);
    // Recomputing the exact view leaves no tensor behind (it uses none; the true losses do).
    const tensors = tf.memory().numTensors;
    await session.computeLandscape();
    await session.computeLandscape();
    expect(events.landscapes).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(tensors);
    await session.dispose();
  });

  it('is refused in words for a network', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      {
        problem: { kind: 'mlp', hidden: [4] },
        data: { kind: 'moons', points: 40 },
        runs: [{ optimizer: 'sgd' }],
        steps: 4,
      },
      { ...DEFAULT_VIEW, directions: 'varpro', n: 5 },
    );
    expect(events.landscapes).toHaveLength(0);
    expect(events.failures[0]!.message).toContain(
      "directions 'varpro' (the exact (w, shift) landscape) is only for problem 'tanh-regression', not 'mlp'",
    );
    await session.dispose();
  });
});
