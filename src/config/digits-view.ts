/**
 * What the digits data view shows (the result of the worker's digits view job; plain arrays):
 * sample images of the 8×8 handwritten digits and, at the runs' newest recorded θ, each run's
 * confusion matrix and misclassified images on the test split.
 */

/** Images as pixel bytes 0…16, row-major [n, 64] (8 × 8 each), with a digit per image [n]. */
export interface DigitImages {
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** One run's predictions on the view's split. */
export interface DigitsRunView {
  name: string;
  /** Fraction of the split classified right (the confusion matrix's trace over its sum). */
  accuracy: number;
  /** Counts [C, C] row-major: entry (t, p) = images of digit t predicted as p. */
  confusion: Int32Array;
  /** The first misclassified images of the split (at most `DIGITS_VIEW_MISCLASSIFIED`), in split order. */
  misclassified: DigitImages & { predicted: Uint8Array };
  /** Number of misclassified images in the split (may exceed the ones listed). */
  errors: number;
}

export interface DigitsViewResult {
  classes: number;
  /** The first few training images of each class, digit by digit. */
  samples: DigitImages;
  /** The split the predictions are on ('test' unless there are no test images). */
  split: 'train' | 'test';
  /** The recorded step the predictions are at (0: θ₀, nothing trained yet). */
  step: number;
  runs: DigitsRunView[];
}

/** Most misclassified images listed per run. */
export const DIGITS_VIEW_MISCLASSIFIED = 24;
/** Sample images shown per class. */
export const DIGITS_VIEW_SAMPLES_PER_CLASS = 6;
