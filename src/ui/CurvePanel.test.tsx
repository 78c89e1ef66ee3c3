// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectPath, ConnectResult } from '../config/result';
import type { ConnectFrame } from '../protocol/frames';
import { CurvePanel, type CurvePanelProps } from './CurvePanel';

afterEach(cleanup);

const t = Array.from({ length: 61 }, (_, i) => i / 60);
/** A bump of height h at t = ½ over end losses 0.1. */
const bump = (h: number): ConnectPath => {
  const trainLoss = t.map((x) => 0.1 + h * 4 * x * (1 - x));
  return {
    trainLoss,
    testLoss: trainLoss.map((l) => l + 0.05),
    trainAccuracy: trainLoss.map(() => 0.9),
    testAccuracy: trainLoss.map(() => 0.85),
    barrier: h,
    testBarrier: h,
  };
};
const n = 5;
const result: ConnectResult = {
  type: 'bezier',
  runs: [0, 1],
  names: ['seed 1', 'seed 2'],
  steps: 300,
  samples: 8,
  t,
  history: [1, 0.5],
  segment: bump(1.2),
  curve: bump(0.03),
  bend: [0, 0],
  plane: {
    axisLabels: ['along the segment w₀ → w₂', 'towards the bend w₁'],
    n,
    a: [-1, 0, 1, 2, 3],
    b: [-2, -1, 0, 1, 2],
    values: Array.from({ length: n * n }, (_, k) => 0.01 + k),
    segment: { a: t.map((x) => 2 * x), b: t.map(() => 0) },
    curve: { a: t.map((x) => 2 * x), b: t.map((x) => 2 * x * (1 - x)), offPlane: t.map(() => 0) },
    points: { a: [0, 1, 2], b: [0, 1, 0] },
  },
};

function renderPanel(frame: ConnectFrame | null, overrides: Partial<CurvePanelProps> = {}) {
  const props: CurvePanelProps = {
    frame,
    names: ['seed 1', 'seed 2', 'SGD'],
    runs: [0, 1],
    type: 'bezier',
    onRuns: vi.fn(),
    onType: vi.fn(),
    onTrain: vi.fn(),
    onCancel: vi.fn(),
    canTrain: true,
    ...overrides,
  };
  render(<CurvePanel {...props} />);
  return props;
}

describe('CurvePanel', () => {
  it('picks two runs and the shape; one click trains', () => {
    const props = renderPanel(null);
    fireEvent.change(screen.getByTestId('curve-run-1'), { target: { value: '2' } });
    expect(props.onRuns).toHaveBeenCalledWith([0, 2]);
    fireEvent.change(screen.getByTestId('curve-type'), { target: { value: 'chain' } });
    expect(props.onType).toHaveBeenCalledWith('chain');
    fireEvent.click(screen.getByTestId('train-curve'));
    expect(props.onTrain).toHaveBeenCalledTimes(1);
  });

  it('refuses the same run twice and says why', () => {
    renderPanel(null, { runs: [1, 1] });
    expect((screen.getByTestId('train-curve') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Pick two different runs/)).toBeTruthy();
  });

  it('shows both barriers, both paths on the loss and accuracy charts, and the plane', () => {
    const props = renderPanel({
      jobId: 1,
      state: 'running',
      done: 150,
      total: 300,
      result: { ...result, steps: 150 },
    });
    fireEvent.click(screen.getByTestId('cancel-curve'));
    expect(props.onCancel).toHaveBeenCalledOnce();
    expect(screen.getByTestId('segment-barrier').textContent).toBe('1.20');
    expect(screen.getByTestId('curve-barrier').textContent).toBe('0.0300');
    expect(screen.getByTestId('curve-status').textContent).toContain(
      'training the bend: step 150 of 300',
    );
    expect((screen.getByTestId('curve-progress') as HTMLProgressElement).value).toBe(150);
    const loss = screen.getByTestId('curve-loss-chart');
    expect(loss.querySelectorAll('polyline.series:not(.dashed)')).toHaveLength(2);
    expect(loss.querySelectorAll('polyline.dashed')).toHaveLength(2);
    // 61 points per line.
    const solid = loss.querySelector('polyline[data-series="curve, train"]')!;
    expect(solid.getAttribute('points')!.split(' ')).toHaveLength(61);
    expect(screen.getByTestId('curve-accuracy-chart')).toBeTruthy();
    const plane = screen.getByTestId('curve-plane');
    expect(plane.querySelectorAll('[data-path]')).toHaveLength(2);
    expect(
      Array.from(plane.querySelectorAll('[data-point]'), (g) => g.getAttribute('data-point')),
    ).toEqual(['w₀', 'w₁', 'w₂']);
    expect(plane.querySelectorAll('path').length).toBeGreaterThan(3);
  });

  it('a failure is shown in words', () => {
    renderPanel({
      jobId: 2,
      state: 'failed',
      done: 0,
      total: 1,
      message: 'nothing is recorded yet',
    });
    expect(screen.getByTestId('curve-error').textContent).toBe('nothing is recorded yet');
  });
});
