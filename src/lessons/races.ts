/**
 * Each problem's own race: SGD, momentum and Adam with learning rates tuned for that problem, the
 * number of updates that shows the race, and how often it is recorded. Learning rates do not
 * carry over between problems (the spiral network's η 0.5 makes SGD diverge at the first step on
 * Rosenbrock or least squares), so the experiment form swaps in the new problem's race when the
 * problem changes, and the runs editor offers it as a preset. `races.test.ts` trains every race
 * headless and checks that no run diverges and each one lowers its loss.
 *
 * Surfaces record every update: recording every few aliases SGD's zig-zag across a ravine into
 * straight jumps. Networks record every other update (the paths are smooth at that scale).
 */
import type { z } from 'zod';
import type { ExperimentInput, RunSchema } from '../config/schema';

/** One run as a user may write it. */
export type RaceRun = z.input<typeof RunSchema>;

/** A problem's tuned race. */
export interface Race {
  /** What the race is tuned on, for the note shown when it replaces the runs. */
  label: string;
  runs: RaceRun[];
  steps: number;
  recordEvery: number;
}

type ProblemInput = NonNullable<ExperimentInput['problem']>;

/** `mlp`, `logistic`, …, or `surface:<name>` (each surface has its own race). */
export type ProblemKey = string;

/** The key of a problem's race: its kind, and for a surface which one. */
export function problemKey(problem: ProblemInput | undefined): ProblemKey {
  if (!problem) return 'mlp';
  if (problem.kind === 'surface') return `surface:${problem.surface ?? 'rosenbrock'}`;
  return problem.kind;
}

/** SGD, momentum (μ) and Adam with the given learning rates. */
function trio(sgd: number, momentum: number, mu: number, adam: number): RaceRun[] {
  return [
    { name: 'SGD', optimizer: 'sgd', lr: sgd },
    { name: 'Momentum', optimizer: 'momentum', lr: momentum, momentum: mu },
    { name: 'Adam', optimizer: 'adam', lr: adam },
  ];
}

/**
 * The fixed races, by problem key (the quadratic's depends on κ: `quadraticRace`). Measured
 * headless on wasm (loss at the last step, from the problem's default data and start):
 * - mlp (two spirals, 2-16-16-1): SGD stays on the 0.66 plateau, momentum 0.28, Adam 0.077.
 * - logistic (two spirals): all reach the linear model's 0.66 (not separable).
 * - linear-regression (20 points, 50 features): all below 1e-9.
 * - tanh-regression: all within 0.015–0.017 (the teacher's noise floor).
 * - rosenbrock: SGD 3.1 (stalls in the valley), momentum 0.012, Adam 0.19.
 * - beale: SGD 0.0075, momentum 0.007, Adam 0.014. himmelblau: all below 0.01 at step 100.
 * - saddle: all leave the saddle (loss −4 to −6 at step 80). rastrigin: all stop in the local
 *   minimum at 7.96. plateau-cliff: all reach the bowl's minimum.
 */
