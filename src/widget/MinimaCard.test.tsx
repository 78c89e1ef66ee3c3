// @vitest-environment happy-dom
/**
 * The flat-vs-sharp card against a real store and a recording controller: the button compares the
 * picked runs at the point on screen; progress, failure and result are shown as they arrive.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionController } from '../client/controller';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { DEFAULT_VIEW } from '../config/view';
import type { SessionInfo } from '../protocol/session-info';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { FLAT_SHARP } from '../ui/MinimaPanel.fixture';
import { MinimaCard, minimaRuns } from './MinimaCard';

afterEach(cleanup);

const info = {
  names: ['SGD, batch 8', 'SGD, full batch', 'Adam'],
  colors: ['#111111', '#222222', '#333333'],
  steps: 1500,
  problem: { name: 'mlp', task: 'classification', parameters: 337, layout: '' },
  model: '',
  data: '',
  loss: '',
} as SessionInfo;

function setup() {
  const store = createAppStore();
  store.setState({ session: initialSession(DEFAULT_EXPERIMENT, DEFAULT_VIEW) });
  store.getState().patchSession({
    info,
    history: { steps: [0, 10], trainLoss: [], testLoss: [] },
  });
  const compareMinima = vi.fn(async () => {});
  render(
    <StoreProvider store={store}>
      <MinimaCard controller={{ compareMinima } as unknown as SessionController} />
    </StoreProvider>,
  );
  return { store, compareMinima };
}

describe('MinimaCard', () => {
  it('compares runs 0 and 1 by default, the picked runs otherwise, at the scrubbed point', () => {
    const { store, compareMinima } = setup();
    fireEvent.click(screen.getByTestId('compare-minima'));
    expect(compareMinima).toHaveBeenLastCalledWith({ runs: [0, 1] }, undefined);
    fireEvent.change(screen.getByTestId('minima-run-b'), { target: { value: '2' } });
    act(() => store.getState().setScrub(1));
    fireEvent.click(screen.getByTestId('compare-minima'));
    expect(compareMinima).toHaveBeenLastCalledWith({ runs: [0, 2] }, 1);
    // The same run twice cannot be compared.
    fireEvent.change(screen.getByTestId('minima-run-b'), { target: { value: '0' } });
    expect((screen.getByTestId('compare-minima') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows progress, then a failure in words, then the result side by side', () => {
    const { store } = setup();
    act(() =>
      store.getState().patchSession({ minima: { jobId: 1, state: 'running', done: 7, total: 60 } }),
    );
    const progress = screen.getByTestId('minima-progress') as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([7, 60]);
    expect((screen.getByTestId('compare-minima') as HTMLButtonElement).disabled).toBe(true);
    act(() =>
      store.getState().patchSession({
        minima: {
          jobId: 1,
          state: 'failed',
          done: 0,
          total: 1,
          message: 'nothing is recorded yet',
        },
      }),
    );
    expect(screen.getByTestId('minima-error').textContent).toBe(
      'The comparison failed: nothing is recorded yet',
    );
    act(() =>
      store.getState().patchSession({
        minima: { jobId: 2, state: 'done', done: 1, total: 1, result: FLAT_SHARP },
      }),
    );
    expect(screen.queryByTestId('minima-error')).toBeNull();
    expect(screen.getByTestId('minima-lambda-b').textContent).toBe('3.490');
    expect(screen.getByTestId('compare-minima').textContent).toBe('Compare again');
  });

  it('falls back to runs 0 and 1 when a picked run no longer exists', () => {
    expect(minimaRuns([0, 2], 3)).toEqual([0, 2]);
    expect(minimaRuns([0, 2], 2)).toEqual([0, 1]);
    expect(minimaRuns([1, 1], 2)).toEqual([1, 1]);
  });
});
