/**
 * The curvature job: the config `curvature` block's analyses (experiment/curvature.ts) on every
 * chosen run's recorded point — the newest one, or the recording index the job names (a scrubbed
 * step). Progress, the result and a failure all arrive as `CurvatureFrame`s; cancellable (a newer
 * curvature job, Reset and Apply abort it within one iteration).
 */
import { CurvatureSchema } from '../../config/schema';
import { experimentCurvature } from '../../experiment/curvature';
import type { CurvatureJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import {
  parseJobSpec,
  recordedIndex,
  requireRecorded,
  runAnalysisJob,
  runsAt,
} from './analysis-job';

export async function runCurvatureJob(host: JobHost, job: CurvatureJob): Promise<void> {
  return runAnalysisJob(
    host,
    'curvature',
    host.listener.curvature.bind(host.listener),
    async ({ experiment, jobId, signal, report, progress, stale }) => {
      const spec = parseJobSpec(CurvatureSchema, job.spec ?? {}, 'curvature');
      const { thetas } = host.recording;
      requireRecorded(thetas.length);
      const index = recordedIndex(
        job.at ?? (spec.at === 'initial' ? 0 : thetas.length - 1),
        thetas.length,
      );
      if (Array.isArray(spec.runs)) {
        const bad = spec.runs.find((r) => r >= experiment.runs.length);
        if (bad !== undefined)
          throw new RangeError(
            `curvature.runs: refers to run ${bad}, but there are ${experiment.runs.length} runs`,
          );
      }
      const at = runsAt(experiment, host.recording, index);
      const result = await experimentCurvature(experiment, at.points, at.steps, spec, {
        signal,
        onProgress: progress,
      });
      if (stale()) return;
      report({ jobId, state: 'done', done: 1, total: 1, result });
    },
  );
}
