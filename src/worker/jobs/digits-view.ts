/**
 * The digits view job: sample images of the 8×8 digits and, at every run's newest recorded θ (θ₀
 * before any step is recorded), its confusion matrix and misclassified test images
 * (experiment/digits-view.ts). The result and a failure arrive as `DigitsViewFrame`s; a newer
 * digits view job, Reset and Apply cancel it.
 */
import { messageOf } from '../../config/parse';
import { digitsReplayView, digitsView } from '../../experiment/digits-view';
import type { DigitsReplay, DigitsViewJob } from '../../protocol/digits-view';
import type { JobHost } from './host';
import { nextTask, runAnalysisJob } from './analysis-job';

export async function runDigitsViewJob(host: JobHost, job?: DigitsViewJob): Promise<void> {
  if (job?.replay) return runDigitsReplayJob(host, job.replay);
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

/** A saved result's digits view: its predictions with the bundled images (no experiment needed). */
async function runDigitsReplayJob(host: JobHost, replay: DigitsReplay): Promise<void> {
  const { jobId, signal, end } = host.begin('digits-view');
  const report = host.listener.digitsView.bind(host.listener);
  try {
    report({ jobId, state: 'running', done: 0, total: 1 });
    const result = await digitsReplayView(replay.config, replay.classification);
    if (signal.aborted) return;
    report({ jobId, state: 'done', done: 1, total: 1, result });
  } catch (error) {
    if (signal.aborted) return;
    report({ jobId, state: 'failed', done: 0, total: 1, message: messageOf(error) });
  } finally {
    end();
  }
}
