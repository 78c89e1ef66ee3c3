/**
 * What the analysis jobs share (every job file but the landscape's, which keeps its view on a
 * failure): the job's life (begin, report a failure in words unless cancelled, end), parsing the
 * job's config block with field-naming errors, and the checks on the recording they read.
 *
 * A job is `runAnalysisJob(host, kind, report, body)`: nothing happens without an experiment; the
 * body's thrown errors become one 'failed' frame `{ done: 0, total: 1, message }` (none when the
 * job was cancelled); `end` runs however the body ends.
 */
import type { z } from 'zod';
import { messageOf } from '../../config/parse';
import type { Experiment } from '../../experiment/build';
import type { AnalysisKind } from '../../protocol/jobs';
import type { JobHost } from './host';

/** The frame every job's channel takes when the job fails (assignable to each job's frame). */
export interface FailedJobFrame {
  jobId: number;
  state: 'failed';
  done: 0;
  total: 1;
  message: string;
}

/** A progress frame without a payload (assignable to each job's frame). */
export interface RunningJobFrame {
  jobId: number;
  state: 'running';
  done: number;
  total: number;
}

/** The running job, as its body sees it. */
export interface AnalysisJobRun<F> {
  /** The experiment the job started on. */
  experiment: Experiment;
  jobId: number;
  /** Aborted when the job is cancelled (a newer job of its kind, Reset, Apply). */
  signal: AbortSignal;
  /** Sends a frame to the job's channel of the listener. */
  report: (frame: F) => void;
  /** Reports `done` of `total` units of work (a 'running' frame with nothing else). */
  progress: (done: number, total: number) => void;
  /** True once the answer is no longer wanted: cancelled, or the experiment replaced. */
  stale(): boolean;
}

/**
 * Runs `body` as the session's job of `kind`, reporting on `report` (the listener's channel for
 * the kind, bound). Returns at once when there is no experiment.
 */
export async function runAnalysisJob<F>(
  host: JobHost,
  kind: AnalysisKind,
  report: (frame: F | FailedJobFrame | RunningJobFrame) => void,
  body: (run: AnalysisJobRun<F>) => Promise<void>,
): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  const { jobId, signal, end } = host.begin(kind);
  try {
    await body({
      experiment,
      jobId,
      signal,
      report,
      progress: (done, total) => report({ jobId, state: 'running', done, total }),
      stale: () => signal.aborted || experiment !== host.experiment,
    });
  } catch (error) {
    if (signal.aborted) return;
    report({ jobId, state: 'failed', done: 0, total: 1, message: messageOf(error) });
  } finally {
    end();
  }
}

/** zod's issue path as `.a.b` (the default) after the block's name. */
const dottedPath = (path: readonly PropertyKey[]): string => `.${path.join('.')}`;

/**
 * `input` validated with `schema` (defaults filled in); on bad input throws a `RangeError` naming
 * the first problem's field, `<block><path>: <message>` (`formatPath` writes the path).
 */
export function parseJobSpec<S extends z.ZodType>(
  schema: S,
  input: unknown,
  block: string,
  formatPath: (path: readonly PropertyKey[]) => string = dottedPath,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`${block}${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

/** Throws `message` when nothing is recorded yet (`count` recorded points). */
export function requireRecorded(count: number, message = 'nothing is recorded yet'): void {
  if (count === 0) throw new RangeError(message);
}

/** Throws unless `index` is a recorded point (0 … count − 1); returns it. */
export function recordedIndex(index: number, count: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new RangeError(`at: must be a recorded point from 0 to ${count - 1} (got ${index})`);
  return index;
}

/** Run `run`'s parameters [P] in a recorded θ of every run ([K·P], run-major); a copy. */
export function runTheta(experiment: Experiment, theta: Float32Array, run: number): Float32Array {
  const p = experiment.problem.layout.size;
  return theta.slice(run * p, (run + 1) * p);
}

/**
 * Every run's point at recorded index `index`: its parameters [K][P] (copies) and its step [K]
 * (the same for all).
 */
export function runsAt(
  experiment: Experiment,
  recording: { steps: number[]; thetas: Float32Array[] },
  index: number,
): { points: Float32Array[]; steps: number[] } {
  const theta = recording.thetas[index]!;
  const points = experiment.runs.map((_, k) => runTheta(experiment, theta, k));
  return { points, steps: points.map(() => recording.steps[index]!) };
}

/** Resolves in the next task: lets a cancel (or a newer job) in before a long computation. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A job's 'done' frame carrying its result (assignable to each job's frame). */
export interface DoneJobFrame<R> {
  jobId: number;
  state: 'done';
  done: 1;
  total: 1;
  result: R;
}

/**
 * The body of a job that analyses every run's point at one recorded index (curvature, minima):
 * requires a recording, checks the index `at(count)` names (count recorded points), runs
 * `analyse` on the runs' parameters [K][P] and steps [K] there with the job's signal and progress
 * reports, and sends the result as the 'done' frame unless the job went stale meanwhile.
 */
export async function analyseRecordedPoints<R>(
  host: JobHost,
  run: AnalysisJobRun<DoneJobFrame<R>>,
  at: (count: number) => number,
  analyse: (
    points: Float32Array[],
    steps: number[],
    options: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
  ) => Promise<R>,
): Promise<void> {
  const { thetas } = host.recording;
  requireRecorded(thetas.length);
  const index = recordedIndex(at(thetas.length), thetas.length);
  const { points, steps } = runsAt(run.experiment, host.recording, index);
  const result = await analyse(points, steps, { signal: run.signal, onProgress: run.progress });
  if (run.stale()) return;
  run.report({ jobId: run.jobId, state: 'done', done: 1, total: 1, result });
}
