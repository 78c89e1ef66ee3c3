/**
 * What a validated experiment config implies beyond its fields: how many classes its data has,
 * whether it trains a classifier, how many points each split holds, and why a metric or the
 * implicit-bias analysis does not apply to it (the cross-field rules of schema.ts ask these, and
 * so do the app and the engine's builders).
 */
import type { DataConfig, ExperimentConfig, LandscapeMetric } from './schema';

/** The generated two-class (and 3-, 5-arm spiral) data sets. */
export const CLASSIFICATION_DATASETS = [
  'spiral',
  'circles',
  'xor',
  'gaussians',
  'moons',
  'linear',
  'spiral3',
  'spiral5',
] as const;

/**
 * Why the implicit-bias analysis does not apply to this config, or null when it does: it needs
 * logistic regression (on classification data; separability is checked on the generated data) or
 * least squares with more features than training points (else the solution is unique).
 */
export function implicitBiasProblem(
  config: Pick<ExperimentConfig, 'problem' | 'data'>,
): string | null {
  const { problem, data } = config;
  const classes = configClasses(data);
  if (problem.kind === 'logistic' && classes > 2)
    return `is for binary classification (the hard-margin SVM direction of two classes); data '${data.kind}' has ${classes} classes`;
  if (problem.kind === 'logistic') return null;
  if (problem.kind === 'linear-regression') {
    const features =
      data.kind === 'linear-design'
        ? data.features
        : data.kind === 'custom'
          ? (data.x[0]?.length ?? 0)
          : 0;
    const points = trainSetSize(data);
    if (features > points) return null;
    const raise = data.kind === 'linear-design' ? 'raise data.features or lower data.points' : '';
    return `least squares with ${features} features and ${points} training points has one solution, so there is no implicit bias to see: it needs more features than training points${raise ? ` (${raise})` : ''}`;
  }
  return `needs problem 'logistic' (on linearly separable data: the SVM direction) or 'linear-regression' with more features than training points (the minimum-norm solution), not '${problem.kind}'`;
}

/**
 * Classes of a data config known without generating it: the multi-arm spirals' arms, 1 + the
 * largest custom label (at least 2), 2 for the other classification sets, 0 for regression.
 * (Data kinds with their own schema answer through their generated set at run time.)
 */
export function configClasses(data: DataConfig): number {
  if (data.kind === 'spiral3') return 3;
  if (data.kind === 'spiral5') return 5;
  if (data.kind === 'custom') {
    if (data.task !== 'classification') return 0;
    let top = 1;
    for (const label of [data.y, data.testY ?? []].flat()) top = Math.max(top, label);
    return top + 1;
  }
  return (CLASSIFICATION_DATASETS as readonly string[]).includes(data.kind) ? 2 : 0;
}

/** Whether the config trains a classifier (accuracy is defined). */
export function isClassifier(config: Pick<ExperimentConfig, 'problem' | 'data'>): boolean {
  const { problem, data } = config;
  const classification =
    (CLASSIFICATION_DATASETS as readonly string[]).includes(data.kind) ||
    data.kind === 'digits' ||
    (data.kind === 'custom' && data.task === 'classification');
  return (
    problem.kind === 'logistic' ||
    problem.kind === 'cnn' ||
    (problem.kind === 'mlp' && classification)
  );
}

/**
 * Why a landscape of `metric` cannot be computed for this config (relative to the experiment's
 * fields: "accuracy needs a classification problem", "'testLoss' needs a test set, but …"), or
 * null when it can.
 */
export function metricProblem(
  config: Pick<ExperimentConfig, 'problem' | 'data'>,
  metric: LandscapeMetric,
): string | null {
  if (metric.endsWith('Accuracy') && !isClassifier(config)) return ACCURACY_PROBLEM;
  return testSetProblem(config, metric);
}

export const ACCURACY_PROBLEM = 'accuracy needs a classification problem';

/** Why a test metric cannot be computed (no test set), or null. */
export function testSetProblem(
  config: Pick<ExperimentConfig, 'problem' | 'data'>,
  metric: LandscapeMetric,
): string | null {
  const { problem, data } = config;
  if (metric.startsWith('test') && problem.kind !== 'surface' && testSetSize(data) === 0) {
    const instead = metric === 'testLoss' ? 'trainLoss' : 'trainAccuracy';
    const why =
      data.kind === 'custom' && data.testX
        ? 'data.testX is empty: give test points'
        : `data.testFraction ${data.testFraction} leaves none of the ${pointCount(data)} points for testing: raise data.testFraction`;
    return `'${metric}' needs a test set, but ${why} or use ${instead}`;
  }
  return null;
}

/** Number of points of a data config before the split. */
function pointCount(data: DataConfig): number {
  return data.kind === 'custom' ? data.x.length : data.points;
}

/**
 * Number of test points the data config gives: explicit `testX`, or round(testFraction · n) of
 * the n points, keeping at least one for training. The engine's split (`engine/data/datasets.ts`)
 * uses the same rule; a test checks that they agree.
 */
export function testSetSize(data: DataConfig): number {
  if (data.kind === 'custom' && data.testX) return data.testX.length;
  const n = pointCount(data);
  return Math.min(n - 1, Math.round(data.testFraction * n));
}

/** Number of training points of a data config (see `testSetSize`). */
export function trainSetSize(data: DataConfig): number {
  if (data.kind === 'custom' && data.testX) return data.x.length;
  return pointCount(data) - testSetSize(data);
}
