import { describe, expect, it } from 'vitest';
import { classAccuracy } from './class-accuracy';

describe('classAccuracy', () => {
  it('is each class’s share of its examples predicted right (NaN for a class with none)', () => {
    // Class 0: 2 of 3 right; class 1: 1 of 1; class 2: 0 of 2; class 3: no example.
    const labels = Float32Array.from([0, 0, 0, 1, 2, 2]);
    const predicted = Int32Array.from([0, 1, 0, 1, 0, 1]);
    const a = classAccuracy(predicted, labels, 4);
    expect(a.slice(0, 3)).toEqual([2 / 3, 1, 0]);
    expect(a[3]).toBeNaN();
  });

  it('names a length mismatch', () => {
    expect(() => classAccuracy([0], [0, 1], 2)).toThrow('1 predictions for 2 labels');
  });
});
