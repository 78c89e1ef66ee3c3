/**
 * What the step-and-Taylor overlay shows, from the store: the selected run's point on screen (the
 * scrubbed recorded point, or the newest), the step it takes from there and that step's
 * second-order model (`./overshoot.ts`), on an analytic surface whose plane is its own x, y axes
 * (so a trajectory's (a, b) is θ itself).
 *
 * The step is known exactly for plain gradient descent with a constant η (d = −η(g + wd·θ), at
 * any point, the newest included); for any other optimiser (its step depends on its state) it is
 * the recorded next point, when every update is recorded.
 */
import { useMemo } from 'react';
import { parseConfig } from '../config/parse';
import type { ExperimentConfig, RunConfig } from '../config/schema';
import { optimizerDefaults } from '../config/optimizer-defaults';
import { useAppStore } from '../state/store';
import type { TrajectoryView } from '../state/view-types';
import { stepModel, stepSamples, type StepModel, type StepRule } from './overshoot';
import { surfaceCalculus, type SurfaceCalculus } from './surface-calculus';

/** The true loss along the step (dark) and the Taylor model (Okabe–Ito vermillion), both views. */
export const STEP_COLOR = '#1b2330';
export const TAYLOR_COLOR = '#d55e00';

/** Samples along the drawn stretch t ∈ [0, STEP_OVERRUN] of the step. */
export const STEP_SAMPLES = 41;

export interface OvershootView {
  /** The run shown (the selected one). */
  run: number;
  name: string;
  color: string;
  /** The recorded point's index and its training step. */
  point: number;
  step: number;
  surface: SurfaceCalculus;
  /** The surface's name, e.g. 'quadratic'. */
  surfaceName: string;
  /** The step model, or null with `reason` when this run's step is not known here. */
  model: StepModel | null;
  reason: string | null;
  /** [STEP_SAMPLES, 4]: x, y, true loss, Taylor model along the step (see `stepSamples`). */
  samples: Float64Array | null;
}

/**
 * How run `run`'s step from recorded point `point` of `trajectory` is known (see the module
 * comment), or a sentence saying why it is not.
 */
export function stepRuleFor(
  config: ExperimentConfig,
  run: RunConfig,
  trajectory: Pick<TrajectoryView, 'a' | 'b' | 'length'>,
  point: number,
): StepRule | string {
  const defaults = optimizerDefaults(run.optimizer);
  const plain =
    run.optimizer === 'sgd' &&
    run.schedule.kind === 'constant' &&
    run.schedule.warmupSteps === 0 &&
    !(run.sam && run.sam.rho > 0);
  if (plain) {
    return {
      kind: 'gradient',
      lr: run.lr ?? defaults.lr,
      weightDecay: run.weightDecay ?? defaults.weightDecay,
    };
  }
  if (config.recordEvery !== 1) {
    return 'This run’s step depends on its optimiser’s state: record every update (record every 1) to see it.';
  }
  if (point + 1 >= trajectory.length) {
    return 'This run’s next step has not been taken yet: step or scrub back to see one.';
  }
  return { kind: 'recorded', next: [trajectory.a[point + 1]!, trajectory.b[point + 1]!] };
}

/**
 * The overlay's content for the store's state, or null when there is nothing to draw (off, not a
 * surface, no point yet, a config that does not parse).
 */
export function overshootView(input: {
  on: boolean;
  config: unknown;
  task: string | undefined;
  selectedRun: number;
  trajectories: readonly TrajectoryView[];
  scrub: number | null;
  recordedSteps: readonly number[];
}): OvershootView | null {
  if (!input.on || input.task !== 'surface') return null;
  let config: ExperimentConfig;
  try {
    config = parseConfig(input.config);
  } catch {
    return null;
  }
  if (config.problem.kind !== 'surface') return null;
  const surface = surfaceCalculus(config.problem.surface, config.problem.kappa);
  const k = Math.min(input.selectedRun, input.trajectories.length - 1);
  const trajectory = input.trajectories[k];
  const run = config.runs[k];
  if (!surface || !trajectory || !run || trajectory.length === 0) return null;
  const last = trajectory.length - 1;
  const point = input.scrub === null ? last : Math.max(0, Math.min(last, input.scrub));
  const theta: [number, number] = [trajectory.a[point]!, trajectory.b[point]!];
  const base = {
    run: k,
    name: trajectory.name,
    color: trajectory.color,
    point,
    step: input.recordedSteps[point] ?? point * config.recordEvery,
    surface,
    surfaceName: config.problem.surface,
  };
  if (!theta.every(Number.isFinite)) {
    return { ...base, model: null, reason: 'This run has left the finite numbers.', samples: null };
  }
  const rule = stepRuleFor(config, run, trajectory, point);
  if (typeof rule === 'string') return { ...base, model: null, reason: rule, samples: null };
  const model = stepModel(surface, theta, rule);
  return { ...base, model, reason: null, samples: stepSamples(surface, model, STEP_SAMPLES) };
}

/** `overshootView` of the nearest store, recomputed when a point, the scrub or the run changes. */
export function useOvershootView(): OvershootView | null {
  const on = useAppStore((s) => s.overshoot);
  const config = useAppStore((s) => s.session?.config);
  const task = useAppStore((s) => s.session?.info?.problem.task);
  const selectedRun = useAppStore((s) => s.session?.selectedRun ?? 0);
  const trajectories = useAppStore((s) => s.trajectories);
  const scrub = useAppStore((s) => s.scrub);
  const recordedSteps = useAppStore((s) => s.session?.history.steps);
  const version = useAppStore((s) => s.trajectoryVersion);
  return useMemo(() => {
    void version; // points are appended in place: the version says when
    return overshootView({
      on,
      config,
      task,
      selectedRun,
      trajectories,
      scrub,
      recordedSteps: recordedSteps ?? [],
    });
  }, [on, config, task, selectedRun, trajectories, scrub, recordedSteps, version]);
}
