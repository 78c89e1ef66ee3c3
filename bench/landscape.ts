/**
 * Landscape throughput: the reference landscape (two spirals, m = 256, MLP 2-16-16-1 tanh,
 * filter-normalised random directions, [−1, 1]²) at 51×51 and 101×101, same backend, same process:
 * - 'batched': the default path (the host SIMD program on the worker pool, both cores);
 * - 'host-1-thread': the same program on this thread only;
 * - 'tensor': the tensor program `MlpPlaneEvaluator` in chunks (the default before the pool: the
 *   baseline of the ratio);
 * - 'batched-generic': θ rows for any problem; 'per-point': one grid point at a time.
 * `cpuSeconds` is the process's CPU time (all threads): less sensitive to other load than wall time.
 */
import { FILTER_NORMALIZATION, randomPlaneDirections } from '../src/engine/landscape/directions';
import { computeLandscape } from '../src/engine/landscape/grid';
import { terminateSharedPlaneWorkerPool } from '../src/engine/landscape/plane-worker-pool';
import { Rng } from '../src/engine/math/random';
import { MlpProblem } from '../src/engine/problems/mlp';
import { buildExperiment } from '../src/experiment/build';
import { referenceConfig } from './training';

export interface LandscapeBenchRow {
  n: number;
  variant: string;
  seconds: number;
  cpuSeconds: number;
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
  type Variant = 'batched' | 'host-1-thread' | 'tensor' | 'batched-generic' | 'per-point';
  const run = async (n: number, variant: Variant): Promise<LandscapeBenchRow> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await computeLandscape({
      problem,
      plane,
      n,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      evaluator:
        variant === 'batched' || variant === 'host-1-thread'
          ? 'fast'
          : variant === 'tensor'
            ? 'tensor'
            : 'generic',
      threads: variant === 'host-1-thread' ? 1 : undefined,
      chunkSize: variant === 'per-point' ? 1 : undefined,
    });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      n,
      variant,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      pointsPerSecond: (n * n) / seconds,
      gflops: (n * n * flops) / seconds / 1e9,
    };
  };
  // Warm-up at full size: JIT, wasm kernels, growth of the wasm heap to the chunk's size.
  await run(sizes[0]!, 'batched');
  await run(sizes[0]!, 'host-1-thread');
  await run(sizes[0]!, 'tensor');
  await run(sizes[0]!, 'batched-generic');
  await run(11, 'per-point');
  /** Median of `repeats` timings (the machine is shared; the median resists outliers). */
  const median = async (n: number, variant: Variant, repeats: number) => {
    const runs: LandscapeBenchRow[] = [];
    for (let k = 0; k < repeats; k++) runs.push(await run(n, variant));
    return runs.sort((x, y) => x.seconds - y.seconds)[Math.floor(repeats / 2)]!;
  };
  const rows: LandscapeBenchRow[] = [];
  for (const n of sizes) {
    rows.push(await median(n, 'batched', 7));
    rows.push(await median(n, 'host-1-thread', 5));
    rows.push(await median(n, 'tensor', 5));
    rows.push(await median(n, 'batched-generic', 3));
    if (perPointSizes.includes(n)) rows.push(await median(n, 'per-point', 1));
  }
  problem.dispose();
  await terminateSharedPlaneWorkerPool();
  return rows;
}
