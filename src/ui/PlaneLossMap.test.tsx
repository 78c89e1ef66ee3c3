// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaneLossMap } from './PlaneLossMap';

afterEach(cleanup);

describe('PlaneLossMap', () => {
  it('keeps equal axis scales (the shorter range centred), and draws the paths and points', () => {
    const n = 5;
    // a spans 4, b spans 2: b is centred in a range of 4, the grid covers half the height.
    render(
      <PlaneLossMap
        n={n}
        a={[0, 1, 2, 3, 4]}
        b={[-1, -0.5, 0, 0.5, 1]}
        values={Array.from({ length: n * n }, (_, k) => 0.1 + k)}
        paths={[{ id: 'p', a: [0, 4], b: [0, 0], color: '#f00', width: 3 }]}
        points={[
          { label: 'centre', a: 2, b: 0, fill: '#000', stroke: '#fff' },
          { label: 'corner', a: 4, b: 1, fill: '#000', stroke: '#fff' },
        ]}
        pointRadius={6}
        axisLabels={['x axis', 'y axis']}
        valueLabel="loss"
        testId="map"
        ariaLabel="a map"
        className="test-map"
      />,
    );
    const svg = screen.getByTestId('map');
    const frame = svg.querySelector('rect.plot-frame')!;
    const left = Number(frame.getAttribute('x'));
    const top = Number(frame.getAttribute('y'));
    const size = Number(frame.getAttribute('width'));
    expect(Number(frame.getAttribute('height'))).toBe(size);
    const circle = (label: string) => {
      const c = svg.querySelector(`[data-point="${label}"] circle`)!;
      return [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))];
    };
    // (2, 0) is the middle of the square; (4, 1) is at the right edge, a quarter from the top.
    expect(circle('centre')[0]).toBeCloseTo(left + size / 2, 6);
    expect(circle('centre')[1]).toBeCloseTo(top + size / 2, 6);
    expect(circle('corner')[0]).toBeCloseTo(left + size, 6);
    expect(circle('corner')[1]).toBeCloseTo(top + size / 4, 6);
    // The path's two polylines (halo and line) run along b = 0.
    const lines = svg.querySelectorAll('[data-path="p"] polyline');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.getAttribute('stroke')).toBe('#f00');
    expect(lines[1]!.getAttribute('points')).toBe(
      `${left.toFixed(1)},${(top + size / 2).toFixed(1)} ${(left + size).toFixed(1)},${(top + size / 2).toFixed(1)}`,
    );
    expect(svg.querySelectorAll('path').length).toBeGreaterThan(3);
    expect(svg.textContent).toContain('x axis');
    expect(svg.textContent).toContain('loss');
  });
});
