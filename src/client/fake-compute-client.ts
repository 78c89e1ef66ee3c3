/**
 * A fake compute client for the controller's tests: every worker call the controller makes is a
 * `vi.fn` (resolving to nothing, or to what an idle worker answers), `listener()` is the session
 * listener the controller opened with, and `die(reason)` reports a worker failure. `overrides`
 * replace single calls (e.g. `plane`). Tests add a call here once when the API gains one.
 */
import { vi, type Mock } from 'vitest';
import type { SessionListener } from '../protocol/frames';
import type { ComputeClient } from './compute-client';

export function fakeComputeClient<Overrides extends Record<string, Mock>>(
  overrides: Overrides = {} as Overrides,
) {
  let listener: SessionListener | null = null;
  const failures: ((reason: string) => void)[] = [];
  const api = {
    open: vi.fn(async (_backend: string | null, l: SessionListener) => {
      listener = l;
      return { name: 'wasm', fallbacks: [], probeMs: 5 };
    }),
    configure: vi.fn(async () => undefined),
    play: vi.fn(async () => undefined),
    pause: vi.fn(async () => undefined),
    step: vi.fn(async () => undefined),
    setSpeed: vi.fn(async () => undefined),
    selectRun: vi.fn(async () => undefined),
    setView: vi.fn(async () => undefined),
    run: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
    playUntil: vi.fn(async () => undefined),
    crash: vi.fn(async () => undefined),
    stats: vi.fn(async () => null),
    holdLock: vi.fn(async () => true),
    recorded: vi.fn(async () => null),
    cancel: vi.fn(async () => undefined),
    ...overrides,
  };
  const client = {
    api,
    listen: (l: SessionListener) => l,
    onFailure: (f: (reason: string) => void) => failures.push(f),
    terminate: vi.fn(),
  } as unknown as ComputeClient;
  return {
    client,
    api,
    listener: () => listener!,
    die: (reason: string) => failures.forEach((f) => f(reason)),
  };
}
