import { describe, expect, it } from 'vitest';
import { formatTick, roundTick } from './chart-ticks';

// niceStep, logTicks and formatTick are pinned in LossChart.test.ts (LossChart re-exports them).
describe('roundTick', () => {
  it('drops the float noise of summed steps and of m·10^k', () => {
    expect(roundTick(0.1 + 0.2)).toBe(0.3);
    expect(roundTick(3 * 10 ** -5)).toBe(0.00003);
    expect(roundTick(1234567)).toBe(1234570);
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
  });
});
