/**
 * A session's recording in the result file's shape (`RecordedResult`): every run's θ and metrics
 * at each recorded step, with the experiment and its problem. The page joins it with the landscape
 * on screen to export the result file (the CLI's output format). The worker does not keep the
 * gradient norm of past steps, so `gradNorm` is null in every point.
 */
import type { LandscapeMetric } from '../config/schema';
import type { Experiment } from '../experiment/build';
import { unavailableMetrics } from '../experiment/run';
import type { RecordedResult } from '../protocol/recorded';

/** What is read of a session: its experiment and its recording (oldest first). */
export interface RecordingSource {
  readonly experiment: Experiment | null;
  readonly recording: {
    steps: number[];
    /** θ of every run at each recorded step, row-major [K, P]. */
    thetas: Float32Array[];
    /** The metrics of every run at each recorded step, [K] each (NaN where there is none). */
    metrics: Record<LandscapeMetric, Float32Array>[];
  };
}

/** The recording as a result's runs, or null before an experiment is configured. */
export function recordedResult({ experiment, recording }: RecordingSource): RecordedResult | null {
  if (!experiment) return null;
  const { config, problem, runs, names } = experiment;
  const p = problem.layout.size;
  const unavailable = unavailableMetrics(config, problem.size.test, !!problem.accuracy);
  return {
    config,
    problem: { name: problem.name, parameters: p, layout: problem.layout.entries },
    unavailable,
    runs: runs.map((hyper, k) => ({
      name: names[k]!,
      hyper,
      trajectory: recording.steps.map((step, t) => {
        const m = recording.metrics[t]!;
        return {
          step,
          theta: Array.from(recording.thetas[t]!.subarray(k * p, (k + 1) * p)),
          trainLoss: m.trainLoss[k]!,
          testLoss: unavailable.testLoss ? null : m.testLoss[k]!,
          gradNorm: null,
          ...(problem.accuracy
            ? {
                trainAccuracy: m.trainAccuracy[k]!,
                testAccuracy: unavailable.testAccuracy ? null : m.testAccuracy[k]!,
              }
            : {}),
        };
      }),
    })),
  };
}
