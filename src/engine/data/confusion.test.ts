import { describe, expect, it } from 'vitest';
import { confusionMatrix, predictedClasses } from './confusion';

describe('predictedClasses', () => {
  it('argmax of each example’s C logits; ties go to the lowest class', () => {
    // 3 examples × 3 classes.
    const logits = [0.1, 2, -1, /**/ 5, 5, 1, /**/ -3, -2, -1];
    expect([...predictedClasses(logits, 3, 3)]).toEqual([1, 0, 2]);
  });

  it('one logit per example for two classes: class 1 ⇔ logit > 0', () => {
    expect([...predictedClasses([-0.5, 0, 0.2], 3, 2)]).toEqual([0, 0, 1]);
    // Two logits per example are also read as argmax.
    expect([...predictedClasses([1, 2, 3, -4], 2, 2)]).toEqual([1, 0]);
  });

  it('names a length that fits no layout', () => {
    expect(() => predictedClasses([1, 2, 3], 2, 3)).toThrow(
      /3 outputs for 2 examples of 3 classes/,
    );
  });
});

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs row-major; rows sum to class counts, trace = correct', () => {
    const truth = [0, 0, 1, 2, 2, 2];
    const predicted = [0, 1, 1, 2, 0, 2];
    expect([...confusionMatrix(truth, predicted, 3)]).toEqual([
      1,
      1,
      0, //
      0,
      1,
      0,
      1,
      0,
      2,
    ]);
  });

  it('refuses labels outside 0…C−1 and mismatched lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/example 1 has class 3/);
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow(/1 labels, 2 predictions/);
  });
});
