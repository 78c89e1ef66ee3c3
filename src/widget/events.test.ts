import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPERIMENT, DEFAULT_VIEW } from '../config/app';
import type { SessionController } from '../client/controller';
import { initialSession } from '../state/session';
import { createAppStore } from '../state/store';
import { explorerState, watchExplorer, type ExplorerEventMap } from './events';
import type { ExplorerHandle } from './types';

/** An explorer's handle on a bare store (no worker): the controller is not called here. */
function handle(): ExplorerHandle {
  const store = createAppStore();
  store.setState({ session: initialSession(DEFAULT_EXPERIMENT, DEFAULT_VIEW) });
  store.getState().patchSession({
    info: { names: ['SGD', 'Adam'], steps: 100 } as never,
    history: { steps: [], trainLoss: [[], []], testLoss: [[], []] },
    divergedAt: [-1, -1],
  });
  return {
    store,
    controller: { firstLandscapeMs: null } as unknown as SessionController,
    scene: () => null,
  };
}

type Heard = {
  [E in keyof ExplorerEventMap]: { event: E; detail: ExplorerEventMap[E] };
}[keyof ExplorerEventMap];

afterEach(() => vi.useRealTimers());

describe('explorer events', () => {
  it('throttles step events and sends the newest step and losses', () => {
    vi.useFakeTimers();
    const h = handle();
    const heard: Heard[] = [];
    const watch = watchExplorer(h, (event, detail) => heard.push({ event, detail } as Heard), 100);
    const s = h.store.getState();
    const advance = (step: number, losses: [number, number]) => {
      const history = h.store.getState().session!.history;
      history.steps.push(step);
      history.trainLoss[0]!.push(losses[0]);
      history.trainLoss[1]!.push(losses[1]);
      s.patchSession({ step, history: { ...history } });
    };
    advance(1, [0.9, 0.8]);
    advance(2, [0.8, 0.7]);
    advance(3, [0.7, 0.6]);
    expect(heard).toEqual([{ event: 'step', detail: { step: 1, losses: [0.9, 0.8] } }]);
    vi.advanceTimersByTime(100);
    expect(heard.at(-1)).toEqual({ event: 'step', detail: { step: 3, losses: [0.7, 0.6] } });
    expect(heard).toHaveLength(2);
    watch.stop();
    advance(4, [0.6, 0.5]);
    vi.advanceTimersByTime(200);
    expect(heard).toHaveLength(2);
  });

  it('reports a new landscape, a divergence (once) and an error', () => {
    const h = handle();
    const heard: Heard[] = [];
    watchExplorer(h, (event, detail) => heard.push({ event, detail } as Heard));
    const s = h.store.getState();
    s.setLandscape({
      n: 2,
      a: Float32Array.from([0, 1]),
      b: Float32Array.from([0, 1]),
      values: Float32Array.from([1, Number.NaN, 3, 4]),
      metric: 'trainLoss',
      axisLabels: ['PC1', 'PC2'],
    });
    s.patchSession({ divergedAt: [-1, 7] });
    s.patchSession({ divergedAt: [-1, 7] });
    s.patchSession({ error: 'Training stopped: out of memory' });
    expect(heard).toEqual([
      {
        event: 'landscape',
        detail: {
          n: 2,
          metric: 'trainLoss',
          axisLabels: ['PC1', 'PC2'],
          directions: null,
          min: 1,
          max: 4,
        },
      },
      { event: 'diverged', detail: { run: 1, name: 'Adam', step: 7 } },
      { event: 'error', detail: { message: 'Training stopped: out of memory' } },
    ]);
  });

  it('tells the state as plain, cloneable data', () => {
    const state = explorerState(handle());
    expect(state).toMatchObject({ runs: ['SGD', 'Adam'], totalSteps: 100, step: 0, ready: false });
    expect(structuredClone(state)).toEqual(state);
  });
});
