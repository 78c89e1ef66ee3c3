import { describe, expect, it } from 'vitest';
import { generateDataset } from '../data/datasets';
import { poisonSet, randomLabels, withPoison } from './poison';

describe('poison set of a multi-class data set', () => {
  it('draws labels uniformly from 0 … C − 1, and keeps the binary draw unchanged', () => {
    const y = randomLabels(3000, 7, 3);
    const counts = [0, 1, 2].map((c) => y.filter((v) => v === c).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3000);
    // Binomial(3000, 1/3): sd ≈ 26; 5 sd = 130.
    counts.forEach((c) => expect(Math.abs(c - 1000)).toBeLessThan(130));
    expect(Array.from(randomLabels(50, 7, 2))).toEqual(Array.from(randomLabels(50, 7)));
  });

  it('train ∪ poison keeps the class count, so the model keeps its C logits', () => {
    const spec = {
      kind: 'spiral5' as const,
      points: 50,
      noise: 0.05,
      testFraction: 0.2,
      margin: 0,
      seed: 1,
    };
    const clean = generateDataset(spec);
    const poison = poisonSet(spec, clean, 0.5, 3);
    expect(poison.y.length).toBe(20);
    expect(poison.y.every((v) => Number.isInteger(v) && v >= 0 && v < 5)).toBe(true);
    const mixed = withPoison(clean, poison);
    expect(mixed.classes).toBe(5);
    expect(mixed.yTrain.length).toBe(60);
  });
});
