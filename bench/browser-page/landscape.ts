/**
 * The 51×51 reference landscape of `bench/landscape.ts` in the page: the specialised evaluator
 * ('fast', the default of the app) against the generic θ-rows evaluator as the baseline, both on
 * the active backend. After a warm-up of each on an 11×11 grid, the median of 3 timings, or 1
 * when the first took over 1.5 s (cpu and the software GPUs), so that the run stays short.
 */
import { FILTER_NORMALIZATION, randomPlaneDirections } from '../../src/engine/landscape/directions';
import { computeLandscape } from '../../src/engine/landscape/grid';
import { Rng } from '../../src/engine/math/random';
import { buildExperiment } from '../../src/experiment/build';
import { referenceConfig } from '../training';
import type { LandscapeFigure } from './result';

const N = 51;

export async function browserLandscape(): Promise<LandscapeFigure> {
  const e = buildExperiment(referenceConfig(1));
  const problem = e.problem;
  const centre = e.theta0.slice(0, problem.layout.size);
  const plane = {
    centre,
    ...randomPlaneDirections(centre, problem.layout, new Rng(1), {
      ...FILTER_NORMALIZATION,
      orthogonalize: false,
    }),
  };
  const time = async (evaluator: 'fast' | 'generic', n = N): Promise<number> => {
    const start = performance.now();
    await computeLandscape({
      problem,
      plane,
      n,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      evaluator,
    });
    return (performance.now() - start) / 1000;
  };
  try {
    // Warm-up (kernels, shaders, JIT) on a small grid, then one full timing decides the repeats.
    await time('fast', 11);
    await time('generic', 11);
    const first = await time('fast');
    const repeats = first > 1.5 ? 1 : 3;
    const median = async (evaluator: 'fast' | 'generic') => {
      const runs: number[] = [];
      for (let k = 0; k < repeats; k++) runs.push(await time(evaluator));
      return runs.sort((x, y) => x - y)[repeats >> 1]!;
    };
    const seconds = repeats === 1 ? first : await median('fast');
    const baselineSeconds = await median('generic');
    return {
      n: N,
      seconds,
      baselineSeconds,
      pointsPerSecond: (N * N) / seconds,
      baselinePointsPerSecond: (N * N) / baselineSeconds,
      ratio: baselineSeconds / seconds,
      repeats,
    };
  } finally {
    problem.dispose();
  }
}
