// @vitest-environment happy-dom
/**
 * The sampler-landscape panel: both maps on one shared log colour domain (the min and max over
 * BOTH grids), each with the contour bands its own range reaches, the run's marker on both, and
 * one colour bar.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLED_LEVELS, SampledLandscapes } from './SampledLandscapes';

afterEach(cleanup);

const n = 21;
const a = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
const b = Array.from({ length: n }, (_, j) => -2 + (4 * j) / (n - 1));
// L: log₁₀ L runs from −2 (at the centre) to 1 (at the corners); L_p: from 0.1 to 0.9.
const r2 = (i: number, j: number) => (a[i]! ** 2 + (b[j]! / 2) ** 2) / 2;
const trainLoss: number[] = [];
const sampledLoss: number[] = [];
for (let j = 0; j < n; j++)
  for (let i = 0; i < n; i++) {
    trainLoss.push(10 ** (-2 + 3 * r2(i, j)));
    sampledLoss.push(0.1 + 0.8 * r2(i, j));
  }

describe('SampledLandscapes', () => {
  it('draws L and L_p on one colour domain, with the marker on both', () => {
    const { container } = render(
      <SampledLandscapes
        a={a}
        b={b}
        trainLoss={trainLoss}
        sampledLoss={sampledLoss}
        marker={{ a: 0.5, b: -1 }}
        color="#0072B2"
        axisLabels={['PC1', 'PC2']}
      />,
    );
    const maps = screen.getAllByTestId('sampled-map');
    expect(maps.map((m) => m.getAttribute('data-map'))).toEqual(['train', 'sampled']);
    // The shared domain: [min, max] over both grids = [0.01, 10] (from L alone here).
    expect(Math.min(...trainLoss)).toBe(0.01);
    expect(Math.max(...trainLoss)).toBe(10);
    for (const m of maps) expect(m.getAttribute('data-domain')).toBe('0.01,10');
    // Levels at t = k/15 of the 3 decades: L reaches all 14; L_p ≤ 0.9 reaches t ≤ 0.651, k ≤ 9.
    expect(maps.map((m) => Number(m.getAttribute('data-bands')))).toEqual([SAMPLED_LEVELS, 9]);
    expect(screen.getAllByTestId('sampled-marker')).toHaveLength(2);
    expect(container.querySelectorAll('[data-testid="sampled-colorbar"]')).toHaveLength(1);
    expect(container.textContent).toContain('PC1');
  });

  it('leaves the marker out when the run is off the grid', () => {
    render(
      <SampledLandscapes
        a={a}
        b={b}
        trainLoss={trainLoss}
        sampledLoss={sampledLoss}
        marker={{ a: 3, b: 0 }}
        color="#0072B2"
        axisLabels={['PC1', 'PC2']}
      />,
    );
    expect(screen.queryAllByTestId('sampled-marker')).toHaveLength(0);
  });
});
