// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CurvePlot, OUTLIER_COLOR } from './CurvePlot';

afterEach(cleanup);

const points = {
  inputDim: 1,
  xTrain: new Float32Array([-0.5, 0, 0.5]),
  yTrain: new Float32Array([-0.4, 1.5, 0.6]),
  xTest: new Float32Array([0.2]),
  yTest: new Float32Array([0.1]),
};

function draw(outliers?: number[]) {
  render(
    <CurvePlot
      x={new Float32Array([-1, 1])}
      y={new Float32Array([-1, 1])}
      colors={['#4e79a7']}
      names={['SGD']}
      window={[-1, 1, -2, 2]}
      points={points}
      outliers={outliers}
      width={400}
      height={300}
    />,
  );
}

describe('CurvePlot dynamic outliers', () => {
  it('rings the listed training points, centred on them, with a legend entry', () => {
    draw([1, 2]);
    const rings = Array.from(document.querySelectorAll('circle.curve-outlier'));
    expect(rings.map((r) => r.getAttribute('data-outlier'))).toEqual(['1', '2']);
    expect(rings[0]!.getAttribute('stroke')).toBe(OUTLIER_COLOR);
    // Each ring sits on its training point's circle.
    const train = Array.from(document.querySelectorAll('circle[data-split="train"]'));
    for (const [i, k] of [1, 2].entries()) {
      expect(rings[i]!.getAttribute('cx')).toBe(train[k]!.getAttribute('cx'));
      expect(rings[i]!.getAttribute('cy')).toBe(train[k]!.getAttribute('cy'));
    }
    expect(screen.getByText(/dynamic outliers/)).toBeTruthy();
  });

  it('draws no ring and no legend entry without outliers', () => {
    draw();
    expect(document.querySelectorAll('circle.curve-outlier')).toHaveLength(0);
    expect(screen.queryByText(/dynamic outliers/)).toBeNull();
  });
});
