import { describe, expect, it } from 'vitest';
import { parseCheckpoints, percent, short } from './bad-minima-plot';

describe('bad-minima panel helpers', () => {
  it('reads checkpoints typed as fractions, or says what is allowed', () => {
    expect(parseCheckpoints('0, 0.5, 1')).toEqual([0, 0.5, 1]);
    expect(parseCheckpoints(' 0.25 0.75 ')).toEqual([0.25, 0.75]);
    expect(parseCheckpoints('')).toMatch(/1 to 8 fractions/);
    expect(parseCheckpoints('0, 2')).toBe('“2” is not a fraction from 0 to 1');
    expect(parseCheckpoints('0, x')).toBe('“x” is not a fraction from 0 to 1');
    expect(parseCheckpoints('0 0 0 0 0 0 0 0 0')).toBe('at most 8 checkpoints (got 9)');
  });

  it('formats percentages and numbers', () => {
    expect(percent(0.873)).toBe('87.3 %');
    expect(percent(1)).toBe('100.0 %');
    expect(percent(null)).toBe('–');
    expect(short(0.000123)).toBe('1.23e-4');
    expect(short(12.345)).toBe('12.3');
    expect(short(Number.NaN)).toBe('–');
  });
});
