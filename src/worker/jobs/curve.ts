/**
 * The curve job: trains the bend of a curve between two runs' newest recorded points (the config
 * `connect` block's settings, with the job's fields replacing them; experiment/curves.ts). The
 * paths, barriers and plane stream as `ConnectFrame`s while the bend trains; the result and a
 * failure arrive the same way. Cancellable: a newer curve job, Reset and Apply abort it within one
 * update of the bend.
 */
import { messageOf } from '../../config/parse';
import { ConnectSchema } from '../../config/schema';
import { experimentConnect } from '../../experiment/curves';
import type { CurveJob } from '../../protocol/jobs';
import type { JobHost } from './host';

export async function runCurveJob(host: JobHost, job: CurveJob): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  const { jobId, signal, end } = host.begin('curve');
  const report = host.listener.connect.bind(host.listener);
  try {
    const parsed = ConnectSchema.safeParse({ ...experiment.config.connect, ...job.spec });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RangeError(`connect.${issue.path.join('.')}: ${issue.message}`);
    }
    const spec = parsed.data;
    const k = experiment.runs.length;
    spec.runs.forEach((r) => {
      if (r >= k) throw new RangeError(`connect.runs: refers to run ${r}, but there are ${k} runs`);
    });
    if (spec.runs[0] === spec.runs[1])
      throw new RangeError('connect.runs: pick two different runs (a curve joins two end points)');
    const { thetas } = host.recording;
    if (thetas.length === 0) throw new RangeError('nothing is recorded yet');
    const p = experiment.problem.layout.size;
    const newest = thetas[thetas.length - 1]!;
    const point = (run: number) => newest.slice(run * p, (run + 1) * p);
    report({ jobId, state: 'running', done: 0, total: spec.steps });
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
    if (signal.aborted || experiment !== host.experiment) return;
    report({ jobId, state: 'done', done: spec.steps, total: spec.steps, result });
  } catch (error) {
    if (signal.aborted) return;
    report({ jobId, state: 'failed', done: 0, total: 1, message: messageOf(error) });
  } finally {
    end();
  }
}
