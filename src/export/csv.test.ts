import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LandscapeView, TrajectoryView } from '../state/view-types';
import { csvField, gridCsv, trajectoriesCsv } from './csv';

/** A 2 × 2 grid: a = [−1, 1], b = [0, 2], value = a + 10·b. */
const GRID: LandscapeView = {
  n: 2,
  a: Float32Array.from([-1, 1]),
  b: Float32Array.from([0, 2]),
  values: Float32Array.from([-1, 1, 19, Number.NaN]),
  metric: 'trainLoss',
  axisLabels: ['PC1 (72.5 %)', 'PC2, the second'],
};

const path = (name: string, a: number[], length = a.length): TrajectoryView => ({
  name,
  color: '#000',
  a: Float32Array.from([...a, 99]),
  b: Float32Array.from(a.map((x) => x / 2).concat(99)),
  trueLoss: Float32Array.from(a.map((x) => x * 4).concat(99)),
  planeLoss: Float32Array.from(a.map((x) => x * 3).concat(99)),
  offPlane: Float32Array.from(a.map(() => 0.5).concat(99)),
  length,
  diverged: false,
});

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks; writes NaN as empty', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('writes the grid b-major with a header naming the axes, the metric and the plane', () => {
    const text = gridCsv(GRID, 'pca');
    expect(text).toBe(
      'a: PC1 (72.5 %),"b: PC2, the second",trainLoss (pca plane)\n' +
        '-1,0,-1\n1,0,1\n-1,2,19\n1,2,\n',
    );
    const parsed = Papa.parse<string[]>(text.trimEnd());
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1 + 4);
    expect(parsed.data[0]).toEqual([
      'a: PC1 (72.5 %)',
      'b: PC2, the second',
      'trainLoss (pca plane)',
    ]);
  });

  it('writes one row per recorded point of every run, only the points in use', () => {
    const text = trajectoriesCsv(
      [path('SGD', [0, 2]), path('x,"y"', [1], 1)],
      [0, 10],
      'trainLoss',
    );
    const parsed = Papa.parse<string[]>(text.trimEnd());
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['run', 'step', 'a', 'b', 'trainLoss', 'trainLoss on plane', 'off-plane ratio'],
      ['SGD', '0', '0', '0', '0', '0', '0.5'],
      ['SGD', '10', '2', '1', '8', '6', '0.5'],
      ['x,"y"', '0', '1', '0.5', '4', '3', '0.5'],
    ]);
  });
});
