/**
 * `result.classification`: for multi-class classification (C ≥ 3 classes: the digits, `spiral3`,
 * `spiral5`, custom points), every run's predictions at its last recorded θ on the training and
 * the test split (`src/experiment/classification.ts`). Plain JSON (the CLI writes it).
 */

/** One run's predictions on one split (m examples, C classes). */
export interface ClassificationSplitResult {
  /** Examples in the split (m). */
  examples: number;
  /** Fraction classified right: the confusion matrix's trace / m. */
  accuracy: number;
  /**
   * Counts, row-major [C·C]: entry t·C + p = the examples of true class t predicted as p (argmax
   * of the logits, the lowest class on ties). Row sums are the split's class counts.
   */
  confusion: number[];
  /** Every misclassified example's index into the split (ascending). */
  misclassified: number[];
  /** The predicted class of each misclassified example (same order). */
  predicted: number[];
}

export interface ClassificationResult {
  /** C. */
  classes: number;
  /** One per run, in run order. */
  runs: {
    name: string;
    /** The recorded step of the θ the predictions are at (the run's last recorded point). */
    step: number;
    train: ClassificationSplitResult;
    /** null when there is no test split. */
    test: ClassificationSplitResult | null;
  }[];
}
