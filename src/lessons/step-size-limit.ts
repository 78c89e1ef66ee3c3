/**
 * The lesson “η just below and just above 2/λ”. Measured: on ½(x² + 10y²) (λ = 10, 2/λ = 0.2) y is
 * multiplied by 1 − ηλ each step: −0.9 at η 0.19 (|y| shrinks), −1.1 at η 0.21 (|y| grows; the run
 * is flagged diverged at step 26). The step-and-Taylor overlay is on: the model L − η‖g‖² + ½η²gᵀHg
 * is exact here (scene/overshoot.test.ts: 6.7521125 after η 0.21's first step, up from 6.125).
 */
import type { Lesson } from './lesson';

export const STEP_SIZE_LIMIT_LESSON: Lesson = {
  id: 'step-size-limit',
  title: 'η just below and just above 2/λ',
  summary:
    'Gradient descent on a quadratic is stable only for η < 2/λ: at 0.19 it oscillates and settles, at 0.21 it oscillates and blows up.',
  document: {
    experiment: {
      problem: { kind: 'surface', surface: 'quadratic', kappa: 10 },
      runs: [
        { name: 'η 0.1 (= 1/λ)', optimizer: 'sgd', lr: 0.1 },
        { name: 'η 0.19 (< 2/λ)', optimizer: 'sgd', lr: 0.19 },
        { name: 'η 0.21 (> 2/λ)', optimizer: 'sgd', lr: 0.21 },
      ],
      steps: 60,
      recordEvery: 1,
    },
    display: { speed: 1, overshoot: true },
  },
  // Only the learning rates are to be changed here: the problem panel is hidden.
  hide: ['experiment'],
  steps: [
    {
      text: 'On ½(x² + 10y²) the steep direction y has curvature λ = 10. One SGD step multiplies y by 1 − ηλ.',
    },
    {
      text: 'η = 0.1 = 1/λ kills y in one step; η = 0.19 flips y and shrinks it by 0.9; η = 0.21 flips it and grows it by 1.1 (the race starts).',
      action: 'play',
    },
    {
      text: 'The η 0.21 run oscillates with growing |y| until it is stopped as diverged (on purpose): 2/λ = 0.2 is the limit.',
    },
    {
      text: 'The dark line on the surface is one run’s next step; the dashed orange curve is its second-order Taylor model L − η‖g‖² + ½η²gᵀHg. On a quadratic the model is exact: the two coincide.',
      action: 'pause',
    },
    {
      text: 'In the step readout pick “η 0.21 (> 2/λ)” and drag the timeline back to an early point: 1 − ηλ₁ = −1.1, so the step lands higher up the opposite wall than it started (predicted = actual, above L(θ_k)).',
    },
    {
      text: 'The contour map shows the step as an arrow, and the Hessian’s eigen-directions with their 1 − ηλ (red: |1 − ηλ| > 1).',
      viewMode: 'contour',
    },
    {
      text: 'In a network λ is the Hessian’s top eigenvalue (the sharpness): the same limit decides which learning rates train (lesson “The edge of stability”).',
    },
  ],
};
