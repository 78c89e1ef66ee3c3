/**
 * The lesson “The spiral race and its PCA landscape”. Measured: at step 200 SGD is still on the
 * 0.66 plateau, momentum at 0.28, Adam at 0.077.
 */
import type { Lesson } from './lesson';
import { RACES } from './races';

export const SPIRAL_RACE_LESSON: Lesson = {
  id: 'spiral-race',
  title: 'The spiral race and its PCA landscape',
  summary:
    'A 2-16-16-1 network on two spirals: Adam leaves the plateau first, momentum later, SGD not at all; the PCA plane shows where they went.',
  document: {
    experiment: {
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral', points: 320, noise: 0.05 },
      runs: RACES.mlp!.runs,
      steps: RACES.mlp!.steps,
      recordEvery: RACES.mlp!.recordEvery,
    },
    view: { directions: 'pca' },
    display: { speed: 5 },
  },
  steps: [
    {
      text: 'Three optimisers train the same network from the same θ₀ on two spirals. Press play (or space).',
    },
    {
      text: 'All three first reach a plateau at loss ≈ 0.66: the network predicts little more than the class balance.',
    },
    {
      text: 'Adam (η 0.05) leaves the plateau first, momentum (η 1, μ 0.9) later; SGD (η 0.5) stays on it.',
    },
    {
      text: 'When training ends the plane becomes the PCA of the paths: the two directions in which they moved most.',
      view: { directions: 'pca' },
    },
  ],
};
