/**
 * Multi-class training throughput: three spiral arms (320 points, m = 256 for training), MLP
 * 2-16-16-3 tanh with softmax cross-entropy, the 8 optimisers batched, full batch, in model-steps
 * per second on the trainer's default path (host backward pass on wasm/cpu) and on the tf.grad
 * tensor program in the same process: the cost of C = 3 logits against the binary reference.
 */
import { parseConfig } from '../src/config/parse';
import { OPTIMIZERS } from '../src/config/schema';
import { trainToEnd, type TrainerOptions } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';
import type { TrainingFigure } from './training';

function threeArmsConfig(steps: number) {
  return parseConfig({
    seed: 1,
    problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
    data: { kind: 'spiral3', points: 320, noise: 0.05, testFraction: 0.2 },
    runs: OPTIMIZERS.map((optimizer) => ({ optimizer })),
    steps,
    recordEvery: steps,
  });
}

async function time(steps: number, engine: TrainerOptions['engine']) {
  const config = threeArmsConfig(steps);
  const e = buildExperiment(config);
  if (e.problem.size.train !== 256 || e.problem.layout.size !== 371)
    throw new Error('the three-arm problem must have m = 256 and P = 371');
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await trainToEnd({
    problem: e.problem,
    runs: e.runs,
    theta0: e.theta0,
    steps,
    recordEvery: steps,
    batchSeeds: e.batchSeeds,
    divergenceFactor: config.divergenceFactor,
    engine,
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  e.problem.dispose();
  const modelSteps = e.runs.length * steps;
  return { wall: modelSteps / seconds, cpu: modelSteps / ((cpu.user + cpu.system) / 1e6) };
}

/** The 8 optimisers on three arms, after a warm-up; the tensor baseline runs min(steps, 200). */
export async function benchMultiClassTraining(steps = 500): Promise<TrainingFigure> {
  await time(20, 'auto');
  await time(10, 'tensor');
  const fast = await time(steps, 'auto');
  const tensor = await time(Math.min(steps, 200), 'tensor');
  return {
    stepsPerSecond: fast.wall,
    stepsPerCpuSecond: fast.cpu,
    tensorStepsPerSecond: tensor.wall,
    ratio: fast.wall / tensor.wall,
  };
}
