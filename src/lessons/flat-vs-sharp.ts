/**
 * The lesson “Flat vs sharp minima (small vs large batch)”. Keskar et al. (2017): large-batch SGD
 * ends in sharper minima than small-batch SGD from the same θ₀. Measured (phenomena.test.ts, seed
 * 1): after 1500 steps λ_max is 0.48 with batch 8 and 3.49 with the full batch (7.3×), training
 * losses 0.032 and 0.019. The minima job (default settings) adds: trace 1.69 vs 5.75, ε-sharpness
 * (1e-3) 0.086 vs 0.22; test loss 0.017 vs 0.0098, test accuracy 100 % for both; interpolation
 * train loss 0.38 at t = −1, ≤ 0.032 on [0, 1], 1.35 at t = 2. xor rather than the spirals: both
 * runs reach near-zero loss within 1500 steps, so the comparison is between two minima, not two
 * points on the way (at 1000 steps the full-batch λ_max is still 4.2, above its edge 2/η = 4).
 */
import type { Lesson } from './lesson';

export const FLAT_VS_SHARP_LESSON: Lesson = {
  id: 'flat-vs-sharp',
  title: 'Flat vs sharp minima (small vs large batch)',
  summary:
    'SGD with a batch of 8 and with the full batch train the same network from the same θ₀ to near-zero loss; the full-batch minimum is about 7× sharper.',
  document: {
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'xor', points: 320, noise: 0.05, testFraction: 0.2 },
      runs: [
        { name: 'SGD, batch 8', optimizer: 'sgd', lr: 0.5, batchSize: 8 },
        { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.5, batchSize: 'full' },
      ],
      steps: 1500,
      recordEvery: 10,
    },
    display: { speed: 20 },
  },
  steps: [
    {
      text: 'Two runs of SGD (η 0.5) train a 2-16-16-1 tanh network on xor from the same θ₀: one sees 8 of the 256 training points per step, the other all of them. Press play (or space).',
    },
    {
      text: 'Both reach near-zero training loss. Watch λ_max in the Curvature card: the full-batch run climbs to about its edge 2/η = 4, the batch-8 run stays far below it (its gradient noise does not let it settle where the walls are steep).',
      action: 'play',
    },
    {
      text: 'When training has ended (this step plays it to the end) the two minima are compared side by side in the Flat vs sharp card: the full-batch one is about 7× sharper (λ_max 3.5 vs 0.48; trace 3.4×, ε-sharpness 2.5×), and along the top eigenvector its loss rises far faster.',
      action: 'compare-minima',
    },
    {
      text: 'The 2-D pictures are comparable because of filter normalisation (Li et al. 2018): each random direction is scaled, filter by filter, to the norms of that minimum’s own weights, so a network with larger weights does not look flatter just for that. Along such random directions the two differ much less: the sharpness lives in a few directions (see the spectra).',
    },
    {
      text: 'The interpolation θ(t) = t·θ_b + (1−t)·θ_a joins the two minima (t = 0 batch 8, t = 1 full batch): no barrier between them, the loss stays low from t = 0 to 1. Beyond t = 1 it climbs faster than before t = 0: the sharp side.',
    },
    {
      text: 'Be careful with “flat generalises better”: sharpness depends on the parameterisation. Rescaling one layer by α and the next by 1/α leaves a ReLU network’s function unchanged but changes λ_max at will (Dinh et al. 2017). Here both minima classify every test point correctly, and the sharp one even has the lower test loss.',
    },
  ],
};
