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

/**
 * Both paths at recordEvery 1 and 10 after a warm-up: three rounds of (steps alone, each path at
 * each interval) interleaved, so that other load on a shared machine falls on all of them; the
 * fastest of the rounds for each.
 */
export async function benchSnapshots(steps = 200): Promise<SnapshotFigure[]> {
  await timeRun(20, 1, 'auto');
  await timeRun(20, 1, 'tensor');
  const intervals = [1, 10];
  let bare = Infinity;
  const host = intervals.map(() => Infinity);
  const tensor = intervals.map(() => Infinity);
  for (let round = 0; round < 3; round++) {
    // The steps alone (one snapshot at the end), to isolate the snapshots' cost.
    bare = Math.min(bare, await timeRun(steps, steps, 'auto'));
    for (const [i, recordEvery] of intervals.entries()) {
      host[i] = Math.min(host[i]!, await timeRun(steps, recordEvery, 'auto'));
      tensor[i] = Math.min(tensor[i]!, await timeRun(steps, recordEvery, 'tensor'));
    }
  }
  const modelSteps = 8 * steps;
  return intervals.map((recordEvery, i) => {
    const snapshots = Math.floor(steps / recordEvery);
    return {
      recordEvery,
      steps,
      hostStepsPerSecond: modelSteps / host[i]!,
      tensorStepsPerSecond: modelSteps / tensor[i]!,
      ratio: tensor[i]! / host[i]!,
      hostMsPerSnapshot: (Math.max(0, host[i]! - bare) * 1000) / snapshots,
      tensorMsPerSnapshot: (Math.max(0, tensor[i]! - bare) * 1000) / snapshots,
      load: loadavg()[0]!,
    };
  });
}
