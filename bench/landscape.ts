/**
 * Landscape throughput: the reference landscape (two spirals, m = 256, MLP 2-16-16-1 tanh,
 * filter-normalised random directions, [−1, 1]²) at 51×51 and 101×101, computed (a) batched in
 * chunks with the fastest evaluator and (b) one grid point at a time, same backend, same process.
 */
import { FILTER_NORMALIZATION, randomPlaneDirections } from '../src/engine/landscape/directions';
import { computeLandscape } from '../src/engine/landscape/grid';
import { Rng } from '../src/engine/math/random';
import { MlpProblem } from '../src/engine/problems/mlp';
import { buildExperiment } from '../src/experiment/build';
import { referenceConfig } from './training';

export interface LandscapeBenchRow {
  n: number;
  variant: string;
  seconds: number;
  pointsPerSecond: number;
  gflops: number;
}

/** Useful forward FLOPs of one model evaluation: 2·m·Σ fanIn·fanOut (multiply-adds of the layers). */
function forwardFlops(problem: MlpProblem): number {
  let s = 0;
  for (let l = 0; l + 1 < problem.widths.length; l++)
    s += problem.widths[l]! * problem.widths[l + 1]!;
  return 2 * problem.size.train * s;
}

export async function benchLandscape(
  sizes: number[],
  perPointSizes: number[],
): Promise<LandscapeBenchRow[]> {
  const e = buildExperiment(referenceConfig(1));
  const problem = e.problem as MlpProblem;
  const p = problem.layout.size;
  const centre = e.theta0.slice(0, p);
  const plane = {
    centre,
    ...randomPlaneDirections(centre, problem.layout, new Rng(1), {
      ...FILTER_NORMALIZATION,
      orthogonalize: false,
    }),
  };
  const flops = forwardFlops(problem);
  const run = async (
    n: number,
    variant: 'batched' | 'batched-generic' | 'per-point',
  ): Promise<LandscapeBenchRow> => {
    const start = performance.now();
    await computeLandscape({
      problem,
      plane,
      n,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      evaluator: variant === 'batched' ? 'fast' : 'generic',
      chunkSize: variant === 'per-point' ? 1 : undefined,
    });
    const seconds = (performance.now() - start) / 1000;
    return {
      n,
      variant,
      seconds,
      pointsPerSecond: (n * n) / seconds,
      gflops: (n * n * flops) / seconds / 1e9,
    };
  };
  // Warm-up at full size: JIT, wasm kernels, growth of the wasm heap to the chunk's size.
  await run(sizes[0]!, 'batched');
  await run(sizes[0]!, 'batched-generic');
  await run(11, 'per-point');
  /** Median of `repeats` timings (the machine is shared; the median resists outliers). */
  const median = async (
    n: number,
    variant: 'batched' | 'batched-generic' | 'per-point',
    repeats: number,
  ) => {
    const runs: LandscapeBenchRow[] = [];
    for (let k = 0; k < repeats; k++) runs.push(await run(n, variant));
    return runs.sort((x, y) => x.seconds - y.seconds)[Math.floor(repeats / 2)]!;
  };
  const rows: LandscapeBenchRow[] = [];
  for (const n of sizes) {
    rows.push(await median(n, 'batched', 5));
    rows.push(await median(n, 'batched-generic', 3));
    if (perPointSizes.includes(n)) rows.push(await median(n, 'per-point', 1));
  }
  problem.dispose();
  return rows;
}
