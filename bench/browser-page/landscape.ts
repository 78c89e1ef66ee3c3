/**
 * The 51×51 reference landscape of `bench/landscape.ts` in the page: the specialised evaluator
 * ('fast', the default of the app) against the generic θ-rows evaluator as the baseline, both on
 * the active backend. After one warm-up of each, the median of 3 timings, or of 1 when a warm-up
 * took over 1.5 s (the software GPUs), so that the whole run stays within minutes.
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
  const time = async (evaluator: 'fast' | 'generic'): Promise<number> => {
    const start = performance.now();
    await computeLandscape({
      problem,
      plane,
      n: N,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
      evaluator,
    });
    return (performance.now() - start) / 1000;
  };
  try {
    const warm = Math.max(await time('fast'), await time('generic'));
    const repeats = warm > 1.5 ? 1 : 3;
    const median = async (evaluator: 'fast' | 'generic') => {
      const runs: number[] = [];
      for (let k = 0; k < repeats; k++) runs.push(await time(evaluator));
      return runs.sort((x, y) => x - y)[repeats >> 1]!;
    };
    const seconds = await median('fast');
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
