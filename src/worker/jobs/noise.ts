/**
 * The gradient-noise job (Zancato & Chiuso; SCIENCE.md §7): the mini-batch gradient-noise
 * covariance of one run at one recorded point, projected on the session's plane, with the
 * label-noise split where it applies (experiment/noise.ts) — the ellipse the contour map draws at
 * the run's marker. A newer noise job, Reset and Apply cancel it.
 */
import { projectOntoPlane } from '../../engine/landscape/projection';
import { noisePoint } from '../../experiment/noise';
import type { NoiseJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { nextTask, requireRecorded, runAnalysisJob, runTheta } from './analysis-job';

export async function runNoiseJob(host: JobHost, job: NoiseJob): Promise<void> {
  return runAnalysisJob(
    host,
    'noise',
    host.listener.noise.bind(host.listener),
    async ({ experiment, jobId, report, progress, stale }) => {
      progress(0, 1);
      const { steps, thetas } = host.recording;
      requireRecorded(thetas.length, 'train first: nothing is recorded yet');
      const plane = host.currentPlane;
      if (!plane)
        throw new RangeError(
          'no linear landscape plane: the ellipse is drawn on a plane (not in the exact (w, shift) view)',
        );
      if (experiment.problem.task === 'surface')
        throw new RangeError('the analytic surfaces have no examples, so no mini-batch noise');
      const run = job.run ?? 0;
      if (!(run >= 0 && run < experiment.names.length))
        throw new RangeError(`run ${run} does not exist (${experiment.names.length} runs)`);
      const grid = job.grid ?? null;
      if (grid && !(grid.a.length >= 2 && grid.a.length === grid.b.length))
        throw new RangeError(
          `grid: a and b need the same number (≥ 2) of points, got ${grid.a.length} and ${grid.b.length}`,
        );
      const at = Math.min(job.at ?? thetas.length - 1, thetas.length - 1);
      // Let a cancel (or a newer job) in before the computation.
      await nextTask();
      if (stale()) return;
      const theta = runTheta(experiment, thetas[at]!, run);
      const coords = projectOntoPlane(theta, plane);
      const result = noisePoint(experiment, {
        run,
        step: steps[at]!,
        theta,
        plane,
        a: coords.a[0]!,
        b: coords.b[0]!,
        grid,
        split: true,
      });
      if (stale()) return;
      report({
        jobId,
        state: 'done',
        done: 1,
        total: 1,
        at,
        result,
        ...(grid && result.sampled?.landscape ? { grid } : {}),
      });
    },
  );
}
