import { classCount, type Dataset } from '../data/datasets';
import type { ActivationName } from './activations';
import { CnnProblem } from './cnn';
import { LinearRegressionProblem } from './linear-regression';
import { MlpProblem } from './mlp';
import type { Problem } from './problem';
import { SurfaceProblem, type SurfaceName } from './surfaces';
import { TanhRegressionProblem } from './tanh-regression';

/** Which problem to build (the engine-side shape of the config's `problem` field). */
export type ProblemSpec =
  | { kind: 'mlp'; hidden: number[]; activation: ActivationName }
  | { kind: 'logistic' }
  | { kind: 'linear-regression' }
  | { kind: 'tanh-regression'; units: number }
  | { kind: 'cnn'; channels: readonly [number, number]; activation: ActivationName }
  | { kind: 'surface'; surface: SurfaceName; kappa: number };

const PROBLEM_KINDS: ReadonlySet<string> = new Set([
  'mlp',
  'logistic',
  'linear-regression',
  'tanh-regression',
  'surface',
  'cnn',
]);

/** True for problems that need a data set (all but the analytic surfaces). */
export function needsData(spec: ProblemSpec): boolean {
  return spec.kind !== 'surface';
}

/**
 * The loss of a classifier on `data`: binary cross-entropy on one logit for 2 classes, softmax
 * cross-entropy on C logits for C ≥ 3; null for regression data.
 */
export function classificationLoss(data: Dataset): 'bce' | 'softmax-ce' | null {
  const classes = classCount(data);
  if (classes === 0) return null;
  return classes > 2 ? 'softmax-ce' : 'bce';
}

/**
 * Builds a problem on a data set (uploads the data to the current tfjs backend). An MLP uses
 * binary cross-entropy on binary classification data, softmax cross-entropy on data of C ≥ 3
 * classes (C output logits) and squared error on regression data; 'logistic' is logistic
 * regression on 2 classes and multinomial (softmax) logistic regression on C ≥ 3.
 */
export function buildProblem(spec: ProblemSpec, data: Dataset | null): Problem {
  if (spec.kind === 'surface')
    return new SurfaceProblem({ surface: spec.surface, kappa: spec.kappa });
  if (!PROBLEM_KINDS.has(spec.kind)) throw new RangeError(`unknown problem '${String(spec.kind)}'`);
  if (!data) throw new Error(`problem '${spec.kind}' needs a data set`);
  switch (spec.kind) {
    case 'mlp':
      return new MlpProblem(
        {
          hidden: spec.hidden,
          activation: spec.activation,
          loss: classificationLoss(data) ?? 'mse',
        },
        data,
      );
    case 'logistic': {
      const loss = classificationLoss(data);
      if (!loss) throw new RangeError("problem 'logistic' needs a classification data set");
      return new MlpProblem({ hidden: [], activation: 'tanh', loss }, data, 'logistic');
    }
    case 'linear-regression':
      return new LinearRegressionProblem(data);
    case 'tanh-regression':
      return new TanhRegressionProblem(spec.units, data);
    case 'cnn':
      return new CnnProblem({ channels: spec.channels, activation: spec.activation }, data);
    default:
      throw new RangeError(`unknown problem '${String((spec as { kind: unknown }).kind)}'`);
  }
}
