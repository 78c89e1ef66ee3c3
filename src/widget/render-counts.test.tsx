// @vitest-environment happy-dom
/**
 * What a batch of training frames re-renders: the toolbar's transport (its step counter) and the
 * loss chart, but not the view's settings (their selects and inputs) nor the cards that only need
 * to know whether anything is recorded. Renders are counted with a mocked ViewSettings and with
 * React's Profiler; the frames go through `applySnapshots`, as the controller's batches do.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applySnapshots, emptyHistory, emptySharpness } from '../client/apply-snapshots';
import type { SessionController } from '../client/controller';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { DEFAULT_VIEW } from '../config/view';
import type { SnapshotFrame } from '../protocol/frames';
import type { SessionInfo } from '../protocol/session-info';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { ChartsRow } from './ChartsRow';
import { ControlsCard } from './ControlsCard';
import { CurvatureCard } from './CurvatureCard';

const counts = vi.hoisted(() => ({ viewSettings: 0 }));
vi.mock('../ui/ViewSettings', () => ({
  ViewSettings: () => {
    counts.viewSettings++;
    return <div data-testid="view-settings" />;
  },
}));

afterEach(cleanup);

const info = {
  names: ['SGD', 'Adam'],
  colors: ['#111111', '#222222'],
  steps: 1000,
  problem: { name: 'mlp', task: 'regression', parameters: 9, layout: '' },
  model: '',
  data: '',
  loss: 'mean squared error',
} as SessionInfo;

function frame(step: number): SnapshotFrame {
  return {
    step,
    replace: false,
    planeId: -1,
    steps: Int32Array.from([step]),
    trainLoss: Float32Array.from([1 / (step + 1), 2 / (step + 1)]),
    testLoss: Float32Array.from([1.5 / (step + 1), 2.5 / (step + 1)]),
    gradNorm: new Float32Array(2),
    divergedAt: Int32Array.from([-1, -1]),
    a: new Float32Array(0),
    b: new Float32Array(0),
    trueValue: new Float32Array(0),
    planeValue: new Float32Array(0),
    offPlaneRelative: new Float32Array(0),
    recording: { kept: step, limit: 2048, thinnedBefore: null },
  };
}

describe('renders per batch of training frames', () => {
  it('re-renders the transport and the loss chart, not the view settings or the curvature card', async () => {
    const store = createAppStore();
    store.setState({
      session: {
        ...initialSession(DEFAULT_EXPERIMENT, DEFAULT_VIEW),
        info,
        history: emptyHistory(2),
        sharpness: emptySharpness(2),
        divergedAt: [-1, -1],
      },
    });
    const controller = {} as SessionController;
    const commits = { toolbar: 0, charts: 0, curvature: 0 };
    render(
      <StoreProvider store={store}>
        <Profiler id="toolbar" onRender={() => commits.toolbar++}>
          <ControlsCard controller={controller} />
        </Profiler>
        <Profiler id="charts" onRender={() => commits.charts++}>
          <ChartsRow controller={controller} />
        </Profiler>
        <Profiler id="curvature" onRender={() => commits.curvature++}>
          <CurvatureCard controller={controller} />
        </Profiler>
      </StoreProvider>,
    );
    const cursor = { planeId: -1, lastPlaneStep: -1 };
    await act(async () => applySnapshots(store, [frame(1), frame(2)], cursor));
    const before = { ...commits, viewSettings: counts.viewSettings };
    // Ten batches of three frames each.
    for (let b = 0; b < 10; b++) {
      const first = 3 + 3 * b;
      await act(async () =>
        applySnapshots(store, [frame(first), frame(first + 1), frame(first + 2)], cursor),
      );
    }
    expect(screen.getByTestId('step-counter').textContent).toBe('step 32 / 1000');
    // Every point of the 32 frames is in the history the chart draws.
    expect(store.getState().session!.history.steps).toEqual(
      Array.from({ length: 32 }, (_, i) => i + 1),
    );
    const lines = [...document.querySelectorAll('[data-testid="loss-chart"] polyline.series')];
    expect(lines).toHaveLength(4);
    // 32 steps of 1000 on a plot of < 900 px cover a few pixel columns: ≤ 4 vertices each.
    for (const line of lines) {
      const vertices = line.getAttribute('points')!.split(' ');
      expect(vertices.length).toBeGreaterThanOrEqual(2);
      expect(vertices.length).toBeLessThanOrEqual(4 * 29);
    }
    // The transport and the loss chart followed each batch (a deferred render may add one).
    expect(commits.toolbar - before.toolbar).toBe(10);
    expect(commits.charts - before.charts).toBeGreaterThanOrEqual(10);
    expect(commits.charts - before.charts).toBeLessThanOrEqual(20);
    // The view's settings and the curvature card did not render again.
    expect(counts.viewSettings).toBe(before.viewSettings);
    expect(commits.curvature).toBe(before.curvature);
  });
});
