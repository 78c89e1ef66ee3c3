// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LossChart } from './LossChart';

afterEach(cleanup);

describe('LossChart', () => {
  it('draws one polyline per series, test losses dashed, a ✕ where a run diverged', () => {
    const { container } = render(
      <LossChart
        steps={[0, 10, 20]}
        totalSteps={20}
        yLabel="loss"
        series={[
          { name: 'SGD', color: '#4e79a7', values: [0.7, 0.5, 0.3], divergedAt: null },
          { name: 'Hot', color: '#e15759', values: [0.7, 5, 50], divergedAt: 20 },
          {
            name: 'SGD',
            color: '#4e79a7',
            values: [0.72, 0.6, 0.45],
            divergedAt: null,
            dashed: true,
          },
        ]}
      />,
    );
    const lines = [...container.querySelectorAll('polyline.series')];
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.getAttribute('stroke-dasharray'))).toEqual([null, null, '6 4']);
    expect(lines[0]!.getAttribute('points')!.split(' ')).toHaveLength(3);
    expect(container.querySelectorAll('.diverged-mark')).toHaveLength(1);
  });
});
