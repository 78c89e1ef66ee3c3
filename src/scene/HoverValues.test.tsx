// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, StoreProvider } from '../state/store';
import { HoverValues } from './HoverValues';
import type { LandscapeView } from '../state/view-types';

afterEach(cleanup);

const grid = (metric: LandscapeView['metric'], values: number[]): LandscapeView => ({
  n: 2,
  a: Float32Array.from([0, 1]),
  b: Float32Array.from([0, 1]),
  values: Float32Array.from(values),
  metric,
  axisLabels: ['δ₁', 'δ₂'],
});

describe('HoverValues', () => {
  it('reads the value under a still mouse from the landscape on screen, with its label', () => {
    const store = createAppStore({ landscape: grid('trainLoss', [1, 2, 3, 4]) });
    render(
      <StoreProvider store={store}>
        <p data-testid="readout">
          <HoverValues a={0.5} b={0.5} />
        </p>
      </StoreProvider>,
    );
    const text = () => screen.getByTestId('readout').textContent;
    // Bilinear at the centre of the cell: (1 + 2 + 3 + 4) / 4.
    expect(text()).toMatch(/training loss = 2\.5/);
    // "Surface of" switches to accuracy without the mouse moving: label and value change together.
    act(() => store.getState().setLandscape(grid('testAccuracy', [0.5, 0.5, 0.9, 0.9])));
    expect(text()).toMatch(/accuracy = 0\.7/);
    expect(text()).not.toMatch(/loss/);
    // The grid recomputed in place (same object, new values): the readout follows.
    act(() => {
      store.getState().landscape!.values.set([1, 1, 1, 1]);
      store.getState().touch('landscape');
    });
    expect(text()).toMatch(/accuracy = 1\b/);
  });
});
