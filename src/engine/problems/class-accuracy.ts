/**
 * Accuracy per class: for each class c of C, the share of the examples labelled c whose predicted
 * class is c (the diagonal of the row-normalised confusion matrix, i.e. per-class recall).
 */

/**
 * @param predicted [m] predicted class indices 0 … C − 1
 * @param labels [m] true class indices 0 … C − 1 (whole numbers, as `Dataset.yTest` stores them)
 * @param classes C
 * @returns [C]: correct_c / count_c, NaN for a class with no example
 */
export function classAccuracy(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): number[] {
  if (predicted.length !== labels.length)
    throw new RangeError(
      `classAccuracy: ${predicted.length} predictions for ${labels.length} labels`,
    );
  const count = new Array<number>(classes).fill(0);
  const correct = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const y = Math.round(labels[i]!);
    if (y < 0 || y >= classes) continue;
    count[y]!++;
    if (predicted[i] === y) correct[y]!++;
  }
  return count.map((m, c) => (m > 0 ? correct[c]! / m : Number.NaN));
}
