import { describe, expect, it } from 'vitest';
import { FLAT_SHARP, bowl } from './MinimaPanel.fixture';
import {
  MAX_DECADES,
  densityFloored,
  formatNumber,
  formatPercent,
  minimaTable,
  planePositions,
  scaleLevels,
  scalePosition,
  sharedScale,
} from './MinimaPanel.scale';

describe('the shared colour scale of the two landscapes', () => {
  it('spans the smallest and largest loss of both planes', () => {
    expect(sharedScale([{ values: [0.5, 2, 4] }, { values: [0.1, 8, 1] }])).toEqual({
      lo: 0.1,
      hi: 8,
    });
    // The fixture: the full-batch minimum (λ 3.49) has both the lowest loss (0.019, at its centre)
    // and the highest, at the corner (α, β) = (1, 1): 0.019 + ½·6.98·1.6.
    const s = sharedScale(FLAT_SHARP.minima.map((m) => m.plane));
    expect(s.lo).toBeCloseTo(0.019, 12);
    expect(s.hi).toBeCloseTo(bowl(0.019, 2 * 3.49, 1.6), 12);
  });

  it('leaves out zero, negative and non-finite values, and keeps at most MAX_DECADES', () => {
    expect(sharedScale([{ values: [0, -1, NaN, Infinity, 2, 3] }])).toEqual({ lo: 2, hi: 3 });
    expect(sharedScale([{ values: [1e-12, 10] }])).toEqual({ lo: 10 * 10 ** -MAX_DECADES, hi: 10 });
    // One value: a domain around it.
    expect(sharedScale([{ values: [2, 2] }])).toEqual({ lo: 2 / 1.5, hi: 3 });
    expect(() => sharedScale([{ values: [0, NaN] }])).toThrow(/no positive finite loss/);
  });

  it('places a loss by its logarithm, clamped; a blown-up loss at the top', () => {
    const s = { lo: 0.01, hi: 100 };
    expect(scalePosition(s, 0.01)).toBe(0);
    expect(scalePosition(s, 1)).toBeCloseTo(0.5, 12);
    expect(scalePosition(s, 10)).toBeCloseTo(0.75, 12);
    expect(scalePosition(s, 1e-5)).toBe(0);
    expect(scalePosition(s, 1e5)).toBe(1);
    expect(scalePosition(s, NaN)).toBe(1);
    expect(scalePosition(s, Infinity)).toBe(1);
    expect(scalePosition(s, 0)).toBe(0);
    expect(Array.from(planePositions(s, [0.1, 1, 1000]))).toEqual([
      expect.closeTo(0.25, 6),
      expect.closeTo(0.5, 6),
      1,
    ]);
  });

  it('puts the same loss at the same colour on both planes', () => {
    const [a, b] = FLAT_SHARP.minima;
    const s = sharedScale([a.plane, b.plane]);
    // The same loss value found on both planes maps to the same position.
    const ta = planePositions(s, [a.plane.values[0]!]);
    const tb = planePositions(s, [a.plane.values[0]!]);
    expect(ta[0]).toBe(tb[0]);
    // The sharp minimum's corner is the top of the scale; the flat one's corner is well below.
    const corner = a.plane.values.length - 1;
    expect(planePositions(s, [b.plane.values[corner]!])[0]).toBeCloseTo(1, 6);
    expect(planePositions(s, [a.plane.values[corner]!])[0]).toBeLessThan(0.75);
  });

  it('levels are evenly spaced in log loss', () => {
    const levels = scaleLevels({ lo: 0.01, hi: 100 }, 3);
    expect(levels.map((l) => l.t)).toEqual([0.25, 0.5, 0.75]);
    expect(levels[0]!.loss).toBeCloseTo(0.1, 12);
    expect(levels[1]!.loss).toBeCloseTo(1, 12);
    expect(levels[2]!.loss).toBeCloseTo(10, 12);
  });
});

describe('the comparison table', () => {
  it('formats numbers and percentages', () => {
    expect(formatNumber(3.4912)).toBe('3.491');
    expect(formatNumber(0.0312)).toBe('0.03120');
    expect(formatNumber(2.5e-4)).toBe('2.50e-4');
    expect(formatNumber(12345)).toBe('1.23e+4');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(NaN)).toBe('–');
    expect(formatPercent(0.984)).toBe('98.4 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('lists λ_max, trace ± SE, both ε-sharpnesses, losses and test accuracy, with b / a', () => {
    const rows = minimaTable(FLAT_SHARP);
    expect(rows.map((r) => r.key)).toEqual([
      'lambda',
      'trace',
      'sharpness-0.001',
      'sharpness-0.0005',
      'train-loss',
      'test-loss',
      'test-accuracy',
    ]);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.lambda!.values).toEqual(['0.4800', '3.490']);
    expect(byKey.lambda!.ratio).toBe('7.27×');
    // trace = 3λ ± 0.1λ in the fixture.
    expect(byKey.trace!.values).toEqual(['1.440 ± 0.04800', '10.47 ± 0.3490']);
    expect(byKey['sharpness-0.001']!.values).toEqual(['0.02400', '0.1745']);
    expect(byKey['sharpness-0.001']!.label).toBe('sharpness ε=0.001');
    expect(byKey['sharpness-0.0005']!.values).toEqual(['0.006000', '0.04363']);
    expect(byKey['train-loss']!.values).toEqual(['0.03200', '0.01900']);
    expect(byKey['test-loss']!.values).toEqual(['0.04100', '0.03600']);
    expect(byKey['test-accuracy']!.values).toEqual(['100.0 %', '98.4 %']);
    expect(byKey['test-accuracy']!.ratio).toBeNull();
  });

  it('shows missing test metrics as dashes and no ratio', () => {
    const result = structuredClone(FLAT_SHARP);
    for (const m of result.minima) {
      m.testLoss = null;
      m.testAccuracy = null;
    }
    const byKey = Object.fromEntries(minimaTable(result).map((r) => [r.key, r]));
    expect(byKey['test-loss']!.values).toEqual(['–', '–']);
    expect(byKey['test-loss']!.ratio).toBeNull();
    expect(byKey['test-accuracy']!.values).toEqual(['–', '–']);
  });
});

describe('the line plots’ y-axis', () => {
  it('fits a log axis to the positive values and thins its ticks to what fits', async () => {
    const { plotYAxis, thinLogTicks } = await import('./MinimaPanelPlot');
    const curve = { name: 'a', color: '#000', x: [0, 1, 2], y: [0.012, 0.3, 1.8, null] };
    const wide = plotYAxis([curve], true);
    expect(wide.domain).toEqual([0.01, 2]);
    expect(wide.ticks).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]);
    expect(plotYAxis([curve], true, undefined, 4).ticks).toEqual([0.01, 0.1, 1]);
    expect(thinLogTicks([1, 2, 3, 5, 10], 3)).toEqual([1, 10]);
    expect(thinLogTicks([1, 2, 3, 5], 2)).toEqual([1, 3]);
    // Linear axes: a fixed domain (accuracy) or the data's range.
    expect(plotYAxis([curve], false, [0, 1]).domain).toEqual([0, 1]);
    expect(plotYAxis([curve], false).domain).toEqual([0.012, 1.8]);
  });
});

describe('the spectra on a log axis', () => {
  it('raises the tails to 1e-4 of the peak so the log axis keeps them', () => {
    expect(densityFloored([0, 2, 1e-9, 0.5, NaN])).toEqual([2e-4, 2, 2e-4, 0.5, 2e-4]);
  });
});
