/**
 * Plain helpers for multi-class (C ≥ 3) decision maps: a categorical colour per class, the image
 * of the predicted class (tinted by confidence), and the fields whose 0-contours are the class
 * boundaries. No DOM.
 */
import { CLASS_COLORS } from './plot';

/**
 * One colour per class: classes 0 and 1 keep the binary plots' red and blue, then green, orange,
 * purple, teal, magenta, brown, grey and cyan (dark ColorBrewer hues, readable on white and
 * under a projector); classes past the tenth reuse them in order.
 */
export const CATEGORY_COLORS = [
  ...CLASS_COLORS,
  '#1b7837',
  '#e08214',
  '#762a83',
  '#01665e',
  '#c51b7d',
  '#8c510a',
  '#4d4d4d',
  '#35978f',
] as const;

/** The colour of class c (a whole number ≥ 0). */
export function classColor(c: number): string {
  return CATEGORY_COLORS[Math.max(0, Math.round(c)) % CATEGORY_COLORS.length]!;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Weakest and strongest tint of a class colour over white (weak: unsure, strong: certain). */
const TINT_MIN = 0.18;
const TINT_MAX = 0.6;

/**
 * The predicted class and its confidence at each of N points from probabilities [N, C]
 * (row-major): class = argmax (ties: the first), confidence = (p_max − 1/C) / (1 − 1/C) ∈ [0, 1]
 * (0 when every class is equally likely, 1 when one class has probability 1).
 */
export function predictedClasses(
  probabilities: ArrayLike<number>,
  classes: number,
): { classIndex: Uint8Array; confidence: Float32Array } {
  const count = Math.floor(probabilities.length / classes);
  const classIndex = new Uint8Array(count);
  const confidence = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    let top = -Infinity;
    for (let c = 0; c < classes; c++) {
      const p = probabilities[i * classes + c]!;
      if (p > top) {
        top = p;
        best = c;
      }
    }
    classIndex[i] = best;
    confidence[i] = Math.min(1, Math.max(0, (top - 1 / classes) / (1 - 1 / classes)));
  }
  return { classIndex, confidence };
}

/**
 * RGBA pixels of an n×n image of the predicted class (row-major [n, n, C] probabilities, row j is
 * y, column i is x; y points up, so grid row j goes to image row n − 1 − j): the class colour
 * mixed over white with weight TINT_MIN + (TINT_MAX − TINT_MIN)·confidence. NaN points are grey.
 */
export function classImage(
  probabilities: ArrayLike<number>,
  n: number,
  classes: number,
  out = new Uint8ClampedArray(n * n * 4),
): Uint8ClampedArray {
  const { classIndex, confidence } = predictedClasses(probabilities, classes);
  const colors = CATEGORY_COLORS.map(rgb);
  for (let j = 0; j < n; j++) {
    const row = n - 1 - j;
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const o = 4 * (row * n + i);
      const valid = Number.isFinite(probabilities[k * classes]!);
      const [r, g, b] = valid ? colors[classIndex[k]! % colors.length]! : [200, 200, 200];
      const w = valid ? TINT_MIN + (TINT_MAX - TINT_MIN) * confidence[k]! : 1;
      out[o] = Math.round(255 + (r - 255) * w);
      out[o + 1] = Math.round(255 + (g - 255) * w);
      out[o + 2] = Math.round(255 + (b - 255) * w);
      out[o + 3] = 255;
    }
  }
  return out;
}

/**
 * For class c, the field f_c = p_c − max_{c' ≠ c} p_c' on the n×n grid (row-major [n, n]): positive
 * where c is predicted, so its 0-contour outlines class c's region. One field per class.
 */
export function classMarginFields(
  probabilities: ArrayLike<number>,
  n: number,
  classes: number,
): Float32Array[] {
  const fields = Array.from({ length: classes }, () => new Float32Array(n * n));
  for (let k = 0; k < n * n; k++) {
    for (let c = 0; c < classes; c++) {
      let other = -Infinity;
      for (let d = 0; d < classes; d++)
        if (d !== c) other = Math.max(other, probabilities[k * classes + d]!);
      fields[c]![k] = probabilities[k * classes + c]! - other;
    }
  }
  return fields;
}
