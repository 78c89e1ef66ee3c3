/**
 * The implicit-bias job (Srebro et al.; SCIENCE.md §8): every run's recorded path against the
 * solution the theory predicts — the hard-margin SVM direction for logistic regression on
 * separable data, A⁺b for least squares with more parameters than training points
 * (experiment/implicit-bias.ts). A problem that does not qualify fails with the engine's message
 * (e.g. "implicitBias: the training data are not linearly separable …"). Progress, the result and a
 * failure arrive as `ImplicitBiasFrame`s; a newer implicit-bias job, Reset and Apply cancel it.
 */
import { implicitBiasSeries, implicitBiasTarget } from '../../experiment/implicit-bias';
import type { ImplicitBiasJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { nextTask, requireRecorded, runAnalysisJob } from './analysis-job';

export async function runImplicitBiasJob(host: JobHost, _job?: ImplicitBiasJob): Promise<void> {
  return runAnalysisJob(
    host,
    'implicit-bias',
    host.listener.implicitBias.bind(host.listener),
    async ({ experiment, jobId, report, progress, stale }) => {
      progress(0, 2);
      const target = implicitBiasTarget(experiment);
      const { steps, thetas } = host.recording;
      requireRecorded(thetas.length, 'train first: nothing is recorded yet');
      progress(1, 2);
      // Let a cancel (or a newer job) in between the SVM / A⁺b and the series.
      await nextTask();
      if (stale()) return;
      const p = experiment.problem.layout.size;
      const runs = experiment.names.map((name, k) => ({
        name,
        steps,
        thetas: thetas.map((theta) => theta.subarray(k * p, (k + 1) * p)),
      }));
      const result = implicitBiasSeries(target, runs);
      if (stale()) return;
      report({ jobId, state: 'done', done: 2, total: 2, result });
    },
  );
}
