/**
 * The lesson “The edge of stability: λ_max rises to 2/η”. Cohen et al. 2021: full-batch gradient
 * descent sharpens (λ_max rises) until λ_max ≈ 2/η, then hovers there while the loss keeps falling,
 * non-monotonically. Noisy circles keep the loss away from 0 (cross-entropy on separable data
 * flattens the network as the loss vanishes). Measured (phenomena.test.ts, λ_max every 10 steps, as
 * a fraction of 2/η): η 0.5 starts at 0.20, peaks at 1.19, and over the last third stays in
 * 0.91–1.00; η 1 starts at 0.40 (a catapult to 1.85 at step 60), then 0.96–0.98. Training loss
 * 0.713 → 0.24 and 0.22, rising between steps 40 and 105 times.
 */
import type { Lesson } from './lesson';

export const EDGE_OF_STABILITY_LESSON: Lesson = {
  id: 'edge-of-stability',
  title: 'The edge of stability: λ_max rises to 2/η',
  summary:
    'Full-batch gradient descent on a network sharpens until its top Hessian eigenvalue λ_max reaches 2/η, then hovers there while the loss keeps falling, unevenly.',
  document: {
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'circles', points: 200, noise: 0.2, testFraction: 0.2 },
      runs: [
        { name: 'GD η 0.5 (2/η = 4)', optimizer: 'sgd', lr: 0.5, batchSize: 'full' },
        { name: 'GD η 1 (2/η = 2)', optimizer: 'sgd', lr: 1, batchSize: 'full' },
      ],
      steps: 400,
      // Every step: at the edge the loss moves in period-2 oscillations that a coarser
      // recording would alias away.
      recordEvery: 1,
    },
    display: { speed: 1 },
  },
  steps: [
    {
      text: 'A 2-16-16-1 tanh network on 160 noisy circle points, trained by full-batch gradient descent with η 0.5 and η 1. Press play (or space).',
    },
    {
      text: 'In the Curvature card, each run’s λ_max (solid) starts well below its edge 2/η (dashed, same colour) and rises: progressive sharpening.',
    },
    {
      text: 'On a quadratic, λ > 2/η would diverge. Here λ_max reaches 2/η and then hovers at it: the “edge of stability” (Cohen et al. 2021).',
    },
    {
      text: 'At the edge the training loss still falls, but not monotonically: it goes up for a few steps now and then (see the loss chart) while the network flattens itself back to 2/η.',
    },
    {
      text: 'Double η and the edge halves: each run settles at its own 2/η, not at a property of the network alone. (Cross-entropy on separable data lets λ_max drift down as the loss vanishes; the noise keeps this one at the edge.)',
    },
  ],
};
