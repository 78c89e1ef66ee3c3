/**
 * The page's handle on the compute worker: a module worker wrapped with Comlink, so the page calls
 * the session's methods as async functions and receives frames through a proxied listener.
 *
 * Death watch: the worker holds a Web Lock (a unique name per worker) for as long as it lives;
 * the page queues for the same lock, which the browser grants only when the worker is gone
 * (terminated, crashed, out of memory). A worker that fails to load reports an `error` event.
 * Either way `onFailure` is called once, so the page can say so and start a new worker. A worker
 * the page terminates itself is not reported.
 */
import * as Comlink from 'comlink';
import type { SessionListener } from './session';
import type { SessionApi } from './session.worker';

export interface ComputeClient {
  api: Comlink.Remote<SessionApi>;
  /** Wraps a listener so that the worker can call it. */
  listen(listener: SessionListener): SessionListener;
  /** Calls `callback` once if the worker dies or fails to load (not after `terminate`). */
  onFailure(callback: (reason: string) => void): void;
  terminate(): void;
}

interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

let workers = 0;

export function createComputeClient(): ComputeClient {
  const worker = new Worker(new URL('./session.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<SessionApi>(worker);
  let terminated = false;
  let failed = false;
  const callbacks: ((reason: string) => void)[] = [];
  const fail = (reason: string) => {
    if (terminated || failed) return;
    failed = true;
    for (const callback of callbacks) callback(reason);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(event.message ? `the worker failed: ${event.message}` : 'the worker failed to load');
  });
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks) {
    const name = `lle-worker-${globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36)}-${workers++}`;
    // Once the worker holds its lock, queue for it: granted when the worker is gone.
    void api
      .holdLock(name)
      .then(() =>
        locks.request(name, () =>
          fail('it ended unexpectedly: a crash, out of memory, or stopped by the browser'),
        ),
      )
      .catch(() => undefined);
  }
  return {
    api,
    listen: (listener) => Comlink.proxy(listener),
    onFailure: (callback) => {
      callbacks.push(callback);
    },
    terminate: () => {
      terminated = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
