/**
 * The LeNet-like CNN on the 8×8 digits (issue 10): 1,797 images with a 0.2 test split leave
 * m = 1,438 training images; conv 3×3 1→4, pool, conv 3×3 4→8, pool, dense 32→10, relu, softmax
 * cross-entropy (666 parameters).
 * - Landscape on a filter-normalised random plane at θ₀, [−1, 1]²: grid points batched in chunks
 *   (one program per chunk) with conv 2 as im2col + batched matMul, and as a depthwise conv2d,
 *   against one grid point per program, all on a 9×9 grid (rates per point); then the 51×51
 *   grid with the default (depthwise).
 * - Training, full batch, 4 optimisers: the 4 runs in one tensor program against 4 one-run
 *   trainers (one program per run), same backend, same process.
 */
import { parseConfig } from '../src/config/parse';
import { digitsDataset, loadDigitsImages } from '../src/engine/data/digits';
import { FILTER_NORMALIZATION, randomPlaneDirections } from '../src/engine/landscape/directions';
import { computeLandscape } from '../src/engine/landscape/grid';
import { Rng } from '../src/engine/math/random';
import { CnnProblem, type CnnSecondLayer } from '../src/engine/problems/cnn';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';

export function cnnBenchConfig(steps: number, runs = 4) {
  return parseConfig({
    seed: 1,
    problem: { kind: 'cnn', channels: [4, 8], activation: 'relu' },
    data: { kind: 'digits', testFraction: 0.2 },
    runs: [
      { optimizer: 'sgd', lr: 0.5 },
      { optimizer: 'momentum', lr: 0.1 },
      { optimizer: 'rmsprop', lr: 0.001 },
      { optimizer: 'adam', lr: 0.01 },
    ].slice(0, runs),
    steps,
    recordEvery: steps,
  });
}

export interface CnnLandscapeRow {
  variant: string;
  n: number;
  chunkSize: number;
  pointsPerSecond: number;
}

export interface CnnBenchResult {
  parameters: number;
  trainSize: number;
  landscape: CnnLandscapeRow[];
  training: {
    steps: number;
    runs: number;
    batchedStepsPerSecond: number;
    perRunStepsPerSecond: number;
    ratio: number;
  };
}

/** One landscape; returns grid points per second and the chunk size used. */
async function landscapeRate(
  problem: CnnProblem,
  plane: { centre: Float32Array; d1: Float32Array; d2: Float32Array },
  n: number,
  chunkSize?: number,
): Promise<{ rate: number; chunkSize: number }> {
  const start = performance.now();
  const grid = await computeLandscape({
    problem,
    plane,
    n,
    aRange: [-1, 1],
    bRange: [-1, 1],
    metrics: ['trainLoss'],
    evaluator: 'generic',
    chunkSize,
  });
  return {
    rate: (n * n) / ((performance.now() - start) / 1000),
    chunkSize: grid.chunkSize,
  };
}

/**
 * @param report called with each landscape row as soon as it is measured (the 51×51 grid takes
 *   minutes on a loaded machine)
 */
export async function benchCnn(
  steps = 20,
  report: (row: CnnLandscapeRow) => void = () => {},
): Promise<CnnBenchResult> {
  await loadDigitsImages();
  const config = cnnBenchConfig(steps);
  const data = digitsDataset({
    kind: 'digits',
    points: 1797,
    testFraction: 0.2,
    seed: config.seed,
  });
  const build = (secondLayer: CnnSecondLayer) =>
    new CnnProblem({ channels: [4, 8], activation: 'relu', secondLayer }, data);
  const im2col = build('im2col');
  const depthwise = build('depthwise');
  const centre = im2col.init(Rng.derive(config.seed, 'init'));
  const plane = {
    centre,
    ...randomPlaneDirections(centre, im2col.layout, new Rng(1), {
      ...FILTER_NORMALIZATION,
      orthogonalize: false,
    }),
  };
  const rows: CnnLandscapeRow[] = [];
  const measure = async (variant: string, p: CnnProblem, n: number, chunk?: number) => {
    if (!rows.some((r) => r.variant === variant)) await landscapeRate(p, plane, 5, chunk); // warm-up: kernels compiled, memory allocated
    const { rate, chunkSize } = await landscapeRate(p, plane, n, chunk);
    rows.push({ variant, n, chunkSize, pointsPerSecond: rate });
    report(rows.at(-1)!);
  };
  // Rates per grid point on a 9×9 grid for the variants, then the full 51×51 with the default.
  await measure('batched im2col', im2col, 9);
  await measure('batched depthwise', depthwise, 9);
  await measure('one point per program', im2col, 9, 1);

  // Training: 4 runs batched in one program against 4 one-run trainers.
  const e = buildExperiment(cnnBenchConfig(steps, 4));
  const p = e.problem.layout.size;
  const train = async (runsPerTrainer: number, count: number): Promise<number> => {
    const start = performance.now();
    for (let first = 0; first < 4; first += runsPerTrainer) {
      const last = first + runsPerTrainer;
      await trainToEnd({
        problem: e.problem,
        runs: e.runs.slice(first, last),
        theta0: e.theta0.slice(first * p, last * p),
        steps: count,
        recordEvery: count,
        batchSeeds: e.batchSeeds.slice(first, last),
        divergenceFactor: e.config.divergenceFactor,
      });
    }
    return (4 * count) / ((performance.now() - start) / 1000);
  };
  await train(4, 2);
  await train(1, 2);
  const batched = await train(4, steps);
  const perRun = await train(1, steps);
  console.log(
    `  training, 4 optimisers, full batch, ${steps} steps: batched ${batched.toFixed(2)} model-steps/s, one program per run ${perRun.toFixed(2)}: ratio ${(batched / perRun).toFixed(2)}x`,
  );
  await measure('batched depthwise', depthwise, 51);
  const result: CnnBenchResult = {
    parameters: im2col.layout.size,
    trainSize: im2col.size.train,
    landscape: rows,
    training: {
      steps,
      runs: 4,
      batchedStepsPerSecond: batched,
      perRunStepsPerSecond: perRun,
      ratio: batched / perRun,
    },
  };
  im2col.dispose();
  depthwise.dispose();
  e.problem.dispose();
  return result;
}
