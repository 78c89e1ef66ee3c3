import type { ExperimentInput } from '../config/schema';

/** The default demo: SGD, momentum and Adam from the same start on two spirals. */
export const DEFAULT_CONFIG: ExperimentInput = {
  seed: 1,
  problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
  data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
  runs: [
    { name: 'SGD', optimizer: 'sgd', lr: 0.5 },
    { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
    { name: 'Adam', optimizer: 'adam', lr: 0.01 },
  ],
  steps: 500,
  recordEvery: 5,
};