export const RACES: Readonly<Record<ProblemKey, Race>> = {
  mlp: { label: 'two spirals', runs: trio(0.5, 1, 0.9, 0.05), steps: 200, recordEvery: 2 },
  logistic: {
    label: 'logistic regression',
    runs: trio(1, 0.1, 0.9, 0.1),
    steps: 200,
    recordEvery: 1,
  },
  'linear-regression': {
    label: 'least squares',
    runs: trio(0.1, 0.01, 0.9, 0.03),
    steps: 200,
    recordEvery: 1,
  },
  'tanh-regression': {
    label: 'the tanh model',
    runs: trio(0.1, 0.05, 0.9, 0.03),
    steps: 200,
    recordEvery: 1,
  },
  cnn: {
    label: 'the digits CNN',
    runs: trio(0.5, 0.1, 0.9, 0.01),
    steps: 100,
    recordEvery: 2,
  },
  'surface:rosenbrock': {
    label: 'Rosenbrock',
    runs: trio(0.001, 0.001, 0.9, 0.1),
    steps: 300,
    recordEvery: 1,
  },
  'surface:beale': {
    label: 'Beale',
    runs: trio(0.01, 0.001, 0.9, 0.05),
    steps: 300,
    recordEvery: 1,
  },
  'surface:himmelblau': {
    label: 'Himmelblau',
    runs: trio(0.003, 0.002, 0.9, 0.1),
    steps: 150,
    recordEvery: 1,
  },
  'surface:saddle': {
    label: 'the saddle',
    runs: trio(0.05, 0.01, 0.9, 0.02),
    steps: 80,
    recordEvery: 1,
  },
  'surface:rastrigin': {
    label: 'Rastrigin',
    runs: trio(0.002, 0.002, 0.9, 0.05),
    steps: 150,
    recordEvery: 1,
  },
  'surface:plateau-cliff': {
    label: 'the plateau and cliff',
    runs: trio(0.2, 0.03, 0.9, 0.1),
    steps: 150,
    recordEvery: 1,
  },
};

/** Three significant digits (learning rates shown in the form). */
const round3 = (x: number): number => Number(x.toPrecision(3));

/**
 * The race on the quadratic ½(x² + κy²), whose steep eigenvalue is κ: SGD at η = 1.9/κ, just
 * under the stability limit 2/κ, zig-zags across the ravine and crawls along it; momentum at the
 * same η with μ 0.5 (near the best heavy-ball μ for κ ≈ 50, ((√κ−1)/(√κ+1))² ≈ 0.57; 0.9 would
 * circle) damps the zig-zag; Adam (η 0.1) rescales each axis.
 */
export function quadraticRace(kappa: number): Race {
  const lr = round3(1.9 / kappa);
  return {
    label: `the quadratic with κ = ${kappa}`,
    runs: [
      { name: 'SGD', optimizer: 'sgd', lr },
      { name: 'Momentum', optimizer: 'momentum', lr, momentum: 0.5 },
      { name: 'Adam', optimizer: 'adam', lr: 0.1 },
    ],
    steps: 150,
    recordEvery: 1,
  };
}

/** The schema's default κ of the quadratic. */
const DEFAULT_KAPPA = 10;

/** The race tuned for `problem` (the quadratic's follows its κ). */
export function raceFor(problem: ProblemInput | undefined): Race {
  if (problem?.kind === 'surface' && problem.surface === 'quadratic')
    return quadraticRace(problem.kappa ?? DEFAULT_KAPPA);
  return RACES[problemKey(problem)] ?? RACES.mlp!;
}

/** Whether switching from `before` to `after` needs another race (problem, surface or κ changed). */
export function raceChanges(
  before: ProblemInput | undefined,
  after: ProblemInput | undefined,
): boolean {
  if (problemKey(before) !== problemKey(after)) return true;
  const kappa = (p: ProblemInput | undefined) =>
    p?.kind === 'surface' && p.surface === 'quadratic' ? (p.kappa ?? DEFAULT_KAPPA) : null;
  return kappa(before) !== kappa(after);
}

/** The experiment with `race`'s runs, steps and recording (problem, data and seed kept). */
export function withRace(experiment: ExperimentInput, race: Race): ExperimentInput {
  return {
    ...experiment,
    runs: race.runs.map((run) => ({ ...run })),
    steps: race.steps,
    recordEvery: race.recordEvery,
  };
}

/** The note shown when a race replaced the runs: which rates, and why. */
export function raceNote(race: Race): string {
  const rates = race.runs
    .map((r) => `${r.name} η ${r.lr}${r.momentum !== undefined ? ` (μ ${r.momentum})` : ''}`)
    .join(', ');
  return `Learning rates replaced by the race tuned for ${race.label}: ${rates}; ${race.steps} steps, recorded every ${race.recordEvery === 1 ? 'step' : `${race.recordEvery} steps`}. The previous rates were tuned for another problem and could diverge here.`;
}
