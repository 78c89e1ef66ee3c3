/**
 * The ensemble job (SCIENCE.md §7, Zancato & Chiuso): seed ensembles at several temperatures η/B,
 * trained from the experiment's θ₀ as one batched program (experiment/ensemble.ts; the config
 * `ensemble` block's settings with the job's fields replacing them). Progress (steps trained, at
 * most `frames` reports), the result and a failure arrive as `EnsembleFrame`s. Cancellable: a newer
 * ensemble job, Reset and Apply abort it between two steps.
 */
import { EnsembleSchema, ensembleProblems, ensembleSchedule } from '../../config/ensemble-schema';
import { experimentEnsemble } from '../../experiment/ensemble';
import type { EnsembleJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { parseJobSpec, runAnalysisJob } from './analysis-job';

export async function runEnsembleJob(host: JobHost, job: EnsembleJob): Promise<void> {
  return runAnalysisJob(
    host,
    'ensemble',
    host.listener.ensemble.bind(host.listener),
    async ({ experiment, jobId, signal, report, progress, stale }) => {
      const block = parseJobSpec(
        EnsembleSchema,
        { ...experiment.config.ensemble, ...job.spec },
        'ensemble',
      );
      const config = { ...experiment.config, ensemble: block };
      const problem = ensembleProblems(config)[0];
      if (problem) throw new RangeError(`${problem[0].join('.')}: ${problem[1]}`);
      const { steps } = ensembleSchedule(config);
      const every = Math.max(1, Math.ceil(steps / block.frames));
      let reported = -1;
      progress(0, steps);
      const result = await experimentEnsemble(experiment, block, {
        signal,
        onProgress: (done, total) => {
          if (done - reported < every && done < total) return;
          reported = done;
          progress(done, total);
        },
      });
      if (stale()) return;
      report({ jobId, state: 'done', done: steps, total: steps, result });
    },
  );
}
