import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../app/defaults';
import { DEFAULT_VIEW } from '../config/view';
import type { SnapshotFrame } from '../protocol/frames';
import { initialSession } from '../state/session';
import { createAppStore, type AppStore } from '../state/store';
import type { TrajectoryView } from '../state/view-types';
import { applySnapshots, emptyHistory, emptySharpness, type PlaneCursor } from './apply-snapshots';

const K = 2;

/** A store with a session of K runs and K empty paths of capacity `capacity`. */
function storeWithRuns(capacity = 4): AppStore {
  const store = createAppStore();
  const trajectories: TrajectoryView[] = Array.from({ length: K }, (_, k) => ({
    name: `run ${k}`,
    color: '#888',
    a: new Float32Array(capacity),
    b: new Float32Array(capacity),
    trueLoss: new Float32Array(capacity),
    planeLoss: new Float32Array(capacity),
    offPlane: new Float32Array(capacity),
    length: 0,
    diverged: false,
  }));
  store.setState({
    session: {
      ...initialSession(DEFAULT_CONFIG, DEFAULT_VIEW),
      history: emptyHistory(K),
      sharpness: emptySharpness(K),
      divergedAt: [-1, -1],
    },
    trajectories,
  });
  return store;
}

interface FrameSpec {
  steps: number[];
  replace: boolean;
  planeId: number;
  sharpness: boolean;
  boundary: boolean;
  diverged: boolean;
}

/** A frame whose values encode (step, run, field), so every number can be traced back. */
function frameOf(spec: FrameSpec): SnapshotFrame {
  const t = spec.steps.length;
  const per = (field: number) =>
    Float32Array.from(
      { length: t * K },
      (_, i) => spec.steps[Math.floor(i / K)]! + (i % K) / 10 + field / 100,
    );
  const newest = spec.steps.at(-1) ?? 0;
  return {
    step: newest,
    replace: spec.replace,
    planeId: spec.planeId,
    steps: Int32Array.from(spec.steps),
    trainLoss: per(1),
    testLoss: per(2),
    gradNorm: new Float32Array(K),
    divergedAt: Int32Array.from(spec.diverged ? [newest, -1] : [-1, -1]),
    a: per(3),
    b: per(4),
    trueValue: per(5),
    planeValue: per(6),
    offPlaneRelative: per(7),
    recording: { kept: newest, limit: 2048, thinnedBefore: null },
    ...(spec.sharpness && {
      sharpness: { steps: Int32Array.from([newest]), values: Float32Array.from([newest, -newest]) },
    }),
    ...(spec.boundary && {
      boundary: { run: 0, n: 1, window: [0, 1, 0, 1], values: Float32Array.from([newest]) },
    }),
  };
}

/** The store's data as plain numbers (paths cut to their length). */
function picture(store: AppStore) {
  const { session, trajectories } = store.getState();
  return {
    step: session!.step,
    history: session!.history,
    sharpness: session!.sharpness,
    divergedAt: session!.divergedAt,
    boundary: session!.boundary ? Array.from(session!.boundary.values) : null,
    recording: session!.recording,
    paths: trajectories.map((t) => ({
      length: t.length,
      diverged: t.diverged,
      a: Array.from(t.a.subarray(0, t.length)),
      b: Array.from(t.b.subarray(0, t.length)),
      trueLoss: Array.from(t.trueLoss.subarray(0, t.length)),
      planeLoss: Array.from(t.planeLoss.subarray(0, t.length)),
      offPlane: Array.from(t.offPlane.subarray(0, t.length)),
    })),
  };
}

const spec = (steps: number[], extra: Partial<FrameSpec> = {}): FrameSpec => ({
  steps,
  replace: false,
  planeId: 0,
  sharpness: false,
  boundary: false,
  diverged: false,
  ...extra,
});

