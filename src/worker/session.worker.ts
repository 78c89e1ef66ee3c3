/**
 * The compute worker of the app: chooses the tfjs backend (probed with a real gradient step,
 * a training step and a landscape chunk), then runs one `ComputeSession` and exposes it to the
 * page with Comlink. Every call is a message; results come back through the listener the page
 * passes (a Comlink proxy). Tensors never leave this worker.
 */
import * as Comlink from 'comlink';
import { ConfigError, parseConfig } from '../config/parse';
import { chooseBackend, type BackendChoice } from './backend';
import { ComputeSession, type SessionListener, type ViewSpec } from './session';

let session: ComputeSession | null = null;
let backend: Promise<{ choice: BackendChoice; probeMs: number }> | null = null;

/** Turns a validation error into its list of messages, anything else into its message. */
function messageOf(error: unknown): string {
  if (error instanceof ConfigError) return error.problems.join('\n');
  return error instanceof Error ? error.message : String(error);
}

const api = {
  /**
   * Chooses the backend (once per worker; `requested` forces one) and starts a session on the
   * config. Resolves with the backend; configuration errors reject with every problem listed.
   */
  async start(
    requested: string | null,
    listener: SessionListener,
    input: unknown,
    view: ViewSpec,
  ): Promise<{ name: string; fallbacks: BackendChoice['fallbacks']; probeMs: number }> {
    if (!backend) {
      const t0 = performance.now();
      let config;
      try {
        config = parseConfig(input);
      } catch (error) {
        throw new Error(messageOf(error));
      }
      backend = chooseBackend(requested, config).then((choice) => ({
        choice,
        probeMs: performance.now() - t0,
      }));
    }
    const { choice, probeMs } = await backend;
    session = new ComputeSession(listener);
    try {
      await session.configure(input, view);
    } catch (error) {
      throw new Error(messageOf(error));
    }
    return { name: choice.name, fallbacks: choice.fallbacks, probeMs: Math.round(probeMs) };
  },
  async configure(input: unknown, view: ViewSpec): Promise<void> {
    try {
      await session?.configure(input, view);
    } catch (error) {
      throw new Error(messageOf(error));
    }
  },
  /** Holds the Web Lock `name` for as long as this worker lives (the page's death watch). */
  holdLock(name: string): Promise<void> {
    const locks = (
      navigator as unknown as { locks?: { request(n: string, f: () => unknown): Promise<unknown> } }
    ).locks;
    if (!locks) return Promise.resolve();
    return new Promise<void>((acquired) => {
      void locks.request(name, () => {
        acquired();
        return new Promise<never>(() => undefined);
      });
    });
  },
  /** Ends this worker at once, as a crash would (for recovery tests). */
  crash(): void {
    self.close();
  },
  stats: () => session?.stats() ?? null,
  /** Plays until update `step` is recorded, then pauses (replaying after a restart). */
  playUntil: (step: number) => session?.playUntil(step),
  play: () => session?.play(),
  pause: () => session?.pause(),
  step: (count: number) => session?.step(count),
  setSpeed: (stride: number) => session?.setSpeed(stride),
  selectRun: (run: number) => session?.selectRun(run),
  setView: (view: ViewSpec) => session?.setView(view),
  recompute: () => session?.computeLandscape(),
};

export type SessionApi = typeof api;

Comlink.expose(api);
