/**
 * The digits view job: sample images of the 8×8 digits and, at every run's newest recorded θ (θ₀
 * before any step is recorded), its confusion matrix and misclassified test images
 * (experiment/digits-view.ts). The result and a failure arrive as `DigitsViewFrame`s; a newer
 * digits view job, Reset and Apply cancel it.
 */
import { digitsView } from '../../experiment/digits-view';
import type { DigitsViewJob } from '../../protocol/digits-view';
import type { JobHost } from './host';
import { nextTask, runAnalysisJob } from './analysis-job';

export async function runDigitsViewJob(host: JobHost, _job?: DigitsViewJob): Promise<void> {
  return runAnalysisJob(
    host,
    'digits-view',
    host.listener.digitsView.bind(host.listener),
    async ({ experiment, jobId, report, progress, stale }) => {
      progress(0, 1);
      // Let a cancel (or a newer job) in first.
      await nextTask();
      if (stale()) return;
      const { steps, thetas } = host.recording;
      const theta = thetas.at(-1) ?? experiment.theta0;
      const result = digitsView(experiment, theta, steps.at(-1) ?? 0);
      report({ jobId, state: 'done', done: 1, total: 1, result });
    },
  );
}
