// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoundaryPlot, drawBoundary, lineInWindow } from './BoundaryPlot';
import { boundaryColor, type DataPoints } from './plot';

/**
 * happy-dom has no canvas 2-D context, so the canvas gets a small fake one that keeps the pixels
 * put into it; the colour map and the contour are tested as pure functions in plot.test.ts.
 */
let puts: { data: Uint8ClampedArray; width: number }[] = [];
type MockGetContext = { mockImplementation(f: () => CanvasRenderingContext2D | null): void };
beforeEach(() => {
  puts = [];
  // getContext is overloaded; the fake stands in for the '2d' overload only.
  (
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext') as unknown as MockGetContext
  ).mockImplementation(
    () =>
      ({
        createImageData: (w: number, h: number) => ({
          width: w,
          height: h,
          data: new Uint8ClampedArray(w * h * 4),
        }),
        putImageData: (image: { data: Uint8ClampedArray; width: number }) => {
          puts.push({ data: image.data.slice(), width: image.width });
        },
      }) as unknown as CanvasRenderingContext2D,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const N = 11;
const WINDOW = [-1, 1, -1, 1] as const;

/** P(y = 1) = 1 right of x = 0, 0 left of it, 0.5 on it (column 5). */
function halfPlane(): Float32Array {
  const v = new Float32Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) v[j * N + i] = i < 5 ? 0 : i > 5 ? 1 : 0.5;
  return v;
}

const POINTS: DataPoints = {
  inputDim: 2,
  xTrain: new Float32Array([-0.5, 0.2, 0.5, -0.3]),
  yTrain: new Float32Array([0, 1]),
  xTest: new Float32Array([0.1, 0.1]),
  yTest: new Float32Array([1]),
};

/** The RGB of pixel (column i, grid row j) of the last image drawn. */
function pixel(i: number, j: number): number[] {
  const img = puts[puts.length - 1]!;
  const row = img.width - 1 - j;
  const o = 4 * (row * img.width + i);
  return Array.from(img.data.slice(o, o + 3));
}

describe('BoundaryPlot', () => {
  it('draws P = 0 and P = 1 cells in different colours, with the title and points', () => {
    render(
      <BoundaryPlot
        values={halfPlane()}
        n={N}
        window={WINDOW}
        name="Adam"
        color="#f28e2b"
        points={POINTS}
      />,
    );
    expect(puts).toHaveLength(1);
    expect(pixel(0, 5)).toEqual(boundaryColor(0));
    expect(pixel(10, 5)).toEqual(boundaryColor(1));
    expect(pixel(0, 5)).not.toEqual(pixel(10, 5));
    expect(screen.getByText('Adam').tagName).toBe('STRONG');
    expect(document.querySelectorAll('circle[data-split="train"]')).toHaveLength(2);
    expect(document.querySelectorAll('circle[data-split="test"]')).toHaveLength(1);
  });

  it('draws the 0.5 contour as a line', () => {
    render(<BoundaryPlot values={halfPlane()} n={N} window={WINDOW} name="A" color="#000" />);
    const d = screen.getByTestId('boundary-contour').getAttribute('d') ?? '';
    expect(d.startsWith('M')).toBe(true);
    // every vertex of the line sits at x = 0, the middle of the 240 px plot
    const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(2);
    for (const x of xs) expect(x).toBeCloseTo(120, 0);
  });

  it('redraws only when values or version change', () => {
    const values = halfPlane();
    const props = { n: N, window: WINDOW, name: 'A', color: '#000' };
    const { rerender } = render(<BoundaryPlot {...props} values={values} version={1} />);
    expect(puts).toHaveLength(1);
    rerender(<BoundaryPlot {...props} values={values} version={1} name="renamed" />);
    rerender(<BoundaryPlot {...props} values={values} version={1} window={[-1, 1, -1, 1]} />);
    expect(puts).toHaveLength(1);
    values.fill(1);
    rerender(<BoundaryPlot {...props} values={values} version={2} />);
    expect(puts).toHaveLength(2);
    expect(pixel(0, 5)).toEqual(boundaryColor(1));
    rerender(<BoundaryPlot {...props} values={halfPlane()} version={2} />);
    expect(puts).toHaveLength(3);
  });

  it('does nothing without a 2-D context', () => {
    (
      vi.mocked(HTMLCanvasElement.prototype.getContext) as unknown as MockGetContext
    ).mockImplementation(() => null);
    expect(drawBoundary(document.createElement('canvas'), halfPlane(), N)).toBe(false);
  });
});

describe('lineInWindow (the SVM line on the boundary plot)', () => {
  it('clips w₁x + w₂y + b = 0 to the window', () => {
    // x + y = 0 across [−1, 1]²: the corners (−1, 1) and (1, −1).
    expect(lineInWindow([1, 1, 0], [-1, 1, -1, 1])).toEqual([
      [-1, 1],
      [1, -1],
    ]);
    // y = 0.5 (0·x + 2y − 1 = 0): from (−1, 0.5) to (1, 0.5).
    expect(lineInWindow([0, 2, -1], [-1, 1, -1, 1])).toEqual([
      [-1, 0.5],
      [1, 0.5],
    ]);
    // x = 3 misses the window.
    expect(lineInWindow([1, 0, -3], [-1, 1, -1, 1])).toBeNull();
  });
});

describe('BoundaryPlot with three classes', () => {
  it('draws one class boundary line per region edge and a legend of the three classes', () => {
    // 3 classes on a 9×9 grid over [−1, 1]²: class 0 for x < −1/3, class 1 for x > 1/3, class 2
    // between; the class regions meet at two vertical lines.
    const n = 9;
    const values = new Float32Array(n * n * 3);
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const x = -1 + (2 * i) / (n - 1);
        const c = x < -1 / 3 ? 0 : x > 1 / 3 ? 1 : 2;
        for (let k = 0; k < 3; k++) values[(j * n + i) * 3 + k] = k === c ? 0.8 : 0.1;
      }
    const { container, getByTestId } = render(
      <BoundaryPlot
        values={values}
        n={n}
        window={[-1, 1, -1, 1]}
        name="A"
        color="#000"
        classes={3}
      />,
    );
    expect(container.querySelector('[data-classes="3"]')).not.toBeNull();
    expect(getByTestId('boundary-classes').querySelectorAll('.boundary-class')).toHaveLength(3);
    // Contour path: every class's margin field crosses 0 on the vertical lines between regions.
    const d = getByTestId('boundary-contour').getAttribute('d')!;
    expect(d.length).toBeGreaterThan(0);
    const xs = d
      .split(/[ML]/)
      .filter(Boolean)
      .map((pt) => Number(pt.split(',')[0]));
    // The margin fields go from +0.7 to −0.7 between the columns at x = −0.5 and −0.25 (and 0.25
    // and 0.5): zero at x = ∓0.375, which the 240-px plot of [−1.125, 1.125] puts at 80 and 160.
    expect([...new Set(xs.map((x) => Math.round(x * 10) / 10))].sort((a, b) => a - b)).toEqual([
      80, 160,
    ]);
  });
});
