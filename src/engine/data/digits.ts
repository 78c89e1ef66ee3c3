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

/** What to build: the fraction of images held out for testing and the split's seed. */
export interface DigitsSpec {
  kind: 'digits';
  /** Fraction of each class held out for testing (round(testFraction · n_c) images of class c). */
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
 * The split is stratified: a seeded permutation of each class's images, the first
 * round(testFraction · n_c) of class c go to the test set; train and test keep the images'
 * original order (ascending index). Throws if the images are not loaded yet.
 */
export function digitsDataset(spec: DigitsSpec, images = cached): Dataset {
  if (!images) {
    throw new Error(
      "the digits images are not loaded: await loadDigitsImages() before building 'digits' data",
    );
  }
  if (!(spec.testFraction >= 0 && spec.testFraction < 1)) {
    throw new RangeError(`digits testFraction must be from 0 to below 1, got ${spec.testFraction}`);
  }
  const rng = Rng.derive(spec.seed, 'data', 'digits');
  const isTest = new Uint8Array(DIGITS_COUNT);
  for (let c = 0; c < DIGITS_CLASSES; c++) {
    const members: number[] = [];
    images.labels.forEach((label, i) => {
      if (label === c) members.push(i);
    });
    const nTest = Math.round(spec.testFraction * members.length);
    const order = rng.permutation(members.length);
    for (let r = 0; r < nTest; r++) isTest[members[order[r]!]!] = 1;
  }
  const mTest = isTest.reduce((s, t) => s + t, 0);
  const mTrain = DIGITS_COUNT - mTest;
  const xTrain = new Float32Array(mTrain * DIGITS_PIXELS);
  const yTrain = new Float32Array(mTrain);
  const xTest = new Float32Array(mTest * DIGITS_PIXELS);
  const yTest = new Float32Array(mTest);
  let tr = 0;
  let te = 0;
  for (let i = 0; i < DIGITS_COUNT; i++) {
    const [x, y, row] = isTest[i] ? [xTest, yTest, te++] : [xTrain, yTrain, tr++];
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
