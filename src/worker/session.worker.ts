/**
 * The compute worker of the page: chooses the tfjs backend once (probed with a real gradient step,
 * a training step and a landscape chunk), then serves every explorer on the page, each as a
 * `ComputeSession` with its own id, through Comlink (`ComputeApi`, protocol/api.ts). Results go
 * back through each session's listener (a Comlink proxy). Tensors never leave this worker.
 */
import * as Comlink from 'comlink';
import { messageOf, parseConfig } from '../config/parse';
import type { ComputeApi } from '../protocol/api';
import type { BackendStatus } from '../protocol/backends';
import type { SessionListener } from '../protocol/frames';
import { chooseBackend, type BackendChoice } from './backend';
import { recordedResult } from './recorded';
import { ComputeSession } from './session';

const sessions = new Map<number, ComputeSession>();
let backend: Promise<{ choice: BackendChoice; probeMs: number }> | null = null;

/** Runs `work`, turning any error into a plain Error with a readable message (for Comlink). */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(messageOf(error));
  }
}

const session = (id: number): ComputeSession | undefined => sessions.get(id);

/**
 * The listener with landscape frames transferred, not copied: their typed arrays are made for the
 * frame alone (the grid, its coordinates, the projected paths), so the worker gives them away.
 */
function transferring(listener: SessionListener): SessionListener {
  return {
    session: (info) => listener.session(info),
    snapshot: (frame) => listener.snapshot(frame),
    landscapeFailed: (failure) => listener.landscapeFailed(failure),
    curvature: (frame) => listener.curvature(frame),
    minima: (frame) => listener.minima(frame),
    connect: (frame) => listener.connect(frame),
    badMinima: (frame) => listener.badMinima(frame),
    implicitBias: (frame) => listener.implicitBias(frame),
    ensemble: (frame) => listener.ensemble(frame),
    noise: (frame) => listener.noise(frame),
    digitsView: (frame) => listener.digitsView(frame),
    progress: (job) => listener.progress(job),
    status: (status) => listener.status(status),
    error: (message) => listener.error(message),
    landscape: (frame) => {
      const buffers = new Set<ArrayBufferLike>([
        frame.values.buffer,
        frame.a.buffer,
        frame.b.buffer,
        frame.steps.buffer,
      ]);
      for (const t of frame.trajectories)
        for (const array of [t.a, t.b, t.trueValue, t.planeValue, t.offPlaneRelative])
          buffers.add(array.buffer);
      listener.landscape(Comlink.transfer(frame, [...buffers] as Transferable[]));
    },
  };
}

const api: ComputeApi = {
  holdLock(name) {
    const locks = (
      navigator as unknown as { locks?: { request(n: string, f: () => unknown): Promise<unknown> } }
    ).locks;
    if (!locks || !name) return Promise.resolve(false);
    return new Promise<boolean>((acquired) => {
      void locks.request(name, () => {
        acquired(true);
        return new Promise<never>(() => undefined);
      });
    });
  },
  crash() {
    self.close();
  },
  async open(id, requested, listener, input, view): Promise<BackendStatus> {
    if (!backend) {
      const t0 = performance.now();
      const config = await plainly(async () => parseConfig(input));
      backend = chooseBackend(requested, config).then((choice) => ({
        choice,
        probeMs: performance.now() - t0,
      }));
    }
    const { choice, probeMs } = await backend;
    await sessions.get(id)?.dispose();
    const s = new ComputeSession(transferring(listener));
    sessions.set(id, s);
    await plainly(() => s.configure(input, view));
    return { name: choice.name, fallbacks: choice.fallbacks, probeMs: Math.round(probeMs) };
  },
  async close(id) {
    const s = sessions.get(id);
    sessions.delete(id);
    await s?.dispose();
  },
  configure: (id, input, view) => plainly(async () => session(id)?.configure(input, view)),
  play: (id) => session(id)?.play(),
  pause: async (id) => (await session(id)?.pause()) ?? 0,
  step: async (id, count) => session(id)?.step(count),
  playUntil: async (id, step) => session(id)?.playUntil(step),
  setSpeed: (id, speed) => session(id)?.setSpeed(speed),
  selectRun: (id, run) => session(id)?.selectRun(run),
  setView: async (id, view) => session(id)?.setView(view),
  run: async (id, job) => session(id)?.run(job),
  cancel: (id, kind) => session(id)?.cancel(kind),
  stats: (id) => session(id)?.stats() ?? null,
  recorded: (id) => {
    const s = session(id);
    return s ? recordedResult(s) : null;
  },
  plane: (id) => session(id)?.shownPlane() ?? null,
};

Comlink.expose(api);
