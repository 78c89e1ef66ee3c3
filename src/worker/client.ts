/**
 * The page's handle on the compute worker: a module worker wrapped with Comlink, so the page calls
 * the session's methods as async functions and receives frames through a proxied listener.
 */
import * as Comlink from 'comlink';
import type { SessionListener } from './session';
import type { SessionApi } from './session.worker';

export interface ComputeClient {
  api: Comlink.Remote<SessionApi>;
  /** Wraps a listener so that the worker can call it. */
  listen(listener: SessionListener): SessionListener;
  terminate(): void;
}

export function createComputeClient(): ComputeClient {
  const worker = new Worker(new URL('./session.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<SessionApi>(worker);
  return {
    api,
    listen: (listener) => Comlink.proxy(listener),
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
