// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BadMinimaResult, BadMinimumResult } from '../config/result';
import type { BadMinimaFrame } from '../protocol/frames';
import { BadMinimaPanel, type BadMinimaPanelProps } from './BadMinimaPanel';

afterEach(cleanup);

const t = Array.from({ length: 61 }, (_, i) => -0.5 + i / 30);
const n = 5;
const bad = (checkpoint: number, testAccuracy: number): BadMinimumResult => ({
  trainLoss: 0.05,
  trainAccuracy: 1,
  testLoss: 0.9,
  testAccuracy,
  lambdaMax: 3.2,
  checkpoint,
  startStep: checkpoint * 300,
  steps: 1630,
  reached: true,
  fitsClean: true,
  poisonAccuracy: 0.99,
  distance: 47.2,
  distanceFraction: 2.19,
  distanceToGood: 47.2,
  theta: [0, 0],
  interpolation: {
    trainLoss: t.map((x) => x * x),
    testLoss: t.map((x) => x * x + 0.1),
    trainAccuracy: t.map(() => 1),
    testAccuracy: t.map(() => 0.8),
  },
});
const path = { a: [0, 1], b: [0, 0], trueLoss: [1, 0], offPlaneRelative: [0, 0] };
const result: BadMinimaResult = {
  run: 0,
  name: 'Adam',
  rho: 1,
  trainSize: 100,
  poisonSize: 100,
  pathLength: 21.6,
  good: {
    trainLoss: 2.4e-4,
    trainAccuracy: 1,
    testLoss: 0.1,
    testAccuracy: 0.98,
    lambdaMax: 0.116,
    step: 300,
    theta: [0, 0],
  },
  bad: [bad(0.25, 0.74), bad(1, 0.82)],
  t,
  plane: {
    bad: 1,
    n,
    a: [-1, 0, 1, 2, 3],
    b: [-2, -1, 0, 1, 2],
    trainLoss: Array.from({ length: n * n }, (_, k) => 0.01 + k),
    testLoss: Array.from({ length: n * n }, (_, k) => 0.02 + k),
    points: { a: [0, 1, 2], b: [0, 0, 1] },
    good: path,
    badPath: { ...path, a: [1, 2], b: [0, 1] },
  },
  boundaries: {
    n: 4,
    window: [-1, 1, -1, 1],
    good: Array.from({ length: 16 }, (_, k) => k / 15),
    bad: [Array.from({ length: 16 }, () => 0.3), Array.from({ length: 16 }, () => 0.7)],
  },
  poison: { x: [0, 0], y: [1] },
};

function renderPanel(frame: BadMinimaFrame | null, overrides: Partial<BadMinimaPanelProps> = {}) {
  const props: BadMinimaPanelProps = {
    frame,
    names: ['Adam', 'Adam, seed 2'],
    run: 0,
    onRun: vi.fn(),
    rho: 1,
    onRho: vi.fn(),
    checkpoints: '0.25, 1',
    onCheckpoints: vi.fn(),
    onFind: vi.fn(),
    onCancel: vi.fn(),
    canFind: true,
    ...overrides,
  };
  render(<BadMinimaPanel {...props} />);
  return props;
}

