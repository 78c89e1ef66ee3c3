/**
 * The lesson “The bad minimum next door”. Measured (phenomena.test.ts): see the numbers there; the
 * good run fits the 100 clean training points and classifies the 100 test points well; bad runs
 * from its checkpoints, trained on train ∪ 100 random-label poison points, fit the clean set 100 %
 * too but lose test accuracy.
 */
import type { Lesson } from './lesson';

export const BAD_MINIMUM_NEXT_DOOR_LESSON: Lesson = {
  id: 'bad-minimum-next-door',
  title: 'The bad minimum next door',
  summary:
    'Minima that fit the training set just as perfectly as the one SGD found, but generalise badly, lie right next to its path: train on the data plus randomly labelled points and test accuracy collapses while training accuracy stays 100 %.',
  document: {
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [32, 32], activation: 'tanh' },
      data: { kind: 'xor', points: 200, noise: 0.05, testFraction: 0.5 },
      runs: [
        { name: 'Adam', optimizer: 'adam', lr: 0.02 },
        { name: 'Adam, seed 2', optimizer: 'adam', lr: 0.02, initSeed: 2 },
      ],
      steps: 300,
      recordEvery: 10,
      badMinima: {
        run: 0,
        rho: 1,
        checkpoints: [0.25, 1],
        steps: 2000,
        checkEvery: 10,
        poisonFit: 0.6,
        optimizer: { optimizer: 'adam', lr: 0.01 },
        eigenIterations: 10,
        n: 21,
      },
    },
    display: { speed: 10 },
  },
  steps: [
    {
      text: 'A network learns XOR from 100 points; 100 more points test it. Press play (or space): two seeds of Adam find two good minima.',
    },
    {
      text: 'It fits every training point and most test points. Now poison: 100 extra points from the same distribution with random labels.',
    },
    {
      text: 'The “Bad minima next door” card now searches (“Find bad minima” searches again): runs start from checkpoints of the good path and train on data ∪ poison until all clean training points are right again.',
      action: 'find-bad-minima',
    },
    {
      text: 'Side by side: both minima classify the training set 100 % right, but the bad one’s boundary is riddled with islands around poison points and its test accuracy collapses.',
    },
    {
      text: 'The table and the plane: each bad minimum is a short walk (a few path lengths) from where it started. Bad minima surround the path SGD takes; SGD just does not go there.',
    },
  ],
};
