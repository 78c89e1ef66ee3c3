/**
 * The page's handle on the compute worker. One module worker serves every explorer on the page
 * (tfjs, its backend and its compiled kernels are loaded once); each explorer gets a session on
 * it, with its own id, through `createComputeClient()`. Calls go through Comlink; frames come back
 * through the session's proxied listener.
 *
 * Death watch: the worker holds a Web Lock (a unique name per worker) for as long as it lives;
 * the page queues for the same lock, which the browser grants only when the worker is gone
 * (terminated, crashed, out of memory). A worker that fails to load reports an `error` event.
 * Either way every session's `onFailure` is called once, and the next client starts a new worker.
 * Closing the last session ends the worker; that is not reported as a failure.
 */
import * as Comlink from 'comlink';
import type { ComputeApi, SessionApi } from '../protocol/api';
import type { SessionListener } from '../protocol/frames';

export interface ComputeClient {
  /** This session's calls (its id bound). */
  api: SessionApi;
  /** Wraps a listener so that the worker can call it. */
  listen(listener: SessionListener): SessionListener;
  /** Calls `callback` once if the worker dies or fails to load (not after `terminate`). */
  onFailure(callback: (reason: string) => void): void;
  /** Closes this session (and the worker, when it was the last one). */
  terminate(): void;
}

interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

/** The page's worker and the sessions on it. */
interface SharedWorker {
  worker: Worker;
  remote: Comlink.Remote<ComputeApi>;
  sessions: Set<number>;
  failureCallbacks: Map<number, (reason: string) => void>;
  dead: boolean;
}

let shared: SharedWorker | null = null;
let nextSession = 1;
let workers = 0;

function startWorker(): SharedWorker {
  const worker = new Worker(new URL('../worker/session.worker.ts', import.meta.url), {
    type: 'module',
  });
  const state: SharedWorker = {
    worker,
    remote: Comlink.wrap<ComputeApi>(worker),
    sessions: new Set(),
    failureCallbacks: new Map(),
    dead: false,
  };
  const fail = (reason: string) => {
    if (state.dead) return;
    state.dead = true;
    if (shared === state) shared = null;
    for (const callback of state.failureCallbacks.values()) callback(reason);
    state.failureCallbacks.clear();
  };
  // Before the worker has answered, an error event means it failed to load (or to start); after
  // that, an uncaught error inside a live worker is not its death (the death watch says that).
  let answered = false;
  worker.addEventListener('error', (event) => {
    if (answered) return;
    event.preventDefault();
    fail(event.message ? `the worker failed: ${event.message}` : 'the worker failed to load');
  });
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks) {
    const name = `lle-worker-${globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36)}-${workers++}`;
    // Once the worker holds its lock, queue for it: granted when the worker is gone.
    void state.remote
      .holdLock(name)
      .then((held) => {
        answered = true;
        // Only a lock the worker really holds can tell of its death.
        if (held)
          return locks.request(name, () =>
            fail('it ended unexpectedly: a crash, out of memory, or stopped by the browser'),
          );
      })
      .catch(() => undefined);
  } else {
    void state.remote.holdLock('').then(
      () => (answered = true),
      () => undefined,
    );
  }
  return state;
}

/** A session on the page's compute worker (started on first use). */
export function createComputeClient(): ComputeClient {
  if (!shared || shared.dead) shared = startWorker();
  const host = shared;
  const id = nextSession++;
  host.sessions.add(id);
  const r = host.remote;
  // A close sent while the session is still opening would find nothing to close, and the open
  // would then make a session nobody ends: the close waits for the open to settle.
  let opening: Promise<unknown> = Promise.resolve();
  const api: SessionApi = {
    open: (requested, listener, input, view) => {
      const opened = r.open(id, requested, listener, input, view);
      opening = opened.catch(() => undefined);
      return opened;
    },
    close: () => r.close(id),
    configure: (input, view) => r.configure(id, input, view),
    play: () => r.play(id),
    pause: () => r.pause(id),
    step: (count) => r.step(id, count),
    playUntil: (step) => r.playUntil(id, step),
    setSpeed: (speed) => r.setSpeed(id, speed),
    selectRun: (run) => r.selectRun(id, run),
    setView: (view) => r.setView(id, view),
    run: (job) => r.run(id, job),
    cancel: (kind) => r.cancel(id, kind),
    stats: () => r.stats(id),
    recorded: () => r.recorded(id),
    plane: () => r.plane(id),
    crash: () => r.crash(),
  };
  return {
    api,
    listen: (listener) => Comlink.proxy(listener),
    onFailure: (callback) => {
      host.failureCallbacks.set(id, callback);
    },
    terminate: () => {
      host.failureCallbacks.delete(id);
      if (!host.sessions.delete(id)) return;
      if (host.dead) return;
      if (host.sessions.size > 0) {
        void opening.then(() => r.close(id)).catch(() => undefined);
        return;
      }
      // The last session: end the worker (not a failure).
      host.dead = true;
      if (shared === host) shared = null;
      r[Comlink.releaseProxy]();
      host.worker.terminate();
    },
  };
}
