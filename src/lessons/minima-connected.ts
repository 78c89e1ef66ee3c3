/**
 * The lesson “Minima are connected”. Garipov et al. (2018). Measured (phenomena.test.ts): the
 * straight segment between the two seeds' minima has a training-loss barrier of ≈ 1.0; the trained
 * Bézier's is ≈ 0.03.
 */
import type { Lesson } from './lesson';

export const MINIMA_CONNECTED_LESSON: Lesson = {
  id: 'minima-connected',
  title: 'Minima are connected',
  summary:
    'Two seeds of Adam find two different minima: the straight line between them climbs a barrier, a curve with one trained bend joins them at low loss.',
  document: {
    experiment: {
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'circles', points: 200, noise: 0.1 },
      runs: [
        { name: 'Adam, seed 1', optimizer: 'adam', lr: 0.02, initSeed: 1 },
        { name: 'Adam, seed 2', optimizer: 'adam', lr: 0.02, initSeed: 2 },
      ],
      steps: 300,
      recordEvery: 5,
      connect: {
        runs: [0, 1],
        type: 'bezier',
        steps: 300,
        samples: 8,
        optimizer: { optimizer: 'adam', lr: 0.02 },
      },
    },
    view: { directions: 'points' },
    display: { speed: 5 },
  },
  steps: [
    {
      text: 'The same network and optimiser, started from two random seeds, on two circles. Press play (or space).',
    },
    {
      text: 'Both runs fit the data, at different points θ. The view is the plane through seed 1’s start and both ends.',
    },
    {
      text: 'The Mode connectivity card now trains a curve between the two minima (“Train the curve” trains it again): the straight segment between them climbs a barrier (grey).',
      action: 'train-curve',
    },
    {
      text: 'A Bézier curve with one bend, trained on E_t L(φ(t)), joins them with low loss all the way (orange): the minima are connected.',
    },
  ],
};
