// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CurvePlot, curvePath } from './CurvePlot';

afterEach(cleanup);

describe('CurvePlot', () => {
  it('draws one curve per run over the data, with axes and a legend', () => {
    const x = new Float32Array([-1, 0, 1]);
    const y = new Float32Array([-1, 0, 1, 0.5, 0.5, 0.5]); // [K = 2, nx = 3]
    render(
      <CurvePlot
        x={x}
        y={y}
        colors={['#4e79a7', '#f28e2b']}
        names={['SGD', 'Adam']}
        window={[-1, 1, -2, 2]}
        points={{
          inputDim: 1,
          xTrain: new Float32Array([-0.5, 0.5]),
          yTrain: new Float32Array([-0.4, 0.6]),
          xTest: new Float32Array([0]),
          yTest: new Float32Array([0.1]),
        }}
      />,
    );
    const paths = document.querySelectorAll('path.curve-line');
    expect(paths).toHaveLength(2);
    expect(paths[0]!.getAttribute('stroke')).toBe('#4e79a7');
    expect(paths[1]!.getAttribute('d')?.match(/[ML]/g)).toHaveLength(3);
    expect(document.querySelectorAll('circle[data-split="train"]')).toHaveLength(2);
    expect(screen.getByText('SGD')).toBeTruthy();
    expect(screen.getByText('Adam')).toBeTruthy();
    const ticks = Array.from(document.querySelectorAll('text.plot-tick')).map((t) => t.textContent);
    expect(ticks).toContain('0');
    expect(ticks).toContain('-2');
  });

  it('breaks a curve at non-finite values', () => {
    const id = (v: number) => v;
    expect(curvePath([0, 1, 2, 3], [1, Number.NaN, 2, 3], 0, id, id)).toBe(
      'M0.0,1.0M2.0,2.0L3.0,3.0',
    );
    expect(curvePath([0, 1], [9, 9, 4, 5], 2, id, id)).toBe('M0.0,4.0L1.0,5.0');
  });
});