describe('applySnapshots', () => {
  it('appends every point of every frame, in order, with one store update', () => {
    const store = storeWithRuns(2);
    const cursor: PlaneCursor = { planeId: 0, lastPlaneStep: 0 };
    let updates = 0;
    store.subscribe(() => updates++);
    const versions = store.getState().trajectoryVersion;
    applySnapshots(
      store,
      [
        frameOf(spec([1, 2], { sharpness: true })),
        frameOf(spec([3], { boundary: true })),
        frameOf(spec([4], { planeId: 7 })),
      ],
      cursor,
    );
    expect(updates).toBe(1);
    expect(store.getState().trajectoryVersion).toBe(versions + 1);
    const p = picture(store);
    expect(p.step).toBe(4);
    expect(p.history.steps).toEqual([1, 2, 3, 4]);
    const f = Math.fround;
    expect(p.history.trainLoss).toEqual([
      [f(1.01), f(2.01), f(3.01), f(4.01)],
      [f(1.11), f(2.11), f(3.11), f(4.11)],
    ]);
    expect(p.history.testLoss[1]).toEqual([f(1.12), f(2.12), f(3.12), f(4.12)]);
    expect(p.sharpness).toEqual({ steps: [2], values: [[2], [-2]] });
    expect(p.boundary).toEqual([3]);
    expect(p.recording).toEqual({ kept: 4, limit: 2048, thinnedBefore: null });
    // The paths: points of plane 0 only (the last frame is on another plane), grown from 2.
    expect(p.paths[0]!.a).toEqual([f(1.03), f(2.03), f(3.03)]);
    expect(p.paths[1]!.offPlane).toEqual([f(1.17), f(2.17), f(3.17)]);
    expect(cursor.lastPlaneStep).toBe(3);
  });

  it('skips points the plane came with, and starts over on a replacing frame', () => {
    const store = storeWithRuns();
    const cursor: PlaneCursor = { planeId: 0, lastPlaneStep: 2 };
    applySnapshots(
      store,
      [frameOf(spec([1, 2, 3])), frameOf(spec([5, 6], { replace: true }))],
      cursor,
    );
    const p = picture(store);
    expect(p.history.steps).toEqual([5, 6]);
    expect(p.paths[0]!.a).toEqual([Math.fround(5.03), Math.fround(6.03)]);
    expect(cursor.lastPlaneStep).toBe(6);
  });

  it('keeps the divergence array while nothing diverges, and the paths list while nothing grows', () => {
    const store = storeWithRuns(16);
    const before = store.getState();
    applySnapshots(store, [frameOf(spec([1])), frameOf(spec([2]))], {
      planeId: 0,
      lastPlaneStep: -1,
    });
    const after = store.getState();
    expect(after.session!.divergedAt).toBe(before.session!.divergedAt);
    expect(after.trajectories).toBe(before.trajectories);
    expect(after.session!.sharpness).toBe(before.session!.sharpness);
    applySnapshots(store, [frameOf(spec([3], { diverged: true }))], {
      planeId: 0,
      lastPlaneStep: 2,
    });
    expect(store.getState().session!.divergedAt).toEqual([3, -1]);
    expect(store.getState().trajectories[0]!.diverged).toBe(true);
  });

  it('equals applying the frames one by one, for any sequence of frames (property)', () => {
    const frameSpec = fc.record({
      count: fc.integer({ min: 0, max: 4 }),
      replace: fc.boolean(),
      planeId: fc.constantFrom(0, 0, 0, 1),
      sharpness: fc.boolean(),
      boundary: fc.boolean(),
      diverged: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(frameSpec, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -1, max: 3 }),
        (specs, batchSize, lastPlaneStep) => {
          let step = 0;
          const frames = specs.map((s) => {
            if (s.replace) step = 0;
            const steps = Array.from({ length: s.count }, () => ++step);
            return frameOf({ ...s, steps });
          });
          const oneByOne = storeWithRuns(2);
          const batched = storeWithRuns(2);
          const c1: PlaneCursor = { planeId: 0, lastPlaneStep };
          const c2: PlaneCursor = { planeId: 0, lastPlaneStep };
          for (const f of frames) applySnapshots(oneByOne, [f], c1);
          let updates = 0;
          batched.subscribe(() => updates++);
          for (let i = 0; i < frames.length; i += batchSize)
            applySnapshots(batched, frames.slice(i, i + batchSize), c2);
          expect(updates).toBe(Math.ceil(frames.length / batchSize));
          expect(picture(batched)).toEqual(picture(oneByOne));
          expect(c2).toEqual(c1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does nothing without frames', () => {
    const store = storeWithRuns();
    let updates = 0;
    store.subscribe(() => updates++);
    applySnapshots(store, [], { planeId: 0, lastPlaneStep: -1 });
    expect(updates).toBe(0);
  });
});
