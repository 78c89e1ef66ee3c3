/**
 * The bad-minima job (Huang et al. 2019): bad runs from checkpoints of one run's recorded path,
 * trained on train ∪ poison until they fit the clean training set, then compared with the run's
 * newest recorded point (experiment/bad-minima.ts; the config `badMinima` block's settings with the
 * job's fields replacing them). Progress (the bad runs' clean and poison accuracies climbing), the
 * result and a failure arrive as `BadMinimaFrame`s. Cancellable: a newer bad-minima job, Reset and
 * Apply abort it within one check of the stopping rule.
 */
import { messageOf } from '../../config/parse';
import { BadMinimaSchema } from '../../config/schema';
import { experimentBadMinima } from '../../experiment/bad-minima';
import type { BadMinimaJob } from '../../protocol/jobs';
import type { JobHost } from './host';

export async function runBadMinimaJob(host: JobHost, job: BadMinimaJob): Promise<void> {
  const experiment = host.experiment;
  if (!experiment) return;
  const { jobId, signal, end } = host.begin('bad-minima');
  const report = host.listener.badMinima.bind(host.listener);
  try {
    const parsed = BadMinimaSchema.safeParse({ ...experiment.config.badMinima, ...job.spec });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RangeError(`badMinima.${issue.path.join('.')}: ${issue.message}`);
    }
    const spec = parsed.data;
    const k = experiment.runs.length;
    if (spec.run >= k)
      throw new RangeError(`badMinima.run: refers to run ${spec.run}, but there are ${k} runs`);
    if (spec.planeBad !== undefined && spec.planeBad >= spec.checkpoints.length)
      throw new RangeError(
        `badMinima.planeBad: refers to checkpoint ${spec.planeBad}, but there are ${spec.checkpoints.length}`,
      );
    const { steps, thetas } = host.recording;
    if (thetas.length < 2)
      throw new RangeError('train the good run first: nothing is recorded yet');
    const p = experiment.problem.layout.size;
    const path = {
      steps,
      thetas: thetas.map((theta) => theta.slice(spec.run * p, (spec.run + 1) * p)),
    };
    report({ jobId, state: 'running', done: 0, total: spec.steps });
    const result = await experimentBadMinima(experiment, path, spec, {
      signal,
      onProgress: (progress) =>
        report({
          jobId,
          state: 'running',
          done: progress.step,
          total: progress.steps,
          training: {
            phase: progress.phase,
            cleanAccuracy: progress.cleanAccuracy,
            poisonAccuracy: progress.poisonAccuracy,
            stopped: progress.stopped,
          },
        }),
    });
    if (signal.aborted || experiment !== host.experiment) return;
    report({ jobId, state: 'done', done: spec.steps, total: spec.steps, result });
  } catch (error) {
    if (signal.aborted) return;
    report({ jobId, state: 'failed', done: 0, total: 1, message: messageOf(error) });
  } finally {
    end();
  }
}
