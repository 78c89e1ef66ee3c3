/**
 * Training with frequent snapshots (what the app does while a user watches: a snapshot every step
 * or every few steps): the reference problem's 8 optimisers, full batch, on the host path, with
 * the snapshots evaluated on the host (`Problem.hostSnapshot`, the default) against the same
 * snapshots by the tensor program on θ uploaded for each (`snapshots: 'tensor'`, the baseline),
 * in the same process. Each snapshot is the full-batch train and test loss, ‖∇L‖ and both
 * accuracies of all 8 runs.
 */
import { loadavg } from 'node:os';
import { trainToEnd, type TrainerOptions } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';
import { referenceConfig } from './training';

export interface SnapshotFigure {
  recordEvery: number;
  steps: number;
  /** Model-steps per second with host snapshots (default) and tensor snapshots (baseline). */
  hostStepsPerSecond: number;
  tensorStepsPerSecond: number;
  ratio: number;
  /** Milliseconds per snapshot of the 8 runs, on each path (time beyond the steps alone). */
  hostMsPerSnapshot: number;
  tensorMsPerSnapshot: number;
  /** One-minute load average at the end of the figure. */
  load: number;
}

async function timeRun(
  steps: number,
  recordEvery: number,
  snapshots: TrainerOptions['snapshots'],
): Promise<number> {
  const config = referenceConfig(steps);
  const e = buildExperiment(config);
  const start = performance.now();
  await trainToEnd({
    problem: e.problem,
    runs: e.runs,
    theta0: e.theta0,
    steps,
    recordEvery,
    batchSeeds: e.batchSeeds,
    divergenceFactor: config.divergenceFactor,
    engine: 'host',
    snapshots,
  });
  const seconds = (performance.now() - start) / 1000;
  e.problem.dispose();
  return seconds;
}

/** Both paths at recordEvery 1 and 10, after a warm-up; the best of two timings each. */
export async function benchSnapshots(steps = 200): Promise<SnapshotFigure[]> {
  await timeRun(20, 1, 'auto');
  await timeRun(20, 1, 'tensor');
  const best = async (recordEvery: number, snapshots: TrainerOptions['snapshots']) =>
    Math.min(
      await timeRun(steps, recordEvery, snapshots),
      await timeRun(steps, recordEvery, snapshots),
    );
  // The steps alone (one snapshot at the end), to isolate the snapshots' cost.
  const bare = await best(steps, 'auto');
  const figures: SnapshotFigure[] = [];
  for (const recordEvery of [1, 10]) {
    const host = await best(recordEvery, 'auto');
    const tensor = await best(recordEvery, 'tensor');
    const modelSteps = 8 * steps;
    const snapshots = Math.floor(steps / recordEvery);
    figures.push({
      recordEvery,
      steps,
      hostStepsPerSecond: modelSteps / host,
      tensorStepsPerSecond: modelSteps / tensor,
      ratio: tensor / host,
      hostMsPerSnapshot: ((host - bare) * 1000) / snapshots,
      tensorMsPerSnapshot: ((tensor - bare) * 1000) / snapshots,
      load: loadavg()[0]!,
    });
  }
  return figures;
}
