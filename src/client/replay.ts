/**
 * The session state of a replayed result file: what the panels show while nothing trains (the
 * file's runs, histories and plane), and the words that say so.
 */
import type { ExperimentResult } from '../config/result';
import type { Replay } from '../export/replay';
import type { SessionState } from '../state/session';

/** A replayed file and what the store cannot hold of it (kept for a re-export). */
export interface ReplaySource {
  result: ExperimentResult;
  /** Per run: the absolute off-plane distances of the file. */
  offPlane: number[][];
}

/** The status while a result is replayed. */
export const REPLAY_NOTICE = 'Replaying a saved result (no training)';

/** Why the view cannot change during a replay. */
export const REPLAY_VIEW_MESSAGE =
  'A saved result is replayed as it was computed: Reset or Apply trains it live, then the view can change.';

/**
 * The session patch that shows `replay` (of `result`, from `source`, e.g. its file name) in place
 * of the `current` session.
 */
export function replaySession(
  replay: Replay,
  result: ExperimentResult,
  source: string,
  current: SessionState,
): Partial<SessionState> {
  return {
    info: replay.info,
    step: replay.step,
    playing: false,
    finished: true,
    history: replay.history,
    divergedAt: replay.divergedAt,
    boundary: null,
    curve: null,
    progress: null,
    plane: replay.plane,
    recording: null,
    selectedRun: 0,
    // Reset and Apply train the file's experiment live.
    config: result.config,
    problems: [],
    // The view on screen: the file's (or the current one), with the metric of the grid shown.
    view: {
      ...(replay.view ?? current.view),
      ...(replay.landscape ? { metric: replay.landscape.metric } : {}),
    },
    error: null,
    viewError: null,
    landscapeError: replay.landscape
      ? null
      : 'This result has no landscape (its config asked for none).',
    // The file's analyses are shown in their cards as finished jobs' (live jobs have ids ≥ 1).
    implicitBias: result.implicitBias
      ? { jobId: 0, state: 'done', done: 1, total: 1, result: result.implicitBias }
      : null,
    ensemble: result.ensemble
      ? { jobId: 0, state: 'done', done: 1, total: 1, result: result.ensemble }
      : null,
    badMinima: result.badMinima
      ? { jobId: 0, state: 'done', done: 1, total: 1, result: result.badMinima }
      : null,
    // A digits result's view comes from a job (`showDigits`), not the live session's.
    digitsView: null,
    notice: `${REPLAY_NOTICE}: ${source}, ${result.runs.length} runs to step ${replay.step}, computed on ${result.backend}. Reset or Apply goes back to live training.`,
  };
}

/**
 * The implicit-bias, ensemble, noise and bad-minima blocks of an export: a replayed file's as it
 * holds them; live, the finished implicit-bias, ensemble and bad-minima jobs' results (noise is
 * computed by the CLI only).
 */
export function analysesToExport(
  replayed: ExperimentResult | null,
  session: SessionState,
): Pick<ExperimentResult, 'implicitBias' | 'ensemble' | 'noise' | 'badMinima' | 'classification'> {
  if (replayed) {
    return {
      implicitBias: replayed.implicitBias,
      ensemble: replayed.ensemble,
      noise: replayed.noise,
      badMinima: replayed.badMinima,
      classification: replayed.classification,
    };
  }
  const done = <R>(frame: { state: string; result?: R } | null): R | undefined =>
    frame?.state === 'done' ? frame.result : undefined;
  return {
    implicitBias: done(session.implicitBias),
    ensemble: done(session.ensemble),
    badMinima: done(session.badMinima),
  };
}
