import { describe, expect, it } from 'vitest';
import { logHeights, zeroBasedRange } from './curve-plot';

describe('curve plot helpers', () => {
  it('log heights: 0 at the minimum, 1 at the clip quantile, log-spaced between, NaN as 1', () => {
    const { t, lo, hi } = logHeights([0.01, 0.1, 1, 10, Number.NaN], 1);
    expect(lo).toBeCloseTo(0.01, 10);
    expect(hi).toBeCloseTo(10, 8);
    expect(Array.from(t)).toEqual([0, 1 / 3, 2 / 3, 1, 1].map(Math.fround));
    // With the 0.5 quantile, 1 and above are clipped to 1.
    const clipped = logHeights([0.01, 0.1, 1, 10], 0.5);
    expect(clipped.hi).toBeCloseTo(0.1, 8);
    expect(Array.from(clipped.t)).toEqual([0, 1, 1, 1]);
  });

  it('zero-based range: the largest finite value plus 5 %', () => {
    expect(zeroBasedRange([[0.2, 1, null], null, [Number.NaN, 0.5]])).toEqual([0, 1.05]);
    expect(zeroBasedRange([])).toEqual([0, 1e-6]);
  });
});
