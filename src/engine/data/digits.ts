/**
 * The 8×8 handwritten digits: 1,797 images of the digits 0…9, the test set of the UCI "Optical
 * Recognition of Handwritten Digits" data set (Alpaydin & Kaynak 1998; CC BY 4.0) as distributed
 * with scikit-learn (`sklearn.datasets.load_digits`, BSD-3-Clause). Each pixel is 0…16 (the count
 * of "on" pixels in a 4×4 block of a 32×32 bitmap).
 *
 * The bytes ship as a base64 module (`digits-asset.ts`, made by `scripts/make-digits.mjs`, about
 * 156 KB) that is imported lazily: call `loadDigitsImages()` (async, cached) before building a
 * `digits` data set with `digitsDataset`, which is synchronous once the images are in memory.
 */
import { Rng } from '../math/random';
import type { Dataset } from './datasets';

/** Number of images. */
export const DIGITS_COUNT = 1797;
/** Side of an image in pixels (images are DIGITS_SIDE × DIGITS_SIDE, row-major). */
export const DIGITS_SIDE = 8;
/** Pixels per image = input dimension d. */
export const DIGITS_PIXELS = DIGITS_SIDE * DIGITS_SIDE;
/** Number of classes (the digits 0…9). */
export const DIGITS_CLASSES = 10;
/** Largest pixel value; inputs are pixel / DIGITS_MAX_PIXEL ∈ [0, 1]. */
export const DIGITS_MAX_PIXEL = 16;

/** The raw images. */
export interface DigitsImages {
  /** Pixel bytes 0…16, row-major [DIGITS_COUNT, 64] (image i's pixel (r, c) at i·64 + 8r + c). */
  readonly pixels: Uint8Array;
  /** Digit of each image, 0…9 [DIGITS_COUNT]. */
  readonly labels: Uint8Array;
}

/** What to build: how many images, the fraction held out for testing and the seed. */
export interface DigitsSpec {
  kind: 'digits';
  /** Images used, 1 < points ≤ DIGITS_COUNT (a seeded random subset when fewer than all). */
  points: number;
  /** Fraction of the used images held out for testing. */
  testFraction: number;
  seed: number;
}

let cached: DigitsImages | null = null;
let loading: Promise<DigitsImages> | null = null;

/** Decodes the asset's base64 into the images (checks the byte count). */
export function decodeDigits(base64: string): DigitsImages {
  const text = atob(base64);
  const expected = DIGITS_COUNT * (DIGITS_PIXELS + 1);
  if (text.length !== expected) {
    throw new Error(`digits asset has ${text.length} bytes, expected ${expected}`);
  }
  const bytes = new Uint8Array(expected);
  for (let i = 0; i < expected; i++) bytes[i] = text.charCodeAt(i);
  const split = DIGITS_COUNT * DIGITS_PIXELS;
  return { pixels: bytes.subarray(0, split), labels: bytes.subarray(split) };
}

/** Loads the images once (a lazy import of the asset: its own chunk in the browser build). */
export function loadDigitsImages(): Promise<DigitsImages> {
  if (cached) return Promise.resolve(cached);
  loading ??= import('./digits-asset').then(({ DIGITS_BASE64 }) => {
    cached = decodeDigits(DIGITS_BASE64);
    return cached;
  });
  return loading;
}

/** The images if `loadDigitsImages` has finished, else null. */
export function loadedDigitsImages(): DigitsImages | null {
  return cached;
}

/**
 * The digits as a 10-class data set: x = pixel / 16 ∈ [0, 1], row-major [m, 64]; y = digit.
 * A seeded permutation of all images (`Rng.derive(seed, 'data', 'digits')`); its first `points`
 * images are used, the first round(testFraction · points) of them (at most points − 1) are the
 * test set, the rest the training set, in permutation order — the rule of the generated sets'
 * split, so the config's `testSetSize` counts agree. Throws if the images are not loaded yet.
 */
export function digitsDataset(spec: DigitsSpec, images = cached): Dataset {
  if (!images) {
    throw new Error(
      "the digits images are not loaded: await loadDigitsImages() before building 'digits' data",
    );
  }
  const n = spec.points;
  if (!(Number.isInteger(n) && n >= 2 && n <= DIGITS_COUNT)) {
    throw new RangeError(
      `digits points must be a whole number from 2 to ${DIGITS_COUNT}, got ${n}`,
    );
  }
  if (!(spec.testFraction >= 0 && spec.testFraction < 1)) {
    throw new RangeError(`digits testFraction must be from 0 to below 1, got ${spec.testFraction}`);
  }
  const order = Rng.derive(spec.seed, 'data', 'digits').permutation(DIGITS_COUNT);
  const mTest = Math.min(n - 1, Math.round(spec.testFraction * n));
  const mTrain = n - mTest;
  const xTrain = new Float32Array(mTrain * DIGITS_PIXELS);
  const yTrain = new Float32Array(mTrain);
  const xTest = new Float32Array(mTest * DIGITS_PIXELS);
  const yTest = new Float32Array(mTest);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const [x, y, row] = r < mTest ? [xTest, yTest, r] : [xTrain, yTrain, r - mTest];
    for (let j = 0; j < DIGITS_PIXELS; j++) {
      x[row * DIGITS_PIXELS + j] = images.pixels[i * DIGITS_PIXELS + j]! / DIGITS_MAX_PIXEL;
    }
    y[row] = images.labels[i]!;
  }
  return {
    task: 'classification',
    classes: DIGITS_CLASSES,
    inputDim: DIGITS_PIXELS,
    xTrain,
    yTrain,
    xTest,
    yTest,
  };
}
