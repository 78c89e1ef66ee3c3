import { describe, expect, it } from 'vitest';
import {
  CLASS_COLORS,
  boundaryColor,
  boundaryImage,
  contourLines,
  linearTicks,
  sampleIndices,
} from './plot';

describe('boundary colours', () => {
  it('runs from red (class 0) through white to blue (class 1)', () => {
    const [r0, g0, b0] = boundaryColor(0);
    const [r1, g1, b1] = boundaryColor(1);
    const mid = boundaryColor(0.5);
    expect(r0).toBeGreaterThan(b0 + 60);
    expect(b1).toBeGreaterThan(r1 + 60);
    expect(Math.min(...mid)).toBeGreaterThan(235);
    // clearly apart from each other
    expect(Math.abs(r0 - r1) + Math.abs(g0 - g1) + Math.abs(b0 - b1)).toBeGreaterThan(200);
    expect(boundaryColor(-3)).toEqual(boundaryColor(0));
    expect(boundaryColor(7)).toEqual(boundaryColor(1));
    expect(boundaryColor(Number.NaN)).toEqual([200, 200, 200]);
  });

  it('matches the class colours’ hues', () => {
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    const [r0, , b0] = hex(CLASS_COLORS[0]);
    const [r1, , b1] = hex(CLASS_COLORS[1]);
    expect(r0! > b0!).toBe(true);
    expect(b1! > r1!).toBe(true);
  });

  it('paints grid row j at image row n − 1 − j (y up) and the cells 0 and 1 differently', () => {
    const n = 3;
    const values = new Float32Array(n * n).fill(0.5);
    values[0] = 0; // (i = 0, j = 0): bottom left
    values[1] = 1; // (i = 1, j = 0)
    const px = boundaryImage(values, n);
    const at = (col: number, row: number) =>
      Array.from(px.slice(4 * (row * n + col), 4 * (row * n + col) + 4));
    expect(at(0, 2)).toEqual([...boundaryColor(0), 255]);
    expect(at(1, 2)).toEqual([...boundaryColor(1), 255]);
    expect(at(0, 2)).not.toEqual(at(1, 2));
    expect(at(0, 0)).toEqual([...boundaryColor(0.5), 255]);
  });
});

describe('contourLines', () => {
  it('finds the 0.5 line of a ramp in x, inside the window only', () => {
    const n = 11;
    // P = x on [0, 1]²: the 0.5 contour is the vertical line x = 0.5
    const values = new Float32Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = i / (n - 1);
    const lines = contourLines(values, n, [0, 1, 0, 1]);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const [x, y] of line) {
      expect(x).toBeCloseTo(0.5, 6);
      expect(y).toBeGreaterThanOrEqual(-1e-9);
      expect(y).toBeLessThanOrEqual(1 + 1e-9);
    }
    const ys = line.map((p) => p[1]).sort((a, b) => a - b);
    expect(ys[0]).toBeCloseTo(0, 6);
    expect(ys[ys.length - 1]).toBeCloseTo(1, 6);
  });

  it('maps to the window and closes a ring around a blob', () => {
    const n = 21;
    const values = new Float32Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = -2 + (4 * i) / (n - 1);
        const y = -2 + (4 * j) / (n - 1);
        values[j * n + i] = x * x + y * y < 1 ? 1 : 0;
      }
    }
    const lines = contourLines(values, n, [-2, 2, -2, 2]);
    expect(lines).toHaveLength(1);
    const ring = lines[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [x, y] of ring) expect(Math.hypot(x, y)).toBeGreaterThan(0.7);
    for (const [x, y] of ring) expect(Math.hypot(x, y)).toBeLessThan(1.3);
  });

  it('is empty when nothing crosses the level', () => {
    expect(contourLines(new Float32Array(25).fill(0.9), 5, [0, 1, 0, 1])).toEqual([]);
    expect(contourLines(new Float32Array(3), 5, [0, 1, 0, 1])).toEqual([]);
  });
});

describe('plot helpers', () => {
  it('picks nice ticks', () => {
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(-1.3, 1.3, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearTicks(1, 1)).toEqual([]);
  });

  it('samples evenly', () => {
    expect(sampleIndices(3, 10)).toEqual([0, 1, 2]);
    expect(sampleIndices(10, 5)).toEqual([0, 2, 4, 6, 8]);
  });
});
