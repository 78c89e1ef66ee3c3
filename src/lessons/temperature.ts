/**
 * The lesson "Temperature" (SCIENCE.md §7, Zancato & Chiuso): seed ensembles at three temperatures
 * η/B in Rastrigin's local minimum at (0.995, 0) (loss 0.995), next to the global one at (0, 0)
 * behind a barrier of about 19. The surface has no data, so the mini-batch noise is additive: 64
 * noise vectors of σ = 80 per coordinate, batches of B drawn without replacement (noise variance
 * (σ²/B)(m − B)/(m − 1)). η = 0.002 (ηλ ≈ 0.79 in the well, λ ≈ 397) with B = 4, 2, 1.
 *
 * Measured (temperature.test.ts, the same block as examples/ensemble-escape.json): spreads 0.0124,
 * 0.32, 3.7; escaped 0 of 64, 23 of 64, 62 of 64; the coldest cloud's spread is the well's
 * 2ησ²/(Bλ(2 − ηλ)) ≈ 0.0169·(63/64)… within 15 %.
 */
import type { Lesson } from './lesson';

export const TEMPERATURE_LESSON: Lesson = {
  id: 'temperature',
  title: 'Temperature: SGD as a noisy dynamical system',
  summary:
    'Mini-batch noise makes SGD a random walk with temperature η/B: clouds of seeds spread in proportion to η/B (while they stay in one well), and hot enough clouds escape the minimum they started in.',
  document: {
    experiment: {
      seed: 1,
      problem: { kind: 'surface', surface: 'rastrigin' },
      runs: [
        { optimizer: 'sgd', lr: 0.002, name: 'GD in the local minimum' },
        { optimizer: 'sgd', lr: 0.002, name: 'GD over the ridge', theta0: [0.45, 0] },
      ],
      theta0: [0.995, 0],
      steps: 100,
      recordEvery: 1,
      ensemble: {
        members: 64,
        temperatures: [{ batchSize: 4 }, { batchSize: 2 }, { batchSize: 1 }],
        noise: { sigma: 80, examples: 64 },
        steps: 1500,
        plane: 'axes',
        escape: { radius: 0.5 },
      },
    },
  },
  steps: [
    {
      text: 'Rastrigin’s surface: a local minimum at (0.995, 0), loss 0.995, next to the global one at (0, 0), behind a ridge about 19 high. Full-batch gradient descent started there stays there; started just over the ridge, at (0.45, 0), it slides to (0, 0).',
      viewMode: 'contour',
    },
    {
      text: 'A mini-batch gradient is the true gradient plus noise of variance σ²/B. The “Temperature” card trains 64 copies of SGD per temperature η/B, differing only in their mini-batch seed (η 0.002; B 4, 2, 1).',
      action: 'ensemble',
    },
    {
      text: 'Press Play on the card: each cloud spreads and settles. The coldest (η/B 0.0005) stays in the well with a small ellipse, its spread the theory’s ησ²/(Bλ(2 − ηλ)) per axis.',
    },
    {
      text: 'Hotter clouds are wider, and they cross the ridges: about a third of the η/B 0.001 members escape, nearly all at 0.002, and wander among Rastrigin’s wells. Spread and escape both grow with η/B; once members escape, the spread leaves the straight line.',
    },
  ],
};
