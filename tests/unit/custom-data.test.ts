import { describe, expect, it } from 'vitest';
import { generateDataset, type DatasetSpec } from '../../src/engine/data/datasets';

const custom = (x: number[][], testX?: number[][]): DatasetSpec => ({
  kind: 'custom',
  task: 'regression',
  x,
  y: x.map((_, i) => i),
  testX,
  testY: testX?.map(() => 0),
  testFraction: 0,
  seed: 1,
});

describe('custom data in the engine', () => {
  it('lays points out row-major with explicit test points', () => {
    const d = generateDataset(
      custom(
        [
          [1, 2],
          [3, 4],
        ],
        [[5, 6]],
      ),
    );
    expect(Array.from(d.xTrain)).toEqual([1, 2, 3, 4]);
    expect(Array.from(d.xTest)).toEqual([5, 6]);
    expect(d.inputDim).toBe(2);
  });

  it('refuses rows of another width instead of overflowing or zero-filling', () => {
    expect(() =>
      generateDataset(
        custom(
          [
            [1, 2],
            [3, 4],
          ],
          [[5, 6, 7]],
        ),
      ),
    ).toThrow('custom test point 0 has 3 coordinates, the training points have 2');
    expect(() =>
      generateDataset(
        custom(
          [
            [1, 2],
            [3, 4],
          ],
          [[5]],
        ),
      ),
    ).toThrow('custom test point 0 has 1 coordinates, the training points have 2');
    expect(() => generateDataset(custom([[1, 2], [3]]))).toThrow(
      'custom point 1 has 1 coordinates, the training points have 2',
    );
  });
});
