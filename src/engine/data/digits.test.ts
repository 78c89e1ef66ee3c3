import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DIGITS_COUNT,
  digitsDataset,
  loadDigitsImages,
  loadedDigitsImages,
  type DigitsImages,
} from './digits';

// Independent numbers, computed with numpy from scikit-learn's digits.csv.gz:
//   d = np.loadtxt(gzip.open(path), delimiter=',', dtype=np.uint8)
//   hashlib.sha256(d[:, :64].tobytes()).hexdigest(); np.bincount(d[:, 64]); d[:, :64].sum()
const PIXEL_SHA256 = '8f26b2bd9d135c256808f68f14fdabddde6d9c7f869ae419704b051f0f14b3b3';
const CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
const PIXEL_SUM = 561718;
// sklearn's load_digits().images[0], a zero.
const FIRST_IMAGE = [
  [0, 0, 5, 13, 9, 1, 0, 0],
  [0, 0, 13, 15, 10, 15, 5, 0],
  [0, 3, 15, 2, 0, 11, 8, 0],
  [0, 4, 12, 0, 0, 8, 8, 0],
  [0, 5, 8, 0, 0, 9, 8, 0],
  [0, 4, 11, 0, 1, 12, 7, 0],
  [0, 2, 14, 5, 10, 12, 0, 0],
  [0, 0, 6, 13, 10, 0, 0, 0],
].flat();

const counts = (labels: ArrayLike<number>): number[] => {
  const out = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) out[labels[i]!]! += 1;
  return out;
};

describe('digits images', () => {
  it('has 1797 images of 64 pixels 0…16, the class counts and the pixel checksum', async () => {
    const images: DigitsImages = await loadDigitsImages();
    expect(images.pixels.length).toBe(1797 * 64);
    expect(images.labels.length).toBe(1797);
    expect(counts(images.labels)).toEqual(CLASS_COUNTS);
    expect(Math.max(...images.pixels)).toBe(16);
    expect(Math.min(...images.pixels)).toBe(0);
    expect(images.pixels.reduce((s, v) => s + v, 0)).toBe(PIXEL_SUM);
    expect(createHash('sha256').update(images.pixels).digest('hex')).toBe(PIXEL_SHA256);
    expect([...images.pixels.subarray(0, 64)]).toEqual(FIRST_IMAGE);
    expect(images.labels[0]).toBe(0);
    // Loaded once: the same object afterwards.
    expect(await loadDigitsImages()).toBe(images);
    expect(loadedDigitsImages()).toBe(images);
  });
});

describe('digitsDataset', () => {
  it('is a 10-class set of [m, 64] inputs pixel/16, 20 % test split', async () => {
    await loadDigitsImages();
    const d = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.2, seed: 1 });
    expect(d.task).toBe('classification');
    expect(d.classes).toBe(10);
    expect(d.inputDim).toBe(64);
    // round(0.2 · 1797) = 359 test images; every class on both sides.
    const test = counts(d.yTest);
    const train = counts(d.yTrain);
    expect(test.map((t, c) => t + train[c]!)).toEqual(CLASS_COUNTS);
    expect(Math.min(...test)).toBeGreaterThan(20);
    expect(d.yTest.length).toBe(359);
    expect(d.yTrain.length).toBe(DIGITS_COUNT - 359);
    expect(d.xTrain.length).toBe(64 * d.yTrain.length);
    expect(d.xTest.length).toBe(64 * d.yTest.length);
    // Scaling: every input is k/16 for a whole k from 0 to 16, and the sums match the bytes.
    let sum = 0;
    let offGrid = 0;
    for (const v of [...d.xTrain, ...d.xTest]) {
      if (!Number.isInteger(v * 16) || v < 0 || v > 1) offGrid += 1;
      sum += v * 16;
    }
    expect(offGrid).toBe(0);
    expect(Math.max(...d.xTrain)).toBe(1);
    expect(sum).toBe(PIXEL_SUM);
  });

  it('train ∪ test is the whole set; the split follows the seed', async () => {
    const images = await loadDigitsImages();
    const a = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.25, seed: 7 });
    const b = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.25, seed: 7 });
    const c = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.25, seed: 8 });
    expect(a.xTest).toEqual(b.xTest);
    expect(a.xTest).not.toEqual(c.xTest);
    // Every image appears exactly once, as a (pixels, label) key.
    const key = (x: Float32Array, y: number, i: number): string =>
      `${y}:${Array.from(x.subarray(64 * i, 64 * i + 64), (v) => v * 16).join(',')}`;
    const all: string[] = [];
    for (let i = 0; i < a.yTrain.length; i++) all.push(key(a.xTrain, a.yTrain[i]!, i));
    for (let i = 0; i < a.yTest.length; i++) all.push(key(a.xTest, a.yTest[i]!, i));
    const source: string[] = [];
    for (let i = 0; i < 1797; i++) {
      source.push(
        `${images.labels[i]}:${Array.from(images.pixels.subarray(64 * i, 64 * i + 64)).join(',')}`,
      );
    }
    expect(all.sort()).toEqual(source.sort());
  });

  it('a subset of 300 points: 60 test, 240 train, the first 300 of the full permutation', async () => {
    await loadDigitsImages();
    const all = digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.2, seed: 3 });
    const some = digitsDataset({ kind: 'digits', points: 300, testFraction: 0.2, seed: 3 });
    expect(some.yTest.length).toBe(60);
    expect(some.yTrain.length).toBe(240);
    expect(some.xTest).toEqual(all.xTest.subarray(0, 60 * 64));
    expect(some.yTest).toEqual(all.yTest.subarray(0, 60));
  });

  it('names the missing load and a bad test fraction', () => {
    expect(() =>
      digitsDataset({ kind: 'digits', points: 1797, testFraction: 0.2, seed: 1 }, null),
    ).toThrow(/await loadDigitsImages/);
    expect(() =>
      digitsDataset(
        { kind: 'digits', points: 1797, testFraction: 1, seed: 1 },
        loadedDigitsImages(),
      ),
    ).toThrow(/testFraction/);
  });
});
