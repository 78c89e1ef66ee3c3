/**
 * Lessons: each is data — the document it opens (an `AppConfigInput`: experiment, view, display),
 * which panels it shows, which controls it hides, a few short text steps (each may set the state
 * it talks about: a document patch, a view, the view mode, play/pause/reset), and the analysis
 * jobs it runs. The lesson bar (`widget/LessonBar.tsx`) and the lecture keys read this registry;
 * a new lesson is one entry here plus a test that its default settings show its phenomenon
 * (`phenomena.test.ts`, headless) and a browser test that it shows within 10 s of play
 * (`tests/e2e/lessons.test.ts`).
 *
 * Every lesson's defaults are tuned so that its effect is visible within 10 s of pressing play,
 * and no default run diverges unless divergence is the point (the η above 2/λ run).
 */
import type { AppConfigInput, ViewInput } from '../config/app';
import type { RunSchema } from '../config/schema';
import type { z } from 'zod';
import type { AnalysisJob } from '../protocol/jobs';

import type { PanelId } from '../config/controls';
import { quadraticRace, RACES } from './races';
import { TEMPERATURE_LESSON } from './temperature';

/**
 * What a step does when it is shown, besides its text. The analyses run once training has ended
 * (playing it to the end first): 'compare-minima' compares runs 0 and 1's minima side by side (the
 * minima job), 'train-curve' trains the lesson's `connect` curve, 'find-bad-minima' runs its
 * `badMinima` search, 'implicit-bias' compares every run with the SVM direction or A⁺b, 'ensemble'
 * trains the lesson's seed ensembles (its `ensemble` block).
 */
export type LessonAction =
  | 'play'
  | 'pause'
  | 'reset'
  | 'compare-minima'
  | 'train-curve'
  | 'find-bad-minima'
  | 'implicit-bias'
  | 'ensemble';

export interface LessonStep {
  /** One or two sentences, shown in order. */
  text: string;
  /**
   * A patch of the lesson's document shown from this step on: its `experiment` fields replace
   * the lesson's (and restart the runs), `view` and `display` fields are merged.
   */
  document?: AppConfigInput;
  /** View fields set at this step (e.g. the PCA plane after training). */
  view?: Partial<ViewInput>;
  /** The view mode shown at this step. */
  viewMode?: '3d' | 'contour';
  /** Play, pause, reset or compare the minima when the step is shown. */
  action?: LessonAction;
}

export interface Lesson {
  id: string;
  title: string;
  /** What the learner should see, in one sentence. */
  summary: string;
  /** The document the lesson opens (fields left out take their defaults). */
  document: AppConfigInput;
  /** Panels shown (all when omitted). */
  panels?: readonly PanelId[];
  /** Field paths whose controls are hidden, e.g. 'experiment.data.kind'. */
  hide?: readonly string[];
  steps: readonly LessonStep[];
  /** Analysis jobs run when the lesson opens (the landscape always is). */
  jobs?: readonly AnalysisJob[];
}

type RunInput = z.input<typeof RunSchema>;

/** The runs of a lesson (its document's experiment.runs): what the runs editor offers as presets. */
export function lessonRuns(lesson: Lesson): RunInput[] {
  return (lesson.document.experiment?.runs ?? []) as RunInput[];
}

/** The ravine of the κ = 50 quadratic: SGD just under 2/λ = 0.04 (η 0.038), momentum, Adam. */
const RAVINE = quadraticRace(50);

