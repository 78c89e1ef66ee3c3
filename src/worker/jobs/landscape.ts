/**
 * The landscape job: the loss on the view's plane (random, PCA of the paths, through three points,
 * or a surface's axes) with every run's recorded path projected onto it. Cancellable; a failure is
 * reported in words with the view still on screen, never thrown at the caller.
 */
import { explicitDirectionProblems } from '../../config/directions-schema';
import { metricProblem } from '../../config/schema';
import type { ViewSpec } from '../../config/view';
import type { LandscapeMetric } from '../../engine/landscape/metrics';
import { describeLayout } from '../../engine/problems/layout';
import { DegeneratePlane } from '../../engine/landscape/plane';
import { projectOntoPlane } from '../../engine/landscape/projection';
import type { Experiment } from '../../experiment/build';
import { experimentLandscape } from '../../experiment/landscape';
import { VarProMap } from '../../experiment/landscape-varpro';
import { landscapeSpecFor } from '../../experiment/view';
import type { LandscapeJob } from '../../protocol/jobs';
import type { JobHost } from './host';

export async function runLandscapeJob(host: JobHost, job: LandscapeJob): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  if (job.view) host.view = { ...job.view };
  const { jobId, signal, end } = host.begin('landscape');
  const view = { ...host.view };
  try {
    checkMetric(experiment, view.metric);
    checkExplicitPlane(experiment, view);
    // The same rule as the CLI's, so a CLI run of the document shows the app's picture.
    const spec = landscapeSpecFor(experiment, view, host.recording.thetas.length);
    const result = await experimentLandscape(experiment, host.trajectories(), spec, {
      signal,
      onProgress: (done, total) => host.listener.progress({ jobId, done, total }),
    });
    if (signal.aborted || experiment !== host.experiment) return;
    // The exact (w, shift) view of the tanh model has no plane: its map takes the plane's place.
    const map = result.varpro ? new VarProMap(experiment, result.varpro.reference) : null;
    const project = (points: Float32Array) =>
      map ? map.project(points) : projectOntoPlane(points, result.plane!);
    const planeId = host.setPlane(map ?? result.plane!, {
      aRange: result.aRange,
      bRange: result.bRange,
    });
    host.shownView = view;
    // Project the recording as it is now: training may have gone on while the grid was computed.
    const steps = Int32Array.from(host.recording.steps);
    const now = host.trajectories();
    host.listener.landscape({
      jobId,
      planeId,
      directions: result.directions,
      metric: view.metric,
      axisLabels: result.axisLabels,
      explained: result.explained,
      n: result.grid.n,
      a: result.grid.a,
      b: result.grid.b,
      values: result.grid.values[view.metric]!,
      steps,
      trajectories: now.map((points, run) => {
        const coords = project(points);
        return {
          a: coords.a,
          b: coords.b,
          trueValue: host.history(run),
          planeValue: host.planeValues(coords.a, coords.b),
          offPlaneRelative: coords.offPlaneRelative,
        };
      }),
      ...(result.varpro && {
        varpro: {
          outliers: result.varpro.outliers.indices,
          minima: result.varpro.minima.map(({ w, s, loss, outliers }) => ({
            w,
            s,
            loss,
            outliers,
          })),
        },
      }),
    });
  } catch (error) {
    if (signal.aborted || experiment !== host.experiment) return;
    host.view = host.shownView ?? host.view;
    host.listener.landscapeFailed({
      jobId,
      message: landscapeMessage(error, view),
      view: host.shownView,
    });
  } finally {
    end();
  }
}

/** A metric the experiment has no data for (it would be NaN); the message is for the user. */
class MetricUnavailable extends Error {}

/**
 * Why the experiment has no data for the metric, in the app's words, or null when it has. The rule
 * is the config's (`metricProblem`, which the CLI uses with config-field wording).
 */
export function metricError(experiment: Experiment, metric: LandscapeMetric): string | null {
  if (!metricProblem(experiment.config, metric)) return null;
  const task = experiment.problem.task;
  if (metric.endsWith('Accuracy') && task !== 'classification')
    return `Accuracy needs a classification problem; this one is ${task === 'surface' ? 'an analytic surface' : 'a regression'}: choose training or test loss.`;
  return 'There is no test set (the data keeps no points for testing): choose the training loss, or raise the test fraction.';
}

/** Throws the reason when the experiment has no data for the metric. */
function checkMetric(experiment: Experiment, metric: LandscapeMetric): void {
  const reason = metricError(experiment, metric);
  if (reason) throw new MetricUnavailable(reason);
}

/** An explicit plane that does not fit the model (the message is for the user). */
class PlaneMismatch extends Error {}

/**
 * Throws when the view's explicit plane (a plane file's numbers) does not fit the experiment's
 * model: d₁, d₂ and the centre must each have the model's P numbers, d₁ and d₂ must not be zero.
 */
function checkExplicitPlane(experiment: Experiment, view: ViewSpec): void {
  const layout = experiment.problem.layout;
  const problems = explicitDirectionProblems(view.directions, layout.size, describeLayout(layout));
  if (problems.length) {
    throw new PlaneMismatch(
      `This plane does not fit the model (${problems
        .map((p) =>
          p.replace(/^landscape\.directions\./, '').replace('for this problem', 'for this model'),
        )
        .join('; ')}): open a plane made for this model, or choose another plane.`,
    );
  }
}

/** A landscape failure in words the user can act on. */
export function landscapeMessage(error: unknown, view: ViewSpec): string {
  if (error instanceof MetricUnavailable || error instanceof PlaneMismatch) return error.message;
  if (error instanceof DegeneratePlane) {
    return error.kind === 'parallel'
      ? 'The two directions of this plane are parallel, so they span no plane: choose another plane or centre.'
      : view.directions === 'points'
        ? 'The three points of "Through points" lie on one line (or two of them are the same point), so they span no plane: choose three points that are not on one line.'
        : `The points chosen for this plane span no plane (${error.message}).`;
  }
  return `The landscape could not be computed: ${error instanceof Error ? error.message : String(error)}`;
}
