/**
 * The lesson “Same loss, different answers”. Measured (phenomena.test.ts;
 * src/experiment/implicit-bias.test.ts, same settings): γ = 0.202; GD's angle to the SVM direction
 * 0.067 rad at step 10², 0.050 at 10³, 0.039 at 10⁴; Adam ends at 0.059, Adagrad at 0.097. Least
 * squares (25 points, 20 for training, 50 features): GD and momentum end at A⁺b (relative distance
 * < 1e-5), Adam 0.74 away, all with training loss ≈ 0.
 */
import type { Lesson } from './lesson';

export const SAME_LOSS_DIFFERENT_ANSWERS_LESSON: Lesson = {
  id: 'same-loss-different-answers',
  title: 'Same loss, different answers',
  summary:
    'When many parameter vectors reach zero training loss, the optimiser decides which one you get: gradient descent turns (slowly) towards the max-margin separator and finds the minimum-norm least-squares solution; adaptive methods end elsewhere.',
  document: {
    experiment: {
      seed: 2,
      problem: { kind: 'logistic' },
      data: { kind: 'linear', points: 40, noise: 0, margin: 0.3, testFraction: 0.25 },
      runs: [
        { optimizer: 'sgd', lr: 4, name: 'GD' },
        { optimizer: 'adam', lr: 0.01, name: 'Adam' },
        { optimizer: 'adagrad', lr: 0.1, name: 'Adagrad' },
      ],
      theta0: [0, 0, 0],
      steps: 10_000,
      recordEvery: 100,
    },
    display: { speed: 200 },
  },
  steps: [
    {
      text: 'Logistic regression on 30 linearly separable points, from θ = 0. Press play: GD, Adam and Adagrad all classify every training point and drive the loss towards 0.',
    },
    {
      text: 'With the loss → 0 the weights grow without bound, so only their direction matters. The “Implicit bias” card compares it with the hard-margin SVM (the widest-margin separator).',
      action: 'implicit-bias',
    },
    {
      text: 'GD turns towards the max-margin direction slowly (~1/log t): 0.067 rad at step 10², 0.039 at 10⁴. Adagrad and Adam are farther by step 10⁴ (about 2.5× and 1.5×), at the same ≈ 0 loss.',
    },
    {
      text: 'Part 2, least squares: 20 equations, 50 unknowns, so infinitely many exact fits. GD, momentum and Adam start from θ₀ = 0; press play.',
      document: {
        experiment: {
          seed: 1,
          problem: { kind: 'linear-regression' },
          data: {
            kind: 'linear-design',
            points: 25,
            features: 50,
            noise: 0,
            testFraction: 0.2,
          },
          runs: [
            { optimizer: 'sgd', lr: 0.1, name: 'GD' },
            { optimizer: 'momentum', lr: 0.02, name: 'Momentum' },
            { optimizer: 'adam', lr: 0.01, name: 'Adam' },
          ],
          theta0: undefined,
          steps: 3000,
          recordEvery: 100,
        },
      },
    },
    {
      text: 'All three fit the training set. GD and momentum stay in the row space and end at the minimum-norm solution A⁺b; Adam ends about 0.74·‖A⁺b‖ away: same training loss, a different answer, and a higher test loss (0.71 against 0.54).',
      action: 'implicit-bias',
    },
  ],
};
