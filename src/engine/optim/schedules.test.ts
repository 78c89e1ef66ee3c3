import { describe, expect, it } from 'vitest';
import { CONSTANT_SCHEDULE, learningRateAt } from './schedules';

describe('learningRateAt', () => {
  it('keeps a constant rate', () => {
    expect(learningRateAt(CONSTANT_SCHEDULE, 0.1, 0, 10)).toBe(0.1);
    expect(learningRateAt(CONSTANT_SCHEDULE, 0.1, 9, 10)).toBe(0.1);
  });

  it('decays by γ every stepSize steps (torch StepLR)', () => {
    const s = { ...CONSTANT_SCHEDULE, kind: 'step' as const, stepSize: 3, gamma: 0.1 };
    expect([0, 2, 3, 5, 6].map((t) => learningRateAt(s, 1, t, 100))).toEqual([
      1,
      1,
      0.1,
      0.1,
      0.1 * 0.1,
    ]);
  });

  it('follows the cosine from η to η_min (torch CosineAnnealingLR)', () => {
    const s = { ...CONSTANT_SCHEDULE, kind: 'cosine' as const, minLrFactor: 0.1 };
    expect(learningRateAt(s, 1, 0, 10)).toBeCloseTo(1, 12);
    expect(learningRateAt(s, 1, 5, 10)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(learningRateAt(s, 1, 10, 10)).toBeCloseTo(0.1, 12);
  });

  it('warms up linearly, then starts the schedule', () => {
    const s = {
      ...CONSTANT_SCHEDULE,
      kind: 'step' as const,
      warmupSteps: 4,
      stepSize: 2,
      gamma: 0.5,
    };
    const rates = [0, 1, 2, 3, 4, 5, 6].map((t) => learningRateAt(s, 0.8, t, 100));
    [0.2, 0.4, 0.6, 0.8, 0.8, 0.8, 0.4].forEach((r, t) => expect(rates[t]).toBeCloseTo(r, 12));
  });
});
