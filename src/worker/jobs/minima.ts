/**
 * The minima job (flat vs sharp): the config `minima` block's comparison (experiment/minima.ts) of
 * two runs' recorded points — the newest ones, or those at the recording index the job names (a
 * scrubbed step). Progress, the result and a failure all arrive as `MinimaFrame`s; cancellable (a
 * newer minima job, Reset and Apply abort it within one unit of work).
 */
import { MinimaSchema } from '../../config/schema';
import { messageOf } from '../../config/parse';
import { experimentMinima } from '../../experiment/minima';
import type { MinimaJob } from '../../protocol/jobs';
import type { JobHost } from './host';

export async function runMinimaJob(host: JobHost, job: MinimaJob): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  const { jobId, signal, end } = host.begin('minima');
  const report = host.listener.minima.bind(host.listener);
  try {
    const parsed = MinimaSchema.safeParse(job.spec ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`));
      throw new RangeError(`minima${path.join('')}: ${issue.message}`);
    }
    const spec = parsed.data;
    const runs = experiment.runs.length;
    spec.runs.forEach((r, i) => {
      if (r >= runs)
        throw new RangeError(
          `minima.runs[${i}]: refers to run ${r}, but there ${runs === 1 ? 'is 1 run' : `are ${runs} runs`}`,
        );
    });
    if (spec.runs[0] === spec.runs[1])
      throw new RangeError('minima.runs: must name two different runs, e.g. [0, 1]');
    const { steps, thetas } = host.recording;
    if (thetas.length === 0) throw new RangeError('nothing is recorded yet');
    const index = job.at ?? thetas.length - 1;
    if (!Number.isInteger(index) || index < 0 || index >= thetas.length)
      throw new RangeError(
        `at: must be a recorded point from 0 to ${thetas.length - 1} (got ${index})`,
      );
    const p = experiment.problem.layout.size;
    const theta = thetas[index]!;
    const points = experiment.runs.map((_, k) => theta.slice(k * p, (k + 1) * p));
    const result = await experimentMinima(
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
