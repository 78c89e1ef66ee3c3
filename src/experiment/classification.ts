/**
 * The `classification` block of a result (multi-class classification, C ≥ 3): every run's
 * predictions at its last recorded θ on the training and the test split, as confusion counts and
 * the misclassified examples (`config/classification-result.ts`).
 */
import type {
  ClassificationResult,
  ClassificationSplitResult,
} from '../config/classification-result';
import { confusionMatrix, predictedClasses } from '../engine/data/confusion';
import { classCount } from '../engine/data/datasets';
import { tf } from '../engine/tf';
import type { Experiment } from './build';

/** Whether an experiment gets a `classification` block: a classification data set of ≥ 3 classes. */
export function hasClassification(experiment: Experiment): boolean {
  const data = experiment.dataset;
  return !!data && experiment.problem.task === 'classification' && classCount(data) >= 3;
}

/**
 * Predictions of every run at `thetas[k]` [P] (its last recorded θ, recorded at `steps[k]`).
 * Null unless `hasClassification`.
 */
export function experimentClassification(
  experiment: Experiment,
  thetas: readonly Float32Array[],
  steps: readonly number[],
): ClassificationResult | null {
  if (!hasClassification(experiment)) return null;
  const data = experiment.dataset!;
  const { problem, names } = experiment;
  const classes = classCount(data);
  const k = names.length;
  const p = problem.layout.size;
  const all = new Float32Array(k * p);
  thetas.forEach((theta, r) => all.set(theta, r * p));
  const split = (which: 'train' | 'test') => {
    const y = which === 'train' ? data.yTrain : data.yTest;
    const m = y.length;
    if (m === 0) return null;
    const outputs = tf.tidy(() => problem.outputs(tf.tensor2d(all, [k, p]), which));
    const values = outputs.dataSync() as Float32Array;
    outputs.dispose();
    const perRun = values.length / k;
    return names.map((_, r): ClassificationSplitResult => {
      const predicted = predictedClasses(values.subarray(r * perRun, (r + 1) * perRun), m, classes);
      const confusion = confusionMatrix(y, predicted, classes);
      const misclassified: number[] = [];
      for (let i = 0; i < m; i++) if (predicted[i] !== y[i]) misclassified.push(i);
      return {
        examples: m,
        accuracy: (m - misclassified.length) / m,
        confusion: Array.from(confusion),
        misclassified,
        predicted: misclassified.map((i) => predicted[i]!),
      };
    });
  };
  const train = split('train')!;
  const test = split('test');
  return {
    classes,
    runs: names.map((name, r) => ({
      name,
      step: steps[r]!,
      train: train[r]!,
      test: test ? test[r]! : null,
    })),
  };
}
