/**
 * Training throughput: the reference problem (two spirals, m = 256, MLP 2-16-16-1 tanh, full
 * batch, 500 steps) with the 8 optimisers batched as one [8, P] program, against the same 8 runs
 * as 8 separate [1, P] programs, in the same process on the same backend.
 */
import { parseConfig } from '../src/config/parse';
import { OPTIMIZER_NAMES } from '../src/engine/optim/optimizers';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';

/** The reference experiment: 320 points with a 0.2 test split leave m = 256 for training. */
export function referenceConfig(steps: number) {
  return parseConfig({
    seed: 1,
    problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
    data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
    runs: OPTIMIZER_NAMES.map((optimizer) => ({ optimizer })),
    steps,
    recordEvery: steps,
  });
}

export interface TrainingBenchResult {
  batchedStepsPerSecond: number;
  separateStepsPerSecond: number;
  ratio: number;
}

async function timeTraining(steps: number, separate: boolean): Promise<number> {
  const config = referenceConfig(steps);
  const e = buildExperiment(config);
  if (e.problem.size.train !== 256)
    throw new Error(`reference problem must have m = 256, has ${e.problem.size.train}`);
  const p = e.problem.layout.size;
  const groups = separate ? e.runs.map((_, k) => [k]) : [e.runs.map((_, k) => k)];
  const start = performance.now();
  for (const ks of groups) {
    const theta0 = new Float32Array(ks.length * p);
    ks.forEach((k, i) => theta0.set(e.theta0.subarray(k * p, (k + 1) * p), i * p));
    await trainToEnd({
      problem: e.problem,
      runs: ks.map((k) => e.runs[k]!),
      theta0,
      steps,
      recordEvery: steps,
      batchSeeds: ks.map((k) => e.batchSeeds[k]!),
      divergenceFactor: config.divergenceFactor,
    });
  }
  const seconds = (performance.now() - start) / 1000;
  e.problem.dispose();
  return (e.runs.length * steps) / seconds;
}

/** Model-steps per second (runs × steps / s), batched vs separate, after a warm-up. */
export async function benchTraining(steps = 500): Promise<TrainingBenchResult> {
  await timeTraining(20, false);
  await timeTraining(20, true);
  const batchedStepsPerSecond = await timeTraining(steps, false);
  const separateStepsPerSecond = await timeTraining(steps, true);
  return {
    batchedStepsPerSecond,
    separateStepsPerSecond,
    ratio: batchedStepsPerSecond / separateStepsPerSecond,
  };
}
