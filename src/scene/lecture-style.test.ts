import { describe, expect, it } from 'vitest';
import { OKABE_ITO, runDisplayColor } from './lecture-style';
import { mapLayout } from './ContourMap';

describe('runDisplayColor', () => {
  it("keeps a run's own colour outside lecture mode", () => {
    expect(runDisplayColor('#4e79a7', 0, false)).toBe('#4e79a7');
  });

  it('gives runs distinct Okabe–Ito colours in lecture mode, the pale ones last', () => {
    const colors = [0, 1, 2, 3, 4, 5].map((k) => runDisplayColor('#4e79a7', k, true));
    expect(new Set(colors).size).toBe(6);
    expect(colors.every((c) => (OKABE_ITO as readonly string[]).includes(c))).toBe(true);
    expect(colors).not.toContain('#F0E442'); // yellow only from the eighth run on
    expect(runDisplayColor('#000', OKABE_ITO.length, true)).toBe(OKABE_ITO[0]);
  });
});

describe('mapLayout', () => {
  it('fits the square plot and margins for its text into the box, centred', () => {
    const layout = mapLayout(900, 500, 20);
    expect(layout.W).toBe(900);
    expect(layout.H).toBe(500);
    expect(layout.M.top + layout.PLOT + layout.M.bottom).toBeLessThanOrEqual(500);
    expect(layout.M.left + layout.PLOT + layout.M.right).toBeLessThanOrEqual(900);
    // Centred horizontally: the space left over is split evenly between the two sides.
    const base = mapLayout(0, 0, 20).M; // the margins with no space left over
    const slackLeft = layout.M.left - base.left;
    const slackRight = layout.W - (layout.M.left + layout.PLOT + base.right);
    expect(Math.abs(slackLeft - slackRight)).toBeLessThanOrEqual(1);
    expect(layout.sx(-1)).toBe(layout.M.left);
    expect(layout.sx(1)).toBe(layout.M.left + layout.PLOT);
  });

  it('gives larger text larger margins', () => {
    expect(mapLayout(900, 700, 20).M.left).toBeGreaterThan(mapLayout(900, 700, 16).M.left);
  });
});
