// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MaxMarginBiasResult, MinNormBiasResult } from '../config/result';
import type { ImplicitBiasFrame } from '../protocol/frames';
import { ImplicitBiasPanel, type ImplicitBiasPanelProps } from './ImplicitBiasPanel';
import { yAxis } from './ImplicitBiasChart';

afterEach(cleanup);

const steps = [0, 100, 1000, 10_000];
/** The lesson's measured values (examples/implicit-bias-logistic.json): GD, Adam, Adagrad. */
const maxMargin: MaxMarginBiasResult = {
  kind: 'max-margin',
  svm: { theta: [3, -4, 1], direction: [0.6, -0.8, 0.2], margin: 0.202, support: [13, 20, 21] },
  runs: [
    {
      name: 'GD',
      steps,
      angle: [NaN, 0.0671, 0.05, 0.0389],
      margin: [NaN, 0.152, 0.17, 0.188],
      norm: [0, 10.5, 19, 28.6],
    },
    {
      name: 'Adam',
      steps,
      angle: [NaN, 0.2, 0.08, 0.059],
      margin: [NaN, 0.1, 0.15, 0.18],
      norm: [0, 1, 5, 9],
    },
    {
      name: 'Adagrad',
      steps,
      angle: [NaN, 0.3, 0.12, 0.097],
      margin: [NaN, 0.05, 0.12, 0.16],
      norm: [0, 1, 4, 8],
    },
  ],
};
const minNorm: MinNormBiasResult = {
  kind: 'min-norm',
  minNorm: { theta: [0.1, 0.2], norm: 0.6138, trainLoss: 1e-12, testLoss: 0.31 },
  runs: [
    {
      name: 'GD',
      steps,
      distance: [0.6138, 0.1, 1e-3, 3e-7],
      relativeDistance: [1, 0.163, 1.63e-3, 5e-7],
      norm: [0, 0.5, 0.61, 0.6138],
    },
    {
      name: 'Adam',
      steps,
      distance: [0.6138, 0.5, 0.45, 0.454],
      relativeDistance: [1, 0.81, 0.74, 0.74],
      norm: [0, 0.7, 0.8, 0.82],
    },
  ],
};
const done = (result: ImplicitBiasFrame['result']): ImplicitBiasFrame => ({
  jobId: 1,
  state: 'done',
  done: 2,
  total: 2,
  result,
});

function renderPanel(props: Partial<ImplicitBiasPanelProps> = {}) {
  const onMeasure = vi.fn();
  const onCancel = vi.fn();
  render(
    <ImplicitBiasPanel
      frame={null}
      colors={['#0072b2', '#d55e00', '#009e73']}
      finalLoss={{ train: [0.012, 0.02, 0.03], test: [0.05, 0.06, 0.07] }}
      canMeasure
      onMeasure={onMeasure}
      onCancel={onCancel}
      {...props}
    />,
  );
  return { onMeasure, onCancel };
}

describe('ImplicitBiasPanel', () => {
  it('runs the job on click; shows progress with Cancel while it runs, and the engine’s message', () => {
    const { onMeasure, onCancel } = renderPanel();
    fireEvent.click(screen.getByTestId('measure-implicit-bias'));
    expect(onMeasure).toHaveBeenCalledOnce();
    cleanup();
    const r = renderPanel({ frame: { jobId: 1, state: 'running', done: 1, total: 2 } });
    expect(screen.getByTestId('implicit-bias-progress').getAttribute('value')).toBe('1');
    fireEvent.click(screen.getByTestId('cancel-implicit-bias'));
    expect(r.onCancel).toHaveBeenCalledOnce();
    expect(onCancel).not.toHaveBeenCalled();
    cleanup();
    const message =
      'implicitBias: the data are not linearly separable: the hard-margin SVM has no solution';
    renderPanel({ frame: { jobId: 2, state: 'failed', done: 0, total: 1, message } });
    expect(screen.getByTestId('implicit-bias-error').textContent).toBe(message);
    expect(screen.queryByTestId('implicit-bias-table')).toBeNull();
  });

  it('logistic: angle and margin charts on a log step axis, γ dashed, final angles and losses per run', () => {
    renderPanel({ frame: done(maxMargin) });
    expect(screen.getByTestId('svm-margin').textContent).toBe('0.202');
    const angle = screen.getByTestId('implicit-bias-angle-chart');
    const lines = angle.querySelectorAll('polyline');
    expect([...lines].map((l) => l.getAttribute('data-run'))).toEqual(['GD', 'Adam', 'Adagrad']);
    // Step 0 (θ = 0, no direction) is left out: 3 points per run.
    expect(lines[0]!.getAttribute('points')!.split(' ')).toHaveLength(3);
    // Log x: steps 100, 1000, 10000 are equally spaced.
    const xs = lines[0]!
      .getAttribute('points')!
      .split(' ')
      .map((p) => Number(p.split(',')[0]));
    expect(xs[2]! - xs[1]!).toBeCloseTo(xs[1]! - xs[0]!, 0);
    const tickLabels = [...angle.querySelectorAll('.tick-label')].map((t) => t.textContent);
    expect(tickLabels).toEqual(expect.arrayContaining(['100', '1000', '1e4']));
    const margin = screen.getByTestId('implicit-bias-margin-chart');
    expect(
      margin.querySelector('[data-testid="implicit-bias-margin-chart-reference"]')!.textContent,
    ).toBe('SVM γ = 0.202');
    const finals = [0, 1, 2].map((k) => screen.getByTestId(`implicit-bias-final-${k}`).textContent);
    expect(finals).toEqual(['0.0389', '0.0590', '0.0970']);
    const gdRow = screen.getByTestId('implicit-bias-table').querySelector('tr[data-run="GD"]')!;
    expect([...gdRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'GD',
      '0.0389',
      '0.0120',
      '0.0500',
    ]);
  });

  it('least squares: relative distance to A⁺b (log) and ‖θ‖ with ‖A⁺b‖ dashed', () => {
    renderPanel({ frame: done(minNorm) });
    expect(screen.getByTestId('min-norm').textContent).toBe('0.614');
    expect(
      screen.getByTestId('implicit-bias-distance-chart').querySelectorAll('polyline'),
    ).toHaveLength(2);
    expect(
      screen.getByTestId('implicit-bias-norm-chart').querySelector('[data-testid$="-reference"]')!
        .textContent,
    ).toBe('‖A⁺b‖ = 0.614');
    expect(screen.getByTestId('implicit-bias-final-0').textContent).toBe('5.00e-7');
    expect(screen.getByTestId('implicit-bias-final-1').textContent).toBe('0.740');
  });

  it('linear y ticks cover the data with nice steps', () => {
    expect(yAxis(0.05, 0.202, 'linear')).toEqual({
      domain: [0.05, 0.25],
      major: [0.05, 0.1, 0.15, 0.2, 0.25],
    });
    expect(yAxis(0.03, 0.202, 'linear').domain).toEqual([0, 0.25]);
    // Log: LossChart's ticks (1, 2, 3, 5 · 10^k over 0.9 decades).
    expect(yAxis(0.0389, 0.3, 'log').domain).toEqual([0.03, 0.3]);
  });
});
