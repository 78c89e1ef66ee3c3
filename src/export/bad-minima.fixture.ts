/**
 * A CLI result with a `badMinima` block on three classes (a 2-8-3 tanh MLP on the 3-arm spiral,
 * so the block holds categorical decision maps, per-class accuracy and a plane), computed
 * in-process on the cpu backend (a few seconds).
 */
import { cliResultText } from './cli-result.fixture';

export const BAD_MINIMA_DOCUMENT = {
  experiment: {
    seed: 4,
    problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
    data: { kind: 'spiral3', points: 45, testFraction: 1 / 3 },
    runs: [{ optimizer: 'adam', lr: 0.05, name: 'Adam' }],
    steps: 40,
    recordEvery: 10,
    badMinima: {
      checkpoints: [0, 1],
      steps: 40,
      checkEvery: 20,
      n: 5,
      eigenIterations: 4,
    },
  },
  view: { directions: 'pca', n: 5 },
};

/** The CLI's output text for `BAD_MINIMA_DOCUMENT`. */
export function badMinimaCliText(): Promise<string> {
  return cliResultText(BAD_MINIMA_DOCUMENT);
}
