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
import { analyseRecordedPoints, parseJobSpec, runAnalysisJob } from './analysis-job';

export async function runCurvatureJob(host: JobHost, job: CurvatureJob): Promise<void> {
  return runAnalysisJob(
    host,
    'curvature',
    host.listener.curvature.bind(host.listener),
    async (run) => {
      const spec = parseJobSpec(CurvatureSchema, job.spec ?? {}, 'curvature');
      const { experiment } = run;
      await analyseRecordedPoints(
        host,
        run,
        (count) => job.at ?? (spec.at === 'initial' ? 0 : count - 1),
        (points, steps, options) => {
          if (Array.isArray(spec.runs)) {
            const bad = spec.runs.find((r) => r >= experiment.runs.length);
            if (bad !== undefined)
              throw new RangeError(
                `curvature.runs: refers to run ${bad}, but there are ${experiment.runs.length} runs`,
              );
          }
          return experimentCurvature(experiment, points, steps, spec, options);
        },
      );
    },
  );
}
