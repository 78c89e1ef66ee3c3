/**
 * What the explorer's store holds while it replays a result file (no training, nothing
 * recomputed): the landscape and the paths on it, the loss histories, the runs' names, colours and
 * divergence, and the session info the panels read.
 */
import type { ViewConfig } from '../config/app';
import { defaultRunColor } from '../config/palette';
import type { ExperimentResult } from '../config/result';
import { LANDSCAPE_METRICS, type LandscapeMetric } from '../config/schema';
import type { SessionInfo } from '../protocol/session-info';
import type { SessionState } from '../state/session';
import type { LandscapeView, TrajectoryView } from '../state/view-types';
import { ResultFileError } from './result';

export interface Replay {
  info: SessionInfo;
  /** Recorded steps and, per run, the losses at them ([run][point]; NaN where there is none). */
  history: SessionState['history'];
  /** Per run: the update at which it diverged, or −1. */
  divergedAt: number[];
  /** The last recorded step. */
  step: number;
  landscape: LandscapeView | null;
  plane: SessionState['plane'];
  /** One per run; empty paths when the file has no landscape. */
  trajectories: TrajectoryView[];
  /** The view of the file, when it has one. */
  view: ViewConfig | null;
  /** Per run: the absolute off-plane distances of the file (kept for a re-export). */
  offPlane: number[][];
}

const f32 = (xs: readonly number[]) => Float32Array.from(xs);

/** The landscape metric of a file's grids: the view's when it has that grid, else the first known. */
function shownMetric(result: ExperimentResult): LandscapeMetric | null {
  const values = result.landscape?.values ?? {};
  const wanted = result.view?.metric;
  if (wanted && wanted in values) return wanted;
  return LANDSCAPE_METRICS.find((m) => m in values) ?? null;
}

/** The store's content for a result; throws `ResultFileError` when its grid has no known metric. */
export function replayOf(result: ExperimentResult): Replay {
  const { config, runs, problem } = result;
  const names = runs.map((r) => r.name);
  const first = runs[0]!.trajectory;
  const classifier = first[0]?.trainAccuracy !== undefined;
  const task: SessionInfo['problem']['task'] =
    config.problem.kind === 'surface' ? 'surface' : classifier ? 'classification' : 'regression';
  const info: SessionInfo = {
    names,
    colors: runs.map((_, k) => config.runs[k]?.color ?? defaultRunColor(k)),
    steps: config.steps,
    problem: {
      name: problem.name,
      task,
      parameters: problem.parameters,
      layout: problem.layout.map((e) => `${e.name} [${e.shape.join('×')}]`).join(', '),
    },
    model: `${problem.name}, ${problem.parameters.toLocaleString('en')} parameters`,
    data: `a saved result (computed on ${result.backend})`,
    loss: 'loss',
    // The digits card shows a digits result (its predictions with the bundled images).
    ...(config.problem.kind !== 'surface' && { dataKind: config.data.kind }),
  };
  const history: SessionState['history'] = {
    steps: first.map((p) => p.step),
    trainLoss: runs.map((r) => r.trajectory.map((p) => p.trainLoss)),
    testLoss: runs.map((r) => r.trajectory.map((p) => p.testLoss ?? Number.NaN)),
  };
  const divergedAt = runs.map((r) => r.divergedAt ?? -1);
  const l = result.landscape;
  const metric = shownMetric(result);
  if (l && metric === null) {
    throw new ResultFileError([
      `landscape.values: holds no grid of a known metric (${LANDSCAPE_METRICS.join(', ')})`,
    ]);
  }
  const landscape: LandscapeView | null =
    l && metric
      ? {
          n: l.n,
          a: f32(l.a),
          b: f32(l.b),
          values: f32(l.values[metric]!),
          metric,
          axisLabels: l.axisLabels,
        }
      : null;
  const trajectories: TrajectoryView[] = runs.map((run, k) => {
    const t = l?.trajectories[k];
    return {
      name: run.name,
      color: info.colors[k]!,
      a: f32(t?.a ?? []),
      b: f32(t?.b ?? []),
      trueLoss: f32(t?.trueLoss ?? []),
      planeLoss: f32(t?.planeLoss ?? []),
      offPlane: f32(t?.offPlaneRelative ?? []),
      length: t?.a.length ?? 0,
      diverged: run.diverged,
    };
  });
  return {
    info,
    history,
    divergedAt,
    step: first[first.length - 1]?.step ?? 0,
    landscape,
    plane: l ? { directions: l.directions, explained: l.explained } : null,
    trajectories,
    view: result.view ?? null,
    offPlane: runs.map((_, k) => [...(l?.trajectories[k]?.offPlane ?? [])]),
  };
}

/** What was recorded, as the file holds it (a replay re-exports it unchanged). */
export function recordedOf(result: ExperimentResult) {
  return {
    config: result.config,
    problem: result.problem,
    unavailable: result.unavailable,
    runs: result.runs.map(({ name, hyper, trajectory }) => ({ name, hyper, trajectory })),
  };
}