describe('BadMinimaPanel', () => {
  it('finds bad minima at the typed checkpoints with one click', () => {
    const props = renderPanel(null);
    fireEvent.click(screen.getByTestId('find-bad-minima'));
    expect(props.onFind).toHaveBeenCalledWith([0.25, 1]);
  });

  it('refuses checkpoints that are not fractions, saying why', () => {
    renderPanel(null, { checkpoints: '0, 1.5' });
    expect((screen.getByTestId('find-bad-minima') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe(
      'Checkpoints: “1.5” is not a fraction from 0 to 1',
    );
  });

  it('shows the bad runs’ accuracies and Cancel while they train', () => {
    const props = renderPanel({
      jobId: 1,
      state: 'running',
      done: 40,
      total: 2000,
      training: {
        phase: 'training',
        cleanAccuracy: [0.88, 0.89],
        poisonAccuracy: [0.61, 0.615],
        stopped: [false, true],
      },
    });
    const rows = screen.getByTestId('bad-minima-training').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toBe('#1 88.0 % 61.0 %');
    expect(rows[1]!.textContent).toBe('#2 89.0 % 61.5 % ✓');
    fireEvent.click(screen.getByTestId('cancel-bad-minima'));
    expect(props.onCancel).toHaveBeenCalledOnce();
  });

  it('shows good vs bad, the interpolation, the plane and the distances', () => {
    renderPanel({ jobId: 2, state: 'done', done: 2000, total: 2000, result });
    expect(screen.getByTestId('metrics-good').textContent).toBe(
      'Train loss (clean)2.40e-4Train accuracy100.0 %Test accuracy98.0 %λ_max0.116',
    );
    // The plane's bad minimum (the last) is shown first.
    expect(screen.getByTestId('metrics-bad').textContent).toContain('Test accuracy82.0 %');
    fireEvent.change(screen.getByTestId('bad-minima-pick'), { target: { value: '0' } });
    expect(screen.getByTestId('metrics-bad').textContent).toContain('Test accuracy74.0 %');
    const rows = screen.getByTestId('bad-minima-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[2]!.textContent).toBe('100 % (step 300)1630100.0 %99.0 %82.0 %3.2047.22.19');
    const loss = screen.getByTestId('bad-minima-interpolation-loss');
    expect(
      loss.querySelector('[data-series="train"]')!.getAttribute('points')!.split(' '),
    ).toHaveLength(61);
    const plane = screen.getByTestId('bad-minima-plane');
    expect(plane.querySelectorAll('[data-path]')).toHaveLength(2);
    expect(plane.querySelectorAll('[data-point]')).toHaveLength(3);
  });
});

describe('BadMinimaPanel with C ≥ 3 classes', () => {
  const done = (r: BadMinimaResult): BadMinimaFrame => ({
    jobId: 3,
    state: 'done',
    done: 1,
    total: 1,
    result: r,
  });
  // Grid point k: class k mod 3 has probability 0.8, the others 0.1.
  const probabilities = (shift: number) =>
    Array.from({ length: 16 }, (_, k) =>
      [0, 1, 2].map((c) => (c === (k + shift) % 3 ? 0.8 : 0.1)),
    ).flat();
  const multi: BadMinimaResult = {
    ...result,
    boundaries: {
      n: 4,
      window: [-1, 1, -1, 1],
      classes: 3,
      good: probabilities(0),
      bad: [probabilities(1), probabilities(2)],
    },
    classAccuracy: {
      good: [1, 0.9, 0.95],
      bad: [
        [0.5, 0.25, 1],
        [0.8, 0.6, 0.4],
      ],
    },
  };

  it('draws categorical decision maps with the class legend, and per-class accuracy bars', () => {
    renderPanel(done(multi));
    for (const side of ['good', 'bad']) {
      const stage = screen.getByTestId(`side-${side}`).querySelector('.boundary-stage')!;
      expect(stage.getAttribute('data-classes')).toBe('3');
      expect(stage.getAttribute('aria-label')).toMatch(/predicted one of 3 classes/);
      const legend = screen.getByTestId(`side-${side}`).querySelector('.boundary-classes')!;
      expect(legend.textContent).toBe('012boundary');
    }
    const bars = screen.getByTestId('bad-minima-class-bars');
    expect(bars.querySelectorAll('[data-class]')).toHaveLength(3);
    const value = (c: number, which: string) =>
      Number(
        bars
          .querySelector(`[data-class="${c}"] [data-which="${which}"]`)!
          .getAttribute('data-value'),
      );
    const height = (c: number, which: string) =>
      Number(
        bars.querySelector(`[data-class="${c}"] [data-which="${which}"]`)!.getAttribute('height'),
      );
    // The shown bad minimum is the plane's (the last): [0.8, 0.6, 0.4].
    expect([0, 1, 2].map((c) => value(c, 'bad'))).toEqual([0.8, 0.6, 0.4]);
    expect([0, 1, 2].map((c) => value(c, 'good'))).toEqual([1, 0.9, 0.95]);
    // Bar heights are proportional to the accuracy.
    expect(height(1, 'bad') / height(0, 'good')).toBeCloseTo(0.6, 6);
    fireEvent.change(screen.getByTestId('bad-minima-pick'), { target: { value: '0' } });
    expect(value(1, 'bad')).toBe(0.25);
    expect(screen.queryByTestId('bad-minima-no-map')).toBeNull();
  });

  it('says there is no input map for inputs that are not 2-D, and compares per class', () => {
    const digits: BadMinimaResult = {
      ...result,
      boundaries: null,
      classAccuracy: {
        good: Array.from({ length: 10 }, (_, c) => 0.9 + c / 100),
        bad: [Array.from({ length: 10 }, () => 0.5), Array.from({ length: 10 }, () => 0.7)],
      },
    };
    renderPanel(done(digits));
    expect(screen.queryByTestId('side-good')!.querySelector('.boundary-stage')).toBeNull();
    expect(screen.getByTestId('bad-minima-no-map').textContent).toMatch(/No decision map/);
    const bars = screen.getByTestId('bad-minima-class-bars');
    expect(bars.querySelectorAll('[data-class]')).toHaveLength(10);
    expect(
      bars.querySelector('[data-class="9"] [data-which="good"]')!.getAttribute('data-value'),
    ).toBe('0.99');
  });

  it('keeps the binary maps and shows no class bars for two classes', () => {
    renderPanel(
      done({
        ...result,
        classAccuracy: {
          good: [1, 1],
          bad: [
            [1, 0.5],
            [1, 0.5],
          ],
        },
      }),
    );
    const stage = screen.getByTestId('side-good').querySelector('.boundary-stage')!;
    expect(stage.getAttribute('data-classes')).toBe('2');
    expect(screen.queryByTestId('bad-minima-classes')).toBeNull();
  });
});
