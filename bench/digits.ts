/**
 * The 8×8 digits MLP (issue 10): 1,797 images with a 0.2 test split leave m = 1,438 training
 * images; MLP 64-32-10 tanh with softmax cross-entropy (2,410 parameters).
 * - Landscape 51×51 on a filter-normalised random plane at θ₀, [−1, 1]²: the fastest evaluator
 *   (on wasm and cpu the host SIMD program on the worker pool, softmax cross-entropy included)
 *   against the affine-plane tensor program and against one grid point per program (the
 *   baselines), same backend, same process; and the host program on one thread.
 * - Training, full batch, 4 optimisers batched: the trainer's default path (on wasm and cpu the
 *   hand-derived backward pass on the host) against the tf.grad tensor program (the baseline).
 */
import { loadavg } from 'node:os';
import { parseConfig } from '../src/config/parse';
import { loadDigitsImages } from '../src/engine/data/digits';
import { FILTER_NORMALIZATION, randomPlaneDirections } from '../src/engine/landscape/directions';
import { computeLandscape } from '../src/engine/landscape/grid';
import { lastHostGridThreads } from '../src/engine/landscape/host-grid';
import { Rng } from '../src/engine/math/random';
import { trainToEnd, type TrainerOptions } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';

export function digitsConfig(steps: number) {
  return parseConfig({
    seed: 1,
    problem: { kind: 'mlp', hidden: [32], activation: 'tanh' },
    data: { kind: 'digits', testFraction: 0.2 },
    runs: [
      { optimizer: 'sgd', lr: 0.5 },
      { optimizer: 'momentum', lr: 0.1 },
      { optimizer: 'rmsprop', lr: 0.001 },
      { optimizer: 'adam', lr: 0.01 },
    ],
    steps,
    recordEvery: steps,
  });
}

export interface DigitsBenchResult {
  parameters: number;
  trainSize: number;
  landscape: {
    n: number;
    batchedPointsPerSecond: number;
    perPointPointsPerSecond: number;
    ratio: number;
    /** The default ('fast': the host program on the worker pool on wasm and cpu) against the
     * affine-plane tensor program, and the host program on one thread, points/s. */
    tensorPointsPerSecond: number;
    hostOneThreadPointsPerSecond: number;
    /** Grid points per CPU-second of all threads (host program on the pool; tensor program). */
    hostPointsPerCpuSecond: number;
    tensorPointsPerCpuSecond: number;
    hostOverTensor: number;
    threads: number;
    /** One-minute load average after the landscape figures. */
    load: number;
  };
  training: { steps: number; stepsPerSecond: number; tensorStepsPerSecond: number; ratio: number };
}

export async function benchDigits(steps = 200): Promise<DigitsBenchResult> {
  await loadDigitsImages();
  const e = buildExperiment(digitsConfig(1));
  const { problem } = e;
  const p = problem.layout.size;
  const centre = e.theta0.slice(0, p);
  const plane = {
    centre,
    ...randomPlaneDirections(centre, problem.layout, new Rng(1), {
      ...FILTER_NORMALIZATION,
      orthogonalize: false,
    }),
  };
  const landscape = async (
    n: number,
    perPoint: boolean,
    evaluator: 'fast' | 'tensor' = 'fast',
    threads?: number,
  ): Promise<number> => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await computeLandscape({
      problem,
      plane,
      n,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      evaluator: perPoint ? 'generic' : evaluator,
      chunkSize: perPoint ? 1 : undefined,
      threads,
    });
    // Node's process.cpuUsage counts the worker threads too.
    const cpu = process.cpuUsage(cpuStart);
    lastCpuPointsPerSecond = (n * n) / ((cpu.user + cpu.system) / 1e6);
    return (n * n) / ((performance.now() - start) / 1000);
  };
  let lastCpuPointsPerSecond = 0;
  const n = 51;
  await landscape(n, false);
  await landscape(n, false, 'tensor');
  await landscape(11, true);
  // Host program (default on wasm and cpu: the worker pool) against the tensor program, the
  // best of two interleaved rounds each, then the host program on this thread alone.
  let host = 0;
  let tensorProgram = 0;
  let hostCpu = 0;
  let tensorCpu = 0;
  for (let round = 0; round < 2; round++) {
    host = Math.max(host, await landscape(n, false));
    hostCpu = Math.max(hostCpu, lastCpuPointsPerSecond);
    tensorProgram = Math.max(tensorProgram, await landscape(n, false, 'tensor'));
    tensorCpu = Math.max(tensorCpu, lastCpuPointsPerSecond);
  }
  const threads = lastHostGridThreads();
  const hostOneThread = await landscape(n, false, 'fast', 1);
  const batched = host;
  const perPoint = await landscape(n, true);

  const train = async (count: number, engine: TrainerOptions['engine']): Promise<number> => {
    const start = performance.now();
    await trainToEnd({
      problem,
      runs: e.runs,
      theta0: e.theta0,
      steps: count,
      recordEvery: count,
      batchSeeds: e.batchSeeds,
      divergenceFactor: e.config.divergenceFactor,
      engine,
    });
    return (e.runs.length * count) / ((performance.now() - start) / 1000);
  };
  await train(10, 'auto');
  await train(5, 'tensor');
  const fast = await train(steps, 'auto');
  const tensor = await train(steps, 'tensor');
  const result: DigitsBenchResult = {
    parameters: p,
    trainSize: problem.size.train,
    landscape: {
      n,
      batchedPointsPerSecond: batched,
      perPointPointsPerSecond: perPoint,
      ratio: batched / perPoint,
      tensorPointsPerSecond: tensorProgram,
      hostOneThreadPointsPerSecond: hostOneThread,
      hostPointsPerCpuSecond: hostCpu,
      tensorPointsPerCpuSecond: tensorCpu,
      hostOverTensor: host / tensorProgram,
      threads,
      load: loadavg()[0]!,
    },
    training: { steps, stepsPerSecond: fast, tensorStepsPerSecond: tensor, ratio: fast / tensor },
  };
  problem.dispose();
  return result;
}
