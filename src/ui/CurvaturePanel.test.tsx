// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CurvatureFrame } from '../protocol/frames';
import { CurvaturePanel } from './CurvaturePanel';

afterEach(cleanup);

const done: CurvatureFrame = {
  jobId: 3,
  state: 'done',
  done: 1,
  total: 1,
  result: {
    split: 'train',
    batch: 'full',
    runs: [
      {
        run: 0,
        name: 'SGD',
        step: 200,
        eigen: { values: [25, 1], residuals: [1e-6, 1e-6], vectors: [], steps: 2 },
        trace: { value: 26, standardError: 0, probes: 10 },
        density: {
          grid: [0, 10, 20, 30],
          density: [0.5, 0, 0, 0.5],
          sigma: 0.1,
          moments: [13, 313],
        },
        sharpness: [{ epsilon: 0.001, value: 0.0013, loss: 0, maxLoss: 1.3e-5 }],
      },
      {
        run: 1,
        name: 'Adam',
        step: 200,
        eigen: { values: [12.5, 1], residuals: [1e-6, 1e-6], vectors: [], steps: 2 },
        trace: { value: 13.5, standardError: 0.25, probes: 10 },
        sharpness: [{ epsilon: 0.001, value: 0.5, loss: 0, maxLoss: 0.005 }],
      },
    ],
  },
};

describe('CurvaturePanel', () => {
  it('tabulates λ, 2/η (flagged when λ₁ exceeds it), the trace ± SE and the sharpness per run', () => {
    render(
      <CurvaturePanel
        frame={done}
        names={['SGD', 'Adam']}
        colors={['#000', '#111']}
        edges={[20, 200]}
        canMeasure
        onMeasure={() => undefined}
        onCancel={() => undefined}
      />,
    );
    const rows = screen.getByTestId('curvature-table').querySelectorAll('tbody tr');
    const cells = (r: number) =>
      Array.from(rows[r]!.querySelectorAll('th, td'), (c) => c.textContent);
    // SGD: λ₁ = 25 > 2/η = 20 → the 2/η cell is flagged.
    expect(cells(0)).toEqual(['SGD', '25.00, 1.000', '20.00', '26.00 ± 0.000', '0.001300']);
    expect(rows[0]!.querySelectorAll('td')[1]!.className).toBe('over-edge');
    expect(cells(1)).toEqual(['Adam', '12.50, 1.000', '200.0', '13.50 ± 0.2500', '0.5000']);
    expect(rows[1]!.querySelectorAll('td')[1]!.className).toBe('');
    expect(screen.getByTestId('spectrum-plot').querySelectorAll('path')).toHaveLength(1);
  });

  it('shows progress and Cancel while running, the reason when it failed, and measures on request', () => {
    const onMeasure = vi.fn();
    const onCancel = vi.fn();
    const { rerender } = render(
      <CurvaturePanel
        frame={{ jobId: 1, state: 'running', done: 3, total: 12 }}
        names={['SGD']}
        colors={['#000']}
        edges={[20]}
        canMeasure
        onMeasure={onMeasure}
        onCancel={onCancel}
      />,
    );
    const bar = screen.getByTestId('curvature-progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([3, 12]);
    fireEvent.click(screen.getByTestId('measure-curvature'));
    expect(onMeasure).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByTestId('cancel-curvature'));
    expect(onCancel).toHaveBeenCalledOnce();
    rerender(
      <CurvaturePanel
        frame={{ jobId: 2, state: 'failed', done: 0, total: 1, message: 'nothing is recorded yet' }}
        names={['SGD']}
        colors={['#000']}
        edges={[20]}
        canMeasure
        onMeasure={onMeasure}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByTestId('curvature-error').textContent).toBe('nothing is recorded yet');
    expect(screen.queryByTestId('cancel-curvature')).toBeNull();
  });
});
