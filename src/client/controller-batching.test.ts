/**
 * The controller's batches of snapshot frames (./frame-batcher.ts) with a hand-driven clock: the
 * store after the batches equals the store of a controller that applied every frame as it came;
 * one store update per batch; any other message of the worker applies the queued frames first.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrame } from '../protocol/frames';
import type { AppStore } from '../state/store';
import {
  landscapeFrame,
  sessionInfo,
  snapshotFrame,
  startedController,
} from './controller.fixture';
import { manualClock } from './manual-clock';

/** One step's frame: the runs at (step, step / 2) and (−step, 0), run 1 diverged at `diverged`. */
function snapshot(step: number, planeId: number, diverged = -1): SnapshotFrame {
  const f = (...v: number[]) => Float32Array.from(v);
  return snapshotFrame(step, planeId, {
    recording: { kept: step, limit: 2048, thinnedBefore: null },
    trainLoss: f(1 / (step + 1), 2 / (step + 1)),
    testLoss: f(1 / (step + 2), 2 / (step + 2)),
    divergedAt: Int32Array.from([-1, diverged]),
    a: f(step, -step),
    b: f(step / 2, 0),
  });
}

/** A 3 × 3 landscape of plane `planeId` whose paths hold `steps` (at a = step). */
const landscape = (planeId: number, steps: number[]) =>
  landscapeFrame({
    planeId,
    pathSteps: steps,
    axis: [-1, 0, 1],
    pathA: (step) => step,
    axisLabels: ['PC1', 'PC2'],
  });

/** The store's data as plain numbers. */
function picture(store: AppStore) {
  const { session, trajectories } = store.getState();
  return {
    step: session!.step,
    playing: session!.playing,
    history: session!.history,
    divergedAt: session!.divergedAt,
    paths: trajectories.map((t) => ({
      length: t.length,
      diverged: t.diverged,
      a: Array.from(t.a.subarray(0, t.length)),
      b: Array.from(t.b.subarray(0, t.length)),
    })),
  };
}

async function started(clock?: ReturnType<typeof manualClock>) {
  const { store, controller: c, listener } = await startedController({}, clock?.clock);
  const l = listener();
  l.session(sessionInfo());
  l.landscape(landscape(1, [0]));
  return { store, c, l };
}

describe('SessionController, batched snapshot frames', () => {
  it('ends with the store that applying every frame at once gave, with one update per batch', async () => {
    const direct = await started();
    const clock = manualClock();
    const batched = await started(clock);
    let updates = 0;
    batched.store.subscribe(() => updates++);
    const acks: Promise<void>[] = [];
    // 600 frames (past the paths' preallocated 256 points), 5 per animation frame, 16 ms apart;
    // run 1 diverges at step 400; from step 500 the frames are on a plane not on screen.
    for (let step = 1; step <= 600; step++) {
      const frame = () => snapshot(step, step < 500 ? 1 : 2, step >= 400 ? 400 : -1);
      direct.l.snapshot(frame());
      const ack = batched.l.snapshot(frame());
      if (ack) acks.push(ack);
      if (step % 5 === 0) {
        clock.advance(16);
        clock.frame();
      }
    }
    clock.advance(100);
    clock.frame();
    await Promise.all(acks);
    expect(acks).toHaveLength(600);
    // At most one batch per 66 ms: 600 frames over 1.92 s of animation frames.
    expect(updates).toBeLessThanOrEqual(Math.ceil((120 * 16) / 66) + 1);
    expect(updates).toBeGreaterThanOrEqual(20);
    expect(picture(batched.store)).toEqual(picture(direct.store));
    expect(picture(batched.store).paths[0]!.length).toBe(1 + 499);
    expect(picture(batched.store).history.steps).toHaveLength(600);
  });

  it('applies the queued frames before a status (a pause) and before a new landscape', async () => {
    const clock = manualClock();
    const { store, l } = await started(clock);
    l.status({ playing: true, step: 0, finished: false });
    void l.snapshot(snapshot(1, 1));
    void l.snapshot(snapshot(2, 1));
    expect(store.getState().session!.history.steps).toEqual([]);
    // The pause: the frames sent before it are in the store when it says "paused at step 2".
    l.status({ playing: false, step: 2, finished: false });
    expect(picture(store)).toMatchObject({ step: 2, playing: false });
    expect(store.getState().session!.history.steps).toEqual([1, 2]);
    expect(store.getState().trajectories[0]!.length).toBe(3);
    // A frame of plane 1 queued before the landscape of plane 2 is drawn on plane 1's paths
    // (then replaced by the new landscape's), not on plane 2's.
    void l.snapshot(snapshot(3, 1));
    l.landscape(landscape(2, [0, 1, 2, 3]));
    expect(store.getState().session!.history.steps).toEqual([1, 2, 3]);
    expect(store.getState().trajectories[0]!.length).toBe(4);
    // Nothing left for the animation frame.
    clock.frame();
    expect(store.getState().session!.history.steps).toEqual([1, 2, 3]);
  });

  it('flushFrames applies the queue; dispose acknowledges what it drops', async () => {
    const clock = manualClock();
    const { store, c, l } = await started(clock);
    void l.snapshot(snapshot(1, 1));
    c.flushFrames();
    expect(store.getState().session!.history.steps).toEqual([1]);
    let acked = false;
    void l.snapshot(snapshot(2, 1))!.then(() => (acked = true));
    c.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(acked).toBe(true);
    clock.advance(100);
    clock.frame();
    expect(store.getState().session!.history.steps).toEqual([1]);
  });
});
