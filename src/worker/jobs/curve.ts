/**
 * The curve job: trains the bend of a curve between two runs' newest recorded points (the config
 * `connect` block's settings, with the job's fields replacing them; experiment/curves.ts). The
 * paths, barriers and plane stream as `ConnectFrame`s while the bend trains; the result and a
 * failure arrive the same way. Cancellable: a newer curve job, Reset and Apply abort it within one
 * update of the bend.
 */
import { ConnectSchema } from '../../config/schema';
import { experimentConnect } from '../../experiment/curves';
import type { CurveJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { parseJobSpec, requireRecorded, runAnalysisJob, runTheta } from './analysis-job';

export async function runCurveJob(host: JobHost, job: CurveJob): Promise<void> {
  return runAnalysisJob(
    host,
    'curve',
    host.listener.connect.bind(host.listener),
    async ({ experiment, jobId, signal, report, progress, stale }) => {
      const spec = parseJobSpec(
        ConnectSchema,
        { ...experiment.config.connect, ...job.spec },
        'connect',
      );
      const k = experiment.runs.length;
      spec.runs.forEach((r) => {
        if (r >= k)
          throw new RangeError(`connect.runs: refers to run ${r}, but there are ${k} runs`);
      });
      if (spec.runs[0] === spec.runs[1])
        throw new RangeError(
          'connect.runs: pick two different runs (a curve joins two end points)',
        );
      const { thetas } = host.recording;
      requireRecorded(thetas.length);
      const newest = thetas[thetas.length - 1]!;
      const point = (run: number) => runTheta(experiment, newest, run);
      progress(0, spec.steps);
      const result = await experimentConnect(
        experiment,
        point(spec.runs[0]),
        point(spec.runs[1]),
        spec,
        {
          signal,
          onProgress: (partial, done, total) => {
            if (done < total) report({ jobId, state: 'running', done, total, result: partial });
          },
        },
      );
      if (stale()) return;
      report({ jobId, state: 'done', done: spec.steps, total: spec.steps, result });
    },
  );
}
