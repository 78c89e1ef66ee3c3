/**
 * The curvature job: the config `curvature` block's analyses (experiment/curvature.ts) on every
 * chosen run's recorded point — the newest one, or the recording index the job names (a scrubbed
 * step). Progress, the result and a failure all arrive as `CurvatureFrame`s; cancellable (a newer
 * curvature job, Reset and Apply abort it within one iteration).
 */
import { CurvatureSchema } from '../../config/schema';
import { messageOf } from '../../config/parse';
import { experimentCurvature } from '../../experiment/curvature';
import type { CurvatureJob } from '../../protocol/jobs';
import type { JobHost } from './host';

export async function runCurvatureJob(host: JobHost, job: CurvatureJob): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  const { jobId, signal, end } = host.begin('curvature');
  const report = host.listener.curvature.bind(host.listener);
  try {
    const parsed = CurvatureSchema.safeParse(job.spec ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RangeError(`curvature.${issue.path.join('.')}: ${issue.message}`);
    }
    const spec = parsed.data;
    const { steps, thetas } = host.recording;
    if (thetas.length === 0) throw new RangeError('nothing is recorded yet');
    const index = job.at ?? (spec.at === 'initial' ? 0 : thetas.length - 1);
    if (!Number.isInteger(index) || index < 0 || index >= thetas.length)
      throw new RangeError(
        `at: must be a recorded point from 0 to ${thetas.length - 1} (got ${index})`,
      );
    if (Array.isArray(spec.runs)) {
      const bad = spec.runs.find((r) => r >= experiment.runs.length);
      if (bad !== undefined)
        throw new RangeError(
          `curvature.runs: refers to run ${bad}, but there are ${experiment.runs.length} runs`,
        );
    }
    const p = experiment.problem.layout.size;
    const theta = thetas[index]!;
    const points = experiment.runs.map((_, k) => theta.slice(k * p, (k + 1) * p));
    const result = await experimentCurvature(
      experiment,
      points,
      points.map(() => steps[index]!),
      spec,
      {
        signal,
        onProgress: (done, total) => report({ jobId, state: 'running', done, total }),
      },
    );
    if (signal.aborted || experiment !== host.experiment) return;
    report({ jobId, state: 'done', done: 1, total: 1, result });
  } catch (error) {
    if (signal.aborted) return;
    report({ jobId, state: 'failed', done: 0, total: 1, message: messageOf(error) });
  } finally {
    end();
  }
}
