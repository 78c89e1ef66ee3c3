/**
 * Training throughput on the reference problem (two spirals, m = 256, MLP 2-16-16-1 tanh, full
 * batch), in model-steps per second (runs × steps / s), issue 14's two figures:
 * - the 8 optimisers trained together for 500 steps (goal ≥ 7,500 model-steps/s);
 * - a 64-run seed ensemble of one optimiser (Adam, each run its own θ₀) (goal ≥ 20,000).
 * Each is timed on the trainer's default path for the backend (on wasm and cpu: the hand-derived
 * backward pass on the host) and, as the baseline in the same process, on the tensor program
 * (tf.grad and the batched update as tfjs kernels, `engine: 'tensor'`).
 */
import { parseConfig } from '../src/config/parse';
import { OPTIMIZERS } from '../src/config/schema';
import { Rng } from '../src/engine/math/random';
import { trainToEnd, type TrainerOptions } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';

/** Goals of issue 14, model-steps per second. */
export const TRAINING_GOALS = { optimizers: 7500, ensemble: 20000 } as const;

/** The reference experiment: 320 points with a 0.2 test split leave m = 256 for training. */
export function referenceConfig(steps: number) {
  return parseConfig({
    seed: 1,
    problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
    data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
    runs: OPTIMIZERS.map((optimizer) => ({ optimizer })),
    steps,
    recordEvery: steps,
  });
}

/** The 64-run ensemble: Adam with its defaults, θ₀ of run r drawn from seed 1000 + r. */
export const ENSEMBLE_RUNS = 64;

export interface TrainingFigure {
  /** Model-steps per second on the default path. */
  stepsPerSecond: number;
  /** Model-steps per second of this process's CPU time (user + system) on the default path: less
   * sensitive than wall time to other load on a shared machine. */
  stepsPerCpuSecond: number;
  /** The same on the tensor program (baseline). */
  tensorStepsPerSecond: number;
  ratio: number;
}

export interface TrainingBenchResult {
  optimizers: TrainingFigure;
  ensemble: TrainingFigure;
}

async function timeTraining(
  which: 'optimizers' | 'ensemble',
  steps: number,
  engine: TrainerOptions['engine'],
): Promise<{ wall: number; cpu: number }> {
  // The config schema allows 16 runs; the ensemble repeats the reference's Adam run 64 times.
  const config = referenceConfig(steps);
  const e = buildExperiment(config);
  if (e.problem.size.train !== 256)
    throw new Error(`reference problem must have m = 256, has ${e.problem.size.train}`);
  const p = e.problem.layout.size;
  const adam = e.runs.find((r) => r.optimizer === 'adam')!;
  const runs = which === 'optimizers' ? e.runs : Array.from({ length: ENSEMBLE_RUNS }, () => adam);
  const theta0 = new Float32Array(runs.length * p);
  if (which === 'optimizers') theta0.set(e.theta0);
  else for (let r = 0; r < runs.length; r++) theta0.set(e.problem.init(new Rng(1000 + r)), r * p);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
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
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  e.problem.dispose();
  const modelSteps = runs.length * steps;
  return { wall: modelSteps / seconds, cpu: modelSteps / ((cpu.user + cpu.system) / 1e6) };
}

/**
 * Both figures after a warm-up. The tensor baseline of the ensemble runs min(steps, 100) steps
 * (a rate per model-step; 64 × 500 steps of it would take most of a minute).
 */
export async function benchTraining(steps = 500): Promise<TrainingBenchResult> {
  const figure = async (which: 'optimizers' | 'ensemble', baselineSteps: number) => {
    await timeTraining(which, 20, 'auto');
    await timeTraining(which, 10, 'tensor');
    const fast = await timeTraining(which, steps, 'auto');
    const tensor = await timeTraining(which, baselineSteps, 'tensor');
    return {
      stepsPerSecond: fast.wall,
      stepsPerCpuSecond: fast.cpu,
      tensorStepsPerSecond: tensor.wall,
      ratio: fast.wall / tensor.wall,
    };
  };
  const optimizers = await figure('optimizers', steps);
  const ensemble = await figure('ensemble', Math.min(steps, 100));
  return { optimizers, ensemble };
}
