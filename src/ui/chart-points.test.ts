import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linePoints } from './chart-points';

const identity = (v: number) => v;
const positive = (v: number) => v > 0 && Number.isFinite(v);
const parse = (points: string) =>
  points === '' ? [] : points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

describe('linePoints (M4 per pixel column)', () => {
  it('keeps every vertex while no pixel column holds more than two', () => {
    const xs = [0, 0.2, 1, 1.5, 2.2, 3, 4.5];
    const ys = [5, 1, 4, 2, 3, 6, 7];
    const { points, count, end } = linePoints(xs, ys, identity, identity, positive);
    expect(points).toBe('0.0,5.0 0.2,1.0 1.0,4.0 1.5,2.0 2.2,3.0 3.0,6.0 4.5,7.0');
    expect(count).toBe(7);
    expect(end).toEqual([4.5, 7]);
  });

  it('keeps the first, lowest, highest and last vertex of a column, in order', () => {
    // One column (x in [0, 1)): y = 3, 9, 1, 4, 8, 2, 5; lowest on screen = largest y = 9 (i = 1),
    // highest = 1 (i = 2), last i = 6.
    const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const ys = [3, 9, 1, 4, 8, 2, 5];
    expect(linePoints(xs, ys, identity, identity, positive).points).toBe(
      '0.0,3.0 0.1,9.0 0.2,1.0 0.6,5.0',
    );
  });

  it('leaves out values that cannot be drawn and joins across them', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [1, -1, NaN, Infinity, 2];
    const { points, end } = linePoints(
      xs,
      ys,
      (x) => 10 * x,
      (y) => 100 - y,
      positive,
    );
    expect(points).toBe('0.0,99.0 40.0,98.0');
    expect(end).toEqual([40, 98]);
    expect(linePoints([0], [0], identity, identity, positive)).toEqual({
      points: '',
      count: 0,
      end: null,
    });
  });

  it('bounds the vertices by 4 per column and keeps each column’s extremes and ends (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 1, max: 10_000 }).map((v) => v / 10),
          { minLength: 1, maxLength: 400 },
        ),
        fc.integer({ min: 1, max: 60 }),
        (ys, width) => {
          const xs = ys.map((_, i) => i);
          // On a 0.1 px grid, so that the text's one decimal is exact and names the column.
          const px = (x: number) => Math.round((x / ys.length) * width * 10) / 10;
          const { points, count, end } = linePoints(xs, ys, px, identity, positive);
          const kept = parse(points);
          expect(kept).toHaveLength(count);
          const columns = new Set(xs.map((x) => Math.floor(px(x))));
          expect(count).toBeLessThanOrEqual(4 * columns.size);
          // Every kept vertex is an input vertex (to the text's precision), x increasing.
          for (let j = 1; j < kept.length; j++)
            expect(kept[j]![0]).toBeGreaterThanOrEqual(kept[j - 1]![0]);
          // Per column: its extremes and its first and last vertex are kept.
          for (const c of columns) {
            const inColumn = xs.filter((x) => Math.floor(px(x)) === c);
            const values = inColumn.map((i) => ys[i]!);
            const shown = kept.filter(([x]) => Math.floor(x) === c);
            const shownY = shown.map(([, y]) => y);
            expect(Math.max(...shownY)).toBe(Math.max(...values));
            expect(Math.min(...shownY)).toBe(Math.min(...values));
            expect(shown[0]![1]).toBe(values[0]);
            expect(shown.at(-1)![1]).toBe(values.at(-1));
          }
          expect(end).toEqual([px(xs.at(-1)!), ys.at(-1)!]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
