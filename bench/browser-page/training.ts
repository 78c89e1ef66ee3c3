/**
 * The training figures of `bench/training.ts` in the page: the 8 optimisers trained together and
 * the 64-run Adam seed ensemble, full batch on the reference problem, on the trainer's default
 * path ('auto': the host gradient on cpu and wasm, the tensor program on the GPU backends) against
 * the tensor program (`engine: 'tensor'`) as the baseline. After a warm-up of 3 steps of each, the
 * step count of a timing is chosen from the warm-up's speed to last about `TARGET_SECONDS`
 * (between 10 and 500 steps; 500 is what `npm run bench` uses), so software GPUs finish in minutes.
 */
import { onCpuBackend } from '../../src/engine/problems/problem';
import { Rng } from '../../src/engine/math/random';
import { trainToEnd, type TrainerOptions } from '../../src/engine/train/trainer';
import { buildExperiment } from '../../src/experiment/build';
import { ENSEMBLE_RUNS, referenceConfig } from '../training';
import type { TrainingFigure } from './result';

const TARGET_SECONDS = 2;
const WARM_STEPS = 3;

/** Model-steps per second of `steps` steps of the 8 optimisers or of the ensemble. */
async function rate(
  which: 'optimizers' | 'ensemble',
  steps: number,
  engine: TrainerOptions['engine'],
): Promise<number> {
  const config = referenceConfig(steps);
  const e = buildExperiment(config);
  const p = e.problem.layout.size;
  const adam = e.runs.find((r) => r.optimizer === 'adam')!;
  const runs = which === 'optimizers' ? e.runs : Array.from({ length: ENSEMBLE_RUNS }, () => adam);
  const theta0 = new Float32Array(runs.length * p);
  if (which === 'optimizers') theta0.set(e.theta0);
  else for (let r = 0; r < runs.length; r++) theta0.set(e.problem.init(new Rng(1000 + r)), r * p);
  try {
    const start = performance.now();
    await trainToEnd({
      problem: e.problem,
      runs,
      theta0,
      steps,
      recordEvery: steps,
      batchSeeds: runs.map((_, r) => r),
      divergenceFactor: config.divergenceFactor,
      engine,
    });
    return (runs.length * steps) / ((performance.now() - start) / 1000);
  } finally {
    e.problem.dispose();
  }
}

/** Steps that take about TARGET_SECONDS at `modelStepsPerSecond` for `runs` runs. */
function stepsFor(modelStepsPerSecond: number, runs: number): number {
  const steps = Math.round((TARGET_SECONDS * modelStepsPerSecond) / runs / 10) * 10;
  return Math.min(500, Math.max(10, steps));
}

async function figure(which: 'optimizers' | 'ensemble'): Promise<TrainingFigure> {
  const runs = which === 'optimizers' ? 8 : ENSEMBLE_RUNS;
  const warmFast = await rate(which, WARM_STEPS, 'auto');
  const warmTensor = await rate(which, WARM_STEPS, 'tensor');
  const steps = stepsFor(warmFast, runs);
  const baselineSteps = stepsFor(warmTensor, runs);
  const stepsPerSecond = await rate(which, steps, 'auto');
  const tensorStepsPerSecond = await rate(which, baselineSteps, 'tensor');
  return {
    runs,
    engine: onCpuBackend() ? 'host' : 'tensor',
    steps,
    stepsPerSecond,
    baselineSteps,
    tensorStepsPerSecond,
    ratio: stepsPerSecond / tensorStepsPerSecond,
  };
}

export async function browserTraining(): Promise<{
  optimizers: TrainingFigure;
  ensemble: TrainingFigure;
}> {
  return { optimizers: await figure('optimizers'), ensemble: await figure('ensemble') };
}
