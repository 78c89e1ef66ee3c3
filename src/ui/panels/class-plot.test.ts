import { describe, expect, it } from 'vitest';
import {
  CATEGORY_COLORS,
  classColor,
  classImage,
  classMarginFields,
  predictedClasses,
} from './class-plot';
import { CLASS_COLORS } from './plot';

describe('multi-class plot helpers', () => {
  it('keep red and blue for classes 0 and 1 and give ten distinct colours', () => {
    expect(classColor(0)).toBe(CLASS_COLORS[0]);
    expect(classColor(1)).toBe(CLASS_COLORS[1]);
    expect(new Set(CATEGORY_COLORS).size).toBe(10);
    expect(classColor(12)).toBe(classColor(2));
  });

  it('predict the argmax with confidence (p_max − 1/C)/(1 − 1/C)', () => {
    const { classIndex, confidence } = predictedClasses(
      [0.2, 0.7, 0.1, 1 / 3, 1 / 3, 1 / 3, 0, 0, 1],
      3,
    );
    expect(Array.from(classIndex)).toEqual([1, 0, 2]);
    expect(confidence[0]).toBeCloseTo((0.7 - 1 / 3) / (2 / 3), 6);
    expect(confidence[1]).toBeCloseTo(0, 6);
    expect(confidence[2]).toBeCloseTo(1, 6);
  });

  it('colour each pixel by its class, y up, tinted by confidence', () => {
    // 2×2 grid, 3 classes: (i, j) = (0, 0) class 2 certain, (1, 0) class 0 certain,
    // (0, 1) class 1 certain, (1, 1) a three-way tie (class 0, palest tint).
    const p = [0, 0, 1, 1, 0, 0, 0, 1, 0, 1 / 3, 1 / 3, 1 / 3];
    const image = classImage(p, 2, 3);
    const pixel = (row: number, col: number) =>
      Array.from(image.slice(4 * (row * 2 + col), 4 * (row * 2 + col) + 3));
    const mix = (hex: string, w: number) =>
      [1, 3, 5].map((i) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * w));
    // Grid row 0 is the bottom image row (1).
    expect(pixel(1, 0)).toEqual(mix(CATEGORY_COLORS[2], 0.6));
    expect(pixel(1, 1)).toEqual(mix(CATEGORY_COLORS[0], 0.6));
    expect(pixel(0, 0)).toEqual(mix(CATEGORY_COLORS[1], 0.6));
    expect(pixel(0, 1)).toEqual(mix(CATEGORY_COLORS[0], 0.18));
    expect(image[3]).toBe(255);
  });

  it('margin fields are p_c minus the best other class', () => {
    const fields = classMarginFields([0.5, 0.3, 0.2], 1, 3);
    expect(fields.map((f) => f[0]!)).toEqual([
      expect.closeTo(0.2, 6),
      expect.closeTo(-0.2, 6),
      expect.closeTo(-0.3, 6),
    ]);
  });
});
