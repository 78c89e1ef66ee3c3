/**
 * What the landscape tests share: the tanh-teacher regression data, a seeded random plane around a
 * problem's initial θ, and a loop of small grids for the tensor-leak checks.
 */
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import type { Problem } from '../problems/problem';
import { randomPlaneDirections } from './directions';
import { computeLandscape } from './grid';
import type { Plane } from './plane';

/** 30 points of a 2-unit tanh teacher (slope 2) with noise 0.1, a fifth held out; seed 3. */
export const teacher = generateDataset({
  kind: 'tanh-teacher',
  points: 30,
  noise: 0.1,
  testFraction: 0.2,
  teacherUnits: 2,
  teacherSlope: 2,
  seed: 3,
});

/** The plane through θ₀ = init(Rng(seed)) along filter-normalised directions from Rng(seed + 1). */
export function planeFor(problem: Problem, seed = 1): Plane {
  const centre = problem.init(new Rng(seed));
  return { centre, ...randomPlaneDirections(centre, problem.layout, new Rng(seed + 1)) };
}

/**
 * Computes the 5×5 train-loss and test-accuracy grid on [−1, 1]² `times` times, the evaluator
 * alternating 'fast' (even k) and 'generic' (odd k), in chunks of `chunkSize` points if given.
 */
export async function repeatSmallGrids(
  problem: Problem,
  plane: Plane,
  times: number,
  chunkSize?: number,
): Promise<void> {
  for (let k = 0; k < times; k++)
    await computeLandscape({
      problem,
      plane,
      n: 5,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss', 'testAccuracy'],
      ...(chunkSize === undefined ? {} : { chunkSize }),
      evaluator: k % 2 ? 'generic' : 'fast',
    });
}
