// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DigitsViewResult } from '../config/digits-view';
import type { DigitsViewFrame } from '../protocol/digits-view';
import { DigitsPanel, pixelFill } from './DigitsPanel';

afterEach(cleanup);

/** 3 classes; image i has pixel 0 = 16 and pixel 9 = 8, the rest 0 (2 non-zero squares). */
const image = (n: number): Uint8Array => {
  const pixels = new Uint8Array(64 * n);
  for (let i = 0; i < n; i++) {
    pixels[64 * i] = 16;
    pixels[64 * i + 9] = 8;
  }
  return pixels;
};

const result: DigitsViewResult = {
  classes: 3,
  samples: { pixels: image(6), labels: Uint8Array.from([0, 0, 1, 1, 2, 2]) },
  split: 'test',
  step: 400,
  runs: [
    {
      name: 'Adam',
      accuracy: 0.9,
      // rows true 0..2: 4 right of 0; 3 right + 1 as 2 of class 1; 2 right of 2.
      confusion: Int32Array.from([4, 0, 0, 0, 3, 1, 0, 0, 2]),
      errors: 1,
      misclassified: {
        pixels: image(1),
        labels: Uint8Array.from([1]),
        predicted: Uint8Array.from([2]),
      },
    },
    {
      name: 'SGD',
      accuracy: 0.5,
      confusion: Int32Array.from([2, 2, 0, 1, 2, 1, 0, 1, 1]),
      errors: 5,
      misclassified: {
        pixels: image(2),
        labels: Uint8Array.from([0, 0]),
        predicted: Uint8Array.from([1, 1]),
      },
    },
  ],
};
const frame: DigitsViewFrame = { jobId: 1, state: 'done', done: 1, total: 1, result };

describe('DigitsPanel', () => {
  it('draws the samples by class, the chosen run’s confusion counts and its mistakes', () => {
    const onRefresh = vi.fn();
    const { container } = render(
      <DigitsPanel
        frame={frame}
        colors={['#1f77b4', '#ff7f0e']}
        canRefresh
        onRefresh={onRefresh}
        onCancel={() => undefined}
      />,
    );
    const samples = screen.getByTestId('digits-samples');
    expect(
      [...samples.querySelectorAll('g[data-digit]')].map((g) => g.getAttribute('data-digit')),
    ).toEqual(['0', '0', '1', '1', '2', '2']);
    // Each sample: its frame and its 2 non-zero pixels, 16 darkest, 8 mid-grey.
    const first = samples.querySelector('g[data-digit]')!;
    const fills = [...first.querySelectorAll('rect')].slice(1).map((r) => r.getAttribute('fill'));
    expect(fills).toEqual([pixelFill(16), pixelFill(8)]);
    expect(pixelFill(16)).toBe('rgb(20,20,20)');
    expect(pixelFill(0)).toBe('rgb(255,255,255)');
    expect(pixelFill(8)).toBe('rgb(138,138,138)');
    const counts = () =>
      [...screen.getByTestId('digits-confusion').querySelectorAll('g[data-cell]')].map((g) =>
        Number(g.getAttribute('data-count')),
      );
    expect(counts()).toEqual([4, 0, 0, 0, 3, 1, 0, 0, 2]);
    expect(screen.getByTestId('digits-summary').textContent).toBe(
      'At step 400: Adam classifies 90.0 % of the test images right (1 wrong)',
    );
    expect(
      [...screen.getByTestId('digits-mistakes').querySelectorAll('g[data-mistake]')].map((g) =>
        g.getAttribute('data-mistake'),
      ),
    ).toEqual(['1→2']);
    // The second run's tab shows its matrix and mistakes.
    fireEvent.click(screen.getByRole('tab', { name: /SGD/ }));
    expect(counts()).toEqual([2, 2, 0, 1, 2, 1, 0, 1, 1]);
    expect(container.querySelectorAll('g[data-mistake]').length).toBe(2);
    fireEvent.click(screen.getByTestId('digits-refresh'));
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it('says why when the job failed, and shows no figures', () => {
    render(
      <DigitsPanel
        frame={{ jobId: 2, state: 'failed', done: 0, total: 1, message: 'boom: why' }}
        colors={[]}
        canRefresh
        onRefresh={() => undefined}
        onCancel={() => undefined}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('boom: why');
    expect(screen.queryByTestId('digits-samples')).toBeNull();
  });
});
