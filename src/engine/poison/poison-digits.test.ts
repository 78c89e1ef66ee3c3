import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetSpec } from '../data/datasets';
import { poisonInputs, poisonSet } from './poison';

/** Two 8×8 training images with distinct pixel values (image k's pixel p is 1 + 64k + p). */
const clean: Dataset = {
  task: 'classification',
  classes: 10,
  inputDim: 64,
  xTrain: Float32Array.from({ length: 128 }, (_, i) => 1 + i),
  yTrain: Float32Array.from([3, 7]),
  xTest: new Float32Array(64),
  yTest: Float32Array.from([1]),
};
const spec = { kind: 'digits', points: 3, testFraction: 0.3, seed: 1 } as unknown as DatasetSpec;

/** Image k moved by (dr, dc), computed by hand: 0 where the source pixel is outside. */
function shifted(k: number, dr: number, dc: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < 8; r++)
    for (let c = 0; c < 8; c++) {
      const r0 = r - dr;
      const c0 = c - dc;
      out.push(r0 >= 0 && r0 < 8 && c0 >= 0 && c0 < 8 ? 1 + 64 * k + 8 * r0 + c0 : 0);
    }
  return out;
}

describe('poison inputs of the 8×8 digits (no generator)', () => {
  it('are training images moved by one pixel, never copies, reproducibly', () => {
    const x = poisonInputs(spec, clean, 40, 5);
    expect(x).toHaveLength(40 * 64);
    const candidates = [0, 1].flatMap((k) =>
      [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ].map(([dr, dc]) => ({ k, dr, dc, image: shifted(k, dr!, dc!) })),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const image = Array.from(x.subarray(i * 64, (i + 1) * 64));
      const match = candidates.find((c) => c.image.every((v, p) => v === image[p]));
      expect(match).toBeDefined();
      seen.add(`${match!.k}:${match!.dr}:${match!.dc}`);
      // A shift empties one border row or column: 8 background pixels.
      expect(image.filter((v) => v === 0)).toHaveLength(8);
    }
    // The shift and the image are both drawn: this seed's 40 draws reach all 8 variants.
    expect(seen.size).toBe(8);
    expect(Array.from(poisonInputs(spec, clean, 40, 5))).toEqual(Array.from(x));
    expect(Array.from(poisonInputs(spec, clean, 40, 6))).not.toEqual(Array.from(x));
  });

  it('make a poison set of ρ·m images with labels from the ten classes', () => {
    const poison = poisonSet(spec, clean, 2, 1);
    expect(poison.x).toHaveLength(4 * 64);
    expect(poison.y).toHaveLength(4);
    expect(poison.y.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    expect(poison.inputDim).toBe(64);
  });
});
