import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../state/store';
import { DEFAULT_VIEW } from '../config/view';
import type { SessionListener, SnapshotFrame } from '../protocol/frames';
import { DEFAULT_CONFIG } from '../app/defaults';
import { SessionController } from './controller';
import {
  landscapeFrame,
  sessionInfo,
  snapshotFrame,
  startedController,
} from './controller.fixture';
import { fakeComputeClient } from './fake-compute-client';

/** A client whose worker is this test: it captures the listener the controller passes. */
const fakeClient = () => fakeComputeClient();

const INFO = sessionInfo();

/** A snapshot of one step with the two runs at a = `a`. */
const snapshot = (
  step: number,
  planeId: number,
  a: [number, number],
  diverged: [number, number] = [-1, -1],
): SnapshotFrame =>
  snapshotFrame(step, planeId, { a: Float32Array.from(a), divergedAt: Int32Array.from(diverged) });

/** A 5 × 5 landscape of plane `planeId` whose paths hold `steps` (at a = step / 10). */
const landscape = (planeId: number, steps: number[]) =>
  landscapeFrame({ planeId, pathSteps: steps });

/** A started controller that has the session INFO and the landscape of plane 1. */
async function onPlane1() {
  const started = await startedController();
  const l = started.listener();
  l.session(INFO);
  l.landscape(landscape(1, [0]));
  return { ...started, l };
}

