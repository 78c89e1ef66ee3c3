/**
 * Predicted classes and confusion matrices from model outputs (plain arrays, no tfjs).
 *
 * Output layouts are the problems' (`Problem.outputs`): for C = 2 classes one logit per example
 * [m] (class 1 ⇔ logit > 0); for C ≥ 3, C logits per example [m·C] (example i's at i·C … i·C + C − 1,
 * class = argmax, the lowest class on ties).
 */

/** Predicted class of each of m examples [m] from their outputs (layout above). */
export function predictedClasses(
  outputs: ArrayLike<number>,
  m: number,
  classes: number,
): Uint8Array {
  const perExample = classes === 2 && outputs.length === m ? 1 : classes;
  if (outputs.length !== m * perExample) {
    throw new RangeError(
      `predictedClasses: ${outputs.length} outputs for ${m} examples of ${classes} classes`,
    );
  }
  const out = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    if (perExample === 1) {
      out[i] = outputs[i]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    let bestValue = outputs[i * classes]!;
    for (let c = 1; c < classes; c++) {
      const v = outputs[i * classes + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Confusion counts, row-major [C, C]: entry (t, p) = the number of examples of true class t
 * predicted as p. Row sums are the class counts; the trace is the number classified right.
 */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): Int32Array {
  if (truth.length !== predicted.length) {
    throw new RangeError(
      `confusionMatrix: ${truth.length} labels, ${predicted.length} predictions`,
    );
  }
  const counts = new Int32Array(classes * classes);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < classes && p >= 0 && p < classes)) {
      throw new RangeError(
        `confusionMatrix: example ${i} has class ${t} → ${p}, classes are 0…${classes - 1}`,
      );
    }
    counts[t * classes + p]! += 1;
  }
  return counts;
}
