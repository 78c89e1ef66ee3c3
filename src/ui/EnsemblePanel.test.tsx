// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EnsembleResult, EnsembleTemperatureResult } from '../config/ensemble-result';
import { ellipseOf } from './EnsembleCharts';
import { cloudExtent, EnsemblePanel } from './EnsemblePanel';

afterEach(cleanup);

/** A temperature with two members at steps 0 and 10. */
function temperature(lr: number, batchSize: number, spread: number): EnsembleTemperatureResult {
  return {
    lr,
    batchSize,
    temperature: lr / batchSize,
    diverged: 0,
    a: [
      [0, 0],
      [-spread, spread],
    ],
    b: [
      [0, 0],
      [spread, -spread],
    ],
    mean: [
      [0, 0],
      [0, 0],
    ],
    cov: [
      [0, 0, 0],
      [2 * spread ** 2, -2 * spread ** 2, 2 * spread ** 2],
    ],
    trace: [0, 4 * spread ** 2],
    loss: [1, 1],
    spread: 4 * spread ** 2,
    spreadError: 0.1 * spread ** 2,
    planeCov: [2 * spread ** 2, -2 * spread ** 2, 2 * spread ** 2],
    escape: {
      escaped: spread > 1 ? 2 : 0,
      fraction: spread > 1 ? 1 : 0,
      quenchedLoss: [1, 1],
      escapedMembers: [spread > 1, spread > 1],
    },
  };
}

const result: EnsembleResult = {
  run: 0,
  members: 2,
  steps: [0, 10],
  window: { from: 10, to: 10 },
  plane: {
    kind: 'axes',
    origin: [0, 0],
    directions: [
      [1, 0],
      [0, 1],
    ],
    explained: null,
    axisLabels: ['x', 'y'],
  },
  temperatures: [temperature(0.1, 4, 0.5), temperature(0.1, 1, 2)],
  fit: { slope: 10, intercept: 0, r2: 1 },
  escape: { radius: 0.5, quenchSteps: 10, quenchLr: 0.1, reference: { theta: [0, 0], loss: 1 } },
};

describe('EnsemblePanel', () => {
  it('ellipseOf: principal standard deviations and angle of a 2×2 covariance', () => {
    const e = ellipseOf(2, 1, 2);
    expect(e.major).toBeCloseTo(Math.sqrt(3), 12);
    expect(e.minor).toBeCloseTo(1, 12);
    expect(e.angle).toBeCloseTo(Math.PI / 4, 12);
    expect(ellipseOf(1, 0, 4).angle).toBeCloseTo(Math.PI / 2, 12);
  });

  it('cloudExtent holds every member of every step with a 5 % margin', () => {
    expect(cloudExtent(result)).toEqual([-2.2, 2.2, -2.2, 2.2]);
  });

  it('draws every cloud with its ellipse, spread and escape against η/B, and a table', () => {
    const onRun = vi.fn();
    render(
      <EnsemblePanel
        frame={{ jobId: 1, state: 'done', done: 10, total: 10, result }}
        onRun={onRun}
        onCancel={() => undefined}
      />,
    );
    const map = screen.getByTestId('ensemble-cloud-map');
    expect(map.querySelectorAll('[data-testid="ensemble-cloud"]')).toHaveLength(2);
    expect(map.querySelectorAll('circle')).toHaveLength(4);
    expect(map.querySelectorAll('[data-testid="ensemble-ellipse"]')).toHaveLength(2);
    expect(screen.getByTestId('ensemble-step-value').textContent).toBe('10');
    const spread = screen.getAllByTestId('ensemble-spread-chart-point');
    expect(spread.map((p) => Number(p.getAttribute('data-x')))).toEqual([0.025, 0.1]);
    expect(spread.map((p) => Number(p.getAttribute('data-y')))).toEqual([1, 16]);
    expect(screen.getByTestId('ensemble-spread-chart-fit')).toBeTruthy();
    expect(screen.getAllByTestId('ensemble-escape-chart-point')).toHaveLength(2);
    expect(screen.getByTestId('ensemble-escaped-1').textContent).toBe('2 of 2');
    expect(screen.getByTestId('ensemble-spread-0').textContent).toBe('1.00 ± 0.0250');
    // Step 0: every member at θ₀.
    fireEvent.change(screen.getByTestId('ensemble-step'), { target: { value: '0' } });
    expect(screen.getByTestId('ensemble-step-value').textContent).toBe('0');
    fireEvent.click(screen.getByTestId('run-ensemble'));
    expect(onRun).toHaveBeenCalledTimes(1);
  });

  it('shows progress with Cancel while running, and the failure message', () => {
    const onCancel = vi.fn();
    const { rerender } = render(
      <EnsemblePanel
        frame={{ jobId: 1, state: 'running', done: 5, total: 10 }}
        onRun={() => undefined}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByTestId('ensemble-progress')).toBeTruthy();
    fireEvent.click(screen.getByTestId('cancel-ensemble'));
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(
      <EnsemblePanel
        frame={{ jobId: 1, state: 'failed', done: 0, total: 1, message: 'ensemble.noise: nope' }}
        onRun={() => undefined}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByTestId('ensemble-error').textContent).toBe('ensemble.noise: nope');
  });
});