describe('SessionController', () => {
  it('maps worker frames into the store: landscape, appended points, histories, divergence', async () => {
    const { store, listener } = await startedController();
    expect(store.getState().session!.backend!.name).toBe('wasm');
    const l = listener();
    l.session(INFO);
    l.landscape(landscape(1, [0]));
    // The step-0 snapshot repeats the landscape's last point: not appended twice.
    l.snapshot(snapshot(0, 1, [0, 0]));
    l.snapshot(snapshot(5, 1, [0.5, -0.5]));
    let s = store.getState();
    expect(s.landscape!.axisLabels).toEqual(['PC1 (90.0 %)', 'PC2 (5.0 %)']);
    expect(s.trajectories.map((t) => t.length)).toEqual([2, 2]);
    expect(s.trajectories[0]!.a[1]).toBe(0.5);
    expect(s.trajectories[1]!.a[1]).toBe(-0.5);
    expect(s.session!.history.steps).toEqual([0, 5]);
    expect(s.session!.plane).toEqual({ directions: 'pca', explained: [0.9, 0.05] });
    // A snapshot computed on an older plane is kept in the history but not drawn on this one.
    l.landscape(landscape(2, [0, 5]));
    l.snapshot(snapshot(10, 1, [9, 9]));
    s = store.getState();
    expect(s.trajectories.map((t) => t.length)).toEqual([2, 2]);
    expect(s.session!.history.steps).toEqual([0, 5, 10]);
    // Growth past the preallocated capacity keeps every point.
    for (let step = 15; step <= 15 + 5 * 300; step += 5) l.snapshot(snapshot(step, 2, [step, 0]));
    s = store.getState();
    expect(s.trajectories[0]!.length).toBe(2 + 301);
    expect(s.trajectories[0]!.a[s.trajectories[0]!.length - 1]).toBe(1515);
    // Divergence reaches the store and the trajectory flag; the array keeps its identity otherwise.
    const before = s.session!.divergedAt;
    l.snapshot(snapshot(1520, 2, [1, 1]));
    expect(store.getState().session!.divergedAt).toBe(before);
    l.snapshot(snapshot(1525, 2, [1, 1], [-1, 1523]));
    s = store.getState();
    expect(s.session!.divergedAt).toEqual([-1, 1523]);
    expect(s.trajectories[1]!.diverged).toBe(true);
  });

  it('validates an edited config before restarting the worker, and lists every problem', async () => {
    const store = createAppStore();
    const { client, api } = fakeClient();
    const c = new SessionController(store, () => client, DEFAULT_CONFIG, DEFAULT_VIEW);
    const ok = await c.apply({
      ...DEFAULT_CONFIG,
      steps: 0,
      runs: [{ optimizer: 'adam', lr: -1 }],
    });
    expect(ok).toBe(false);
    expect(api.configure).not.toHaveBeenCalled();
    expect(store.getState().session!.problems).toEqual([
      'runs[0].lr: must be > 0 and ≤ 1000000 (got -1)',
      'steps: must be a whole number from 1 to 1000000 (got 0)',
    ]);
    expect(await c.apply({ ...DEFAULT_CONFIG, steps: 50 })).toBe(true);
    expect(api.configure).toHaveBeenCalledTimes(1);
    expect(store.getState().session!.problems).toEqual([]);
  });

  it('appends coalesced frames point by point and starts over on a replacing frame', async () => {
    const { store, l } = await onPlane1();
    // Three steps in one frame, [T, K] = [3, 2].
    const three: SnapshotFrame = {
      ...snapshot(15, 1, [0, 0]),
      steps: Int32Array.from([5, 10, 15]),
      trainLoss: Float32Array.from([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]),
      testLoss: Float32Array.from([0.61, 0.51, 0.41, 0.31, 0.21, 0.11]),
      a: Float32Array.from([1, 2, 3, 4, 5, 6]),
      b: new Float32Array(6),
      trueValue: new Float32Array(6),
      planeValue: new Float32Array(6),
      offPlaneRelative: new Float32Array(6),
    };
    l.snapshot(three);
    let s = store.getState();
    expect(s.session!.history.steps).toEqual([5, 10, 15]);
    expect(s.session!.history.trainLoss[1]).toEqual([0.5, 0.3, 0.1].map((v) => Math.fround(v)));
    expect(Array.from(s.trajectories[0]!.a.subarray(0, 4))).toEqual([0, 1, 3, 5]);
    expect(Array.from(s.trajectories[1]!.a.subarray(0, 4))).toEqual([0, 2, 4, 6]);
    // The worker thinned its recording: the page starts over with what it sends.
    l.snapshot({ ...three, replace: true, steps: Int32Array.from([0, 10, 15]) });
    s = store.getState();
    expect(s.session!.history.steps).toEqual([0, 10, 15]);
    expect(s.trajectories.map((t) => t.length)).toEqual([3, 3]);
    expect(s.session!.recording).toEqual({ kept: 1, limit: 2048, thinnedBefore: null });
  });

  it('clears the previous picture on a new experiment; a failed view keeps the picture and says why', async () => {
    const { store, controller: c, l } = await onPlane1();
    expect(store.getState().landscape).not.toBeNull();
    // A view change that fails: the controls go back to the view on screen.
    const wanted = { ...DEFAULT_VIEW, directions: 'points' as const };
    void c.setView(wanted);
    expect(store.getState().session!.view).toEqual(wanted);
    l.landscapeFailed({ jobId: 2, message: 'they lie on one line', view: DEFAULT_VIEW });
    expect(store.getState().session!.view).toEqual(DEFAULT_VIEW);
    expect(store.getState().session!.viewError).toBe('they lie on one line');
    expect(store.getState().landscape).not.toBeNull();
    // A new problem: the old surface goes at once, before its own landscape exists.
    l.session({ ...INFO, names: ['LS'], colors: ['#4e79a7'] });
    expect(store.getState().landscape).toBeNull();
    expect(store.getState().session!.viewError).toBeNull();
    // Its first landscape fails: nothing is drawn, the reason is shown.
    l.landscapeFailed({ jobId: 3, message: 'no plane', view: null });
    expect(store.getState().landscape).toBeNull();
    expect(store.getState().session!.landscapeError).toBe('no plane');
  });

  it('restarts a dead worker with the same config and replays to the step reached', async () => {
    const store = createAppStore();
    const first = fakeClient();
    const second = fakeClient();
    const clients = [first.client, second.client];
    const c = new SessionController(store, () => clients.shift()!, DEFAULT_CONFIG, DEFAULT_VIEW);
    await c.start('wasm', false);
    first.listener().session(INFO);
    first.listener().status({ playing: true, step: 120, finished: false });
    first.die('the compute worker stopped');
    await vi.waitFor(() => expect(second.api.playUntil).toHaveBeenCalledWith(120));
    expect(first.client.terminate).toHaveBeenCalled();
    expect(second.api.open.mock.calls[0]![0]).toBe('wasm');
    await vi.waitFor(() => expect(second.api.play).toHaveBeenCalled());
    expect(store.getState().session!.notice).toMatch(/restarted.*step 120/);
    expect(store.getState().session!.error).toBeNull();
  });

  it('a training failure on a GPU backend moves the session to WebAssembly, replayed', async () => {
    const store = createAppStore();
    const gpu = fakeClient();
    const cpu = fakeClient();
    gpu.api.open.mockImplementation(async (_b: string | null, l: SessionListener) => {
      gpuListener = l;
      return { name: 'webgpu', fallbacks: [], probeMs: 5 };
    });
    let gpuListener: SessionListener | null = null;
    const clients = [gpu.client, cpu.client];
    const c = new SessionController(store, () => clients.shift()!, DEFAULT_CONFIG, DEFAULT_VIEW);
    await c.start('webgpu', false);
    gpuListener!.session(INFO);
    gpuListener!.status({ playing: false, step: 30, finished: false });
    gpuListener!.error('GPUDevice was lost: the device was lost');
    await vi.waitFor(() => expect(cpu.api.playUntil).toHaveBeenCalledWith(30));
    expect(cpu.api.open.mock.calls[0]![0]).toBe('wasm');
    expect(store.getState().session!.error).toBeNull();
    expect(store.getState().session!.notice).toMatch(
      /training on WebGPU failed: GPUDevice was lost/,
    );
  });

  it('a config the worker refuses does not become the current one; stale progress is dropped', async () => {
    const { store, controller: c, api, listener } = await startedController();
    api.configure.mockRejectedValueOnce(
      new Error('recordEvery: the recorded trajectories need 4 GB'),
    );
    expect(await c.apply({ ...DEFAULT_CONFIG, steps: 999 })).toBe(false);
    expect(store.getState().session!.config).toEqual(DEFAULT_CONFIG);
    expect(store.getState().session!.problems).toEqual([
      'recordEvery: the recorded trajectories need 4 GB',
    ]);
    const l = listener();
    l.session(INFO);
    l.progress({ jobId: 3, done: 10, total: 100 });
    l.landscapeFailed({ jobId: 3, message: 'no plane', view: DEFAULT_VIEW });
    // The cancelled job 2 reports late: ignored, the progress stays cleared.
    l.progress({ jobId: 2, done: 50, total: 100 });
    expect(store.getState().session!.progress).toBeNull();
    l.progress({ jobId: 4, done: 5, total: 100 });
    expect(store.getState().session!.progress).toEqual({ done: 5, total: 100 });
  });

  it('applies and acknowledges a snapshot frame on the next animation frame (the page half of backpressure)', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    try {
      const { store, listener } = await startedController();
      const l = listener();
      l.session(INFO);
      let acknowledged = false;
      void Promise.resolve(l.snapshot(snapshot(5, -1, [0, 0]))).then(() => (acknowledged = true));
      await new Promise((r) => setTimeout(r, 10));
      // Queued for the next animation frame (with any other frame that comes meanwhile), and
      // not acknowledged before it is applied.
      expect(store.getState().session!.history.steps).toEqual([]);
      expect(acknowledged).toBe(false);
      frames.splice(0).forEach((cb) => cb(0));
      expect(store.getState().session!.history.steps).toEqual([5]);
      await new Promise((r) => setTimeout(r, 0));
      expect(acknowledged).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('pause resolves once the status of the update it stopped at is in the store', async () => {
    // The worker answers 'paused at 40' before its status (they travel on two channels).
    const { store, controller, listener } = await startedController({
      pause: vi.fn(async () => 40),
    });
    const l = listener();
    l.session(INFO);
    l.status({ playing: true, step: 35, finished: false });
    let paused = false;
    const pausing = controller.pause().then(() => (paused = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(paused).toBe(false);
    l.status({ playing: false, step: 40, finished: false });
    await pausing;
    expect(store.getState().session!).toMatchObject({ playing: false, step: 40 });
    // A status that came first: nothing to wait for.
    await controller.pause();
    controller.dispose();
  });
});
