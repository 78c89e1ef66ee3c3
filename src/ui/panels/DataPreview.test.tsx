// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataPreview } from './DataPreview';
import { CLASS_COLORS } from './plot';

afterEach(cleanup);

describe('DataPreview', () => {
  it('colours 2-D points by label, training filled and test hollow', () => {
    render(
      <DataPreview
        points={{
          inputDim: 2,
          xTrain: new Float32Array([-1, -1, 1, 1, 0, 0]),
          yTrain: new Float32Array([0, 1, 1]),
          xTest: new Float32Array([0.5, -0.5]),
          yTest: new Float32Array([0]),
        }}
        window={[-1.2, 1.2, -1.2, 1.2]}
      />,
    );
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-label')).toContain('3 training points');
    const train = Array.from(svg.querySelectorAll('circle[data-split="train"]'));
    expect(train.map((c) => c.getAttribute('fill'))).toEqual([
      CLASS_COLORS[0],
      CLASS_COLORS[1],
      CLASS_COLORS[1],
    ]);
    const test = svg.querySelector('circle[data-split="test"]')!;
    expect(test.getAttribute('fill')).toBe('#ffffff');
    expect(test.getAttribute('stroke')).toBe(CLASS_COLORS[0]);
    // x to the right, y up: (1, 1) is right of and above (−1, −1)
    const [a, b] = train;
    expect(Number(b!.getAttribute('cx'))).toBeGreaterThan(Number(a!.getAttribute('cx')));
    expect(Number(b!.getAttribute('cy'))).toBeLessThan(Number(a!.getAttribute('cy')));
    expect(svg.getAttribute('width')).toBe('160');
  });

  it('plots 1-D regression data as (x, y)', () => {
    render(
      <DataPreview
        points={{
          inputDim: 1,
          xTrain: new Float32Array([0, 1]),
          yTrain: new Float32Array([-1, 1]),
          xTest: new Float32Array([0.5]),
          yTest: new Float32Array([0]),
        }}
        window={[0, 1, -1, 1]}
      />,
    );
    const train = Array.from(document.querySelectorAll('circle[data-split="train"]'));
    expect(train).toHaveLength(2);
    expect(Number(train[1]!.getAttribute('cy'))).toBeLessThan(Number(train[0]!.getAttribute('cy')));
    expect(document.querySelectorAll('circle[data-split="test"]')).toHaveLength(1);
  });
});
