/**
 * The lesson “Rosenbrock’s ravine”. Measured: at step 300 SGD is at loss 3.1 (x still < 0, far from
 * (1, 1)), momentum 0.012, Adam 0.19.
 */
import type { Lesson } from './lesson';
import { RACES } from './races';

export const ROSENBROCK_LESSON: Lesson = {
  id: 'rosenbrock',
  title: 'Rosenbrock’s ravine',
  summary:
    'A curved valley: SGD falls into it at once, then barely moves along it; momentum and Adam follow it to (1, 1).',
  document: {
    experiment: {
      problem: { kind: 'surface', surface: 'rosenbrock' },
      runs: RACES['surface:rosenbrock']!.runs,
      steps: RACES['surface:rosenbrock']!.steps,
      recordEvery: 1,
    },
    display: { speed: 3 },
  },
  steps: [
    {
      text: '(1 − x)² + 100 (y − x²)²: a narrow curved valley, minimum at (1, 1). All start at (−1.2, 1). Press play (or space).',
    },
    {
      text: 'SGD (η 0.001, the most the valley walls allow) drops into the valley and then crawls: after 300 steps it has not passed the bend.',
    },
    {
      text: 'Momentum keeps its speed along the valley floor and reaches (1, 1); Adam’s per-coordinate steps follow the curve too.',
    },
  ],
};
