/**
 * A CLI result with implicitBias, ensemble and noise blocks (logistic regression on separable
 * data, the one problem all three accept), computed in-process on the cpu backend (about 1 s).
 */
import { cliResultText } from './cli-result.fixture';

export const ANALYSES_DOCUMENT = {
  experiment: {
    seed: 2,
    problem: { kind: 'logistic' },
    data: { kind: 'linear', points: 24, noise: 0, margin: 0.3, testFraction: 0.25 },
    runs: [
      { optimizer: 'sgd', lr: 2, batchSize: 6, name: 'SGD' },
      { optimizer: 'adam', lr: 0.05, name: 'Adam' },
    ],
    theta0: [0, 0, 0],
    steps: 20,
    recordEvery: 10,
    implicitBias: {},
    ensemble: { members: 4, steps: 10 },
    noise: { at: 'final' },
  },
  view: { directions: 'pca', n: 5 },
};

/** The CLI's output text for `ANALYSES_DOCUMENT`. */
export function analysesCliText(): Promise<string> {
  return cliResultText(ANALYSES_DOCUMENT);
}
