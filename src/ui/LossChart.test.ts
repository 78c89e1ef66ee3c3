import { describe, expect, it } from 'vitest';
import { formatTick, logTicks, niceStep } from './LossChart';

describe('LossChart axis helpers', () => {
  it('picks 1, 2, 2.5, 5 × 10^k tick spacings', () => {
    expect(niceStep(500, 6)).toBe(100);
    expect(niceStep(100, 6)).toBe(20);
    expect(niceStep(1000, 4)).toBe(250);
    expect(niceStep(7, 6)).toBe(2);
  });

  it('widens a log domain to the labelled ticks around the data', () => {
    const t = logTicks(0.084, 0.71);
    expect(t.domain).toEqual([0.05, 1]);
    expect(t.major).toEqual([0.05, 0.1, 0.2, 0.3, 0.5, 1]);
    expect(t.minor).toContain(0.07);
    expect(t.minor).not.toContain(0.1);
  });

  it('labels only decades over wide ranges and stays sane on bad input', () => {
    const wide = logTicks(1e-6, 10);
    expect(wide.major).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
    expect(logTicks(0, Number.NaN).domain).toEqual([0.1, 1]);
    const flat = logTicks(0.5, 0.5);
    expect(flat.domain[0]).toBeLessThan(0.5);
    expect(flat.domain[1]).toBeGreaterThan(0.5);
  });

  it('formats ticks', () => {
    expect(formatTick(0.05)).toBe('0.05');
    expect(formatTick(1e-5)).toBe('1e-5');
    expect(formatTick(20000)).toBe('2e4');
    expect(formatTick(250)).toBe('250');
  });
});