export const LESSONS: readonly Lesson[] = [
  {
    // Measured (phenomena.test.ts): SGD's y flips sign at each of its first 10 steps while x keeps
    // 46 % of its start after 20; at step 20 momentum's loss is 0.043 and SGD's 0.61; at step 10
    // Adam's is 0.29 and SGD's 3.6.
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
  },
  {
    // Measured: on ½(x² + 10y²) (λ = 10, 2/λ = 0.2) y is multiplied by 1 − ηλ each step: −0.9 at
    // η 0.19 (|y| shrinks), −1.1 at η 0.21 (|y| grows; the run is flagged diverged at step 26).
    // The step-and-Taylor overlay is on: the model L − η‖g‖² + ½η²gᵀHg is exact here
    // (scene/overshoot.test.ts: 6.7521125 after η 0.21's first step, up from 6.125).
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
  },
  {
    // Cohen et al. 2021: full-batch gradient descent sharpens (λ_max rises) until λ_max ≈ 2/η, then
    // hovers there while the loss keeps falling, non-monotonically. Noisy circles keep the loss
    // away from 0 (cross-entropy on separable data flattens the network as the loss vanishes).
    // Measured (phenomena.test.ts, λ_max every 10 steps, as a fraction of 2/η): η 0.5 starts at
    // 0.20, peaks at 1.19, and over the last third stays in 0.91–1.00; η 1 starts at 0.40 (a
    // catapult to 1.85 at step 60), then 0.96–0.98. Training loss 0.713 → 0.24 and 0.22, rising
    // between steps 40 and 105 times.
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
  },
  {
    // Measured: at step 300 SGD is at loss 3.1 (x still < 0, far from (1, 1)), momentum 0.012,
    // Adam 0.19.
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
  },
  {
    // Measured: at step 200 SGD is still on the 0.66 plateau, momentum at 0.28, Adam at 0.077.
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
  },
  {
    // Adam's L2 penalty goes through the adaptive scaling, AdamW's decay does not (Loshchilov &
    // Hutter 2019). Measured: at step 200 Adam + L2 is still at 0.66, AdamW at 0.17.
    id: 'adam-adamw',
    title: 'Adam vs AdamW',
    summary: 'The same weight decay, coupled (Adam + L2) or decoupled (AdamW), trains differently.',
    document: {
      experiment: {
        runs: [
          { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.02, weightDecay: 0.01 },
          { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.02, weightDecay: 0.01 },
        ],
        steps: 200,
        recordEvery: 2,
      },
      display: { speed: 5 },
    },
    steps: [
      {
        text: 'Both runs use η 0.02 and λ = 0.01; only where the decay enters the update differs. Press play (or space).',
      },
      { text: 'Adam + L2 ends at a higher training loss: its decay is rescaled per parameter.' },
    ],
  },
  {
    id: 'small-large-batch',
    title: 'Small vs large batch',
    summary: 'A batch of 16 makes SGD noisy: its full-batch loss goes up and down on the way.',
    document: {
      experiment: {
        runs: [
          { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
          { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
        ],
        steps: 150,
        recordEvery: 1,
      },
      display: { speed: 5 },
    },
    steps: [
      {
        text: 'Same learning rate; one run sees 16 points per step, the other all of them. Press play (or space).',
      },
      { text: 'The small-batch loss curve jitters; the full-batch one descends smoothly.' },
    ],
  },
  {
    // Keskar et al. (2017): large-batch SGD ends in sharper minima than small-batch SGD from the
    // same θ₀. Measured (phenomena.test.ts, seed 1): after 1500 steps λ_max is 0.48 with batch 8
    // and 3.49 with the full batch (7.3×), training losses 0.032 and 0.019. The minima job
    // (default settings) adds: trace 1.69 vs 5.75, ε-sharpness (1e-3) 0.086 vs 0.22; test loss
    // 0.017 vs 0.0098, test accuracy 100 % for both; interpolation train loss 0.38 at t = −1,
    // ≤ 0.032 on [0, 1], 1.35 at t = 2. xor rather than the spirals: both runs reach near-zero
    // loss within 1500 steps, so the comparison is between two minima, not two points on the way
    // (at 1000 steps the full-batch λ_max is still 4.2, above its edge 2/η = 4).
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
  },
  {
    // Garipov et al. (2018). Measured (phenomena.test.ts): the straight segment between the two
    // seeds' minima has a training-loss barrier of ≈ 1.0; the trained Bézier's is ≈ 0.03.
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
  },
  {
    // Measured (phenomena.test.ts): see the numbers there; the good run fits the 100 clean
    // training points and classifies the 100 test points well; bad runs from its checkpoints,
    // trained on train ∪ 100 random-label poison points, fit the clean set 100 % too but lose
    // test accuracy.
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
  },
  {
    // Measured (phenomena.test.ts; src/experiment/implicit-bias.test.ts, same settings): γ = 0.202;
    // GD's angle to the SVM direction 0.067 rad at step 10², 0.050 at 10³, 0.039 at 10⁴; Adam ends
    // at 0.059, Adagrad at 0.097. Least squares (25 points, 20 for training, 50 features): GD and
    // momentum end at A⁺b (relative distance < 1e-5), Adam 0.74 away, all with training loss ≈ 0.
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
  },
  TEMPERATURE_LESSON,
];

/** The lesson called `id` (own entries only), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
