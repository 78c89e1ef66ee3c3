import { describe, expect, it } from 'vitest';
import { defaultRunColor, RUN_PALETTE } from './palette';

/** sRGB hex → CIELAB (D65), for colour differences. */
function lab(hex: string): [number, number, number] {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255)) as [
    number,
    number,
    number,
  ];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('run palette', () => {
  it('gives the 16 runs a config allows 16 distinguishable colours (ΔE*76 ≥ 25 for every pair)', () => {
    const colours = Array.from({ length: 16 }, (_, k) => defaultRunColor(k));
    expect(new Set(colours).size).toBe(16);
    let closest = Infinity;
    for (let i = 0; i < 16; i++)
      for (let j = i + 1; j < 16; j++) {
        const [p, q] = [lab(colours[i]!), lab(colours[j]!)];
        closest = Math.min(closest, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
      }
    expect(closest).toBeGreaterThanOrEqual(25);
    // Run 11 no longer repeats SGD's blue.
    expect(defaultRunColor(10)).not.toBe(defaultRunColor(0));
    expect(RUN_PALETTE).toHaveLength(16);
  });

  it('checks its own colour difference on a known pair (white vs black: ΔE = 100)', () => {
    const [w, k] = [lab('#ffffff'), lab('#000000')];
    expect(Math.hypot(w[0] - k[0], w[1] - k[1], w[2] - k[2])).toBeCloseTo(100, 1);
  });
});
