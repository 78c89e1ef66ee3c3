/**
 * The bad-minima job (Huang et al. 2019): bad runs from checkpoints of one run's recorded path,
 * trained on train ∪ poison until they fit the clean training set, then compared with the run's
 * newest recorded point (experiment/bad-minima.ts; the config `badMinima` block's settings with the
 * job's fields replacing them). Progress (the bad runs' clean and poison accuracies climbing), the
 * result and a failure arrive as `BadMinimaFrame`s. Cancellable: a newer bad-minima job, Reset and
 * Apply abort it within one check of the stopping rule.
 */
import { BadMinimaSchema } from '../../config/schema';
import { experimentBadMinima } from '../../experiment/bad-minima';
import type { BadMinimaJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { parseJobSpec, runAnalysisJob, runTheta } from './analysis-job';

export async function runBadMinimaJob(host: JobHost, job: BadMinimaJob): Promise<void> {
  return runAnalysisJob(
    host,
    'bad-minima',
    host.listener.badMinima.bind(host.listener),
    async ({ experiment, jobId, signal, report, progress, stale }) => {
      const spec = parseJobSpec(
        BadMinimaSchema,
        { ...experiment.config.badMinima, ...job.spec },
        'badMinima',
      );
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
      const path = { steps, thetas: thetas.map((theta) => runTheta(experiment, theta, spec.run)) };
      progress(0, spec.steps);
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
      if (stale()) return;
      report({ jobId, state: 'done', done: spec.steps, total: spec.steps, result });
    },
  );
}
