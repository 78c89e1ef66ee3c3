/**
 * The lesson “SGD vs momentum vs Adam in a ravine (κ = 50)”. Measured (phenomena.test.ts): SGD's y
 * flips sign at each of its first 10 steps while x keeps 46 % of its start after 20; at step 20
 * momentum's loss is 0.043 and SGD's 0.61; at step 10 Adam's is 0.29 and SGD's 3.6.
 */
import type { Lesson } from './lesson';
import { quadraticRace } from './races';

/** The ravine of the κ = 50 quadratic: SGD just under 2/λ = 0.04 (η 0.038), momentum, Adam. */
const RAVINE = quadraticRace(50);

export const RAVINE_LESSON: Lesson = {
  id: 'ravine',
  title: 'SGD vs momentum vs Adam in a ravine (κ = 50)',
  summary:
    'On ½(x² + 50y²) SGD zig-zags across the ravine and crawls along it; momentum and Adam go down it.',
  document: {
    experiment: {
      problem: { kind: 'surface', surface: 'quadratic', kappa: 50 },
      runs: RAVINE.runs,
      steps: RAVINE.steps,
      recordEvery: RAVINE.recordEvery,
    },
    display: { speed: 1 },
  },
  steps: [
    {
      text: 'The ravine ½(x² + 50y²): 50 times steeper across (y) than along (x). All three start at (−1.5, 1).',
    },
    {
      text: 'SGD takes η = 0.038, just under 2/50: watch it zig-zag across the ravine while it crawls along x (the race starts).',
      action: 'play',
    },
    {
      text: 'Momentum (same η, μ 0.5) lets the zig-zags cancel and builds up speed along the valley: 14× lower loss than SGD at step 20.',
    },
    {
      text: 'Adam divides each coordinate by its own gradient scale: to it the ravine looks round, so it heads for the minimum at once.',
    },
    {
      text: 'The contour map shows the zig-zag best.',
      viewMode: 'contour',
    },
  ],
};
