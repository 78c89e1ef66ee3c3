/**
 * Densities on a shared grid: the batched quadrature of several points equals `spectralDensity`
 * at each point alone (same seeded probes), each shared-grid density integrates to 1 with the
 * quadrature's mean, and a density drawn on its own grid equals `spectralDensity`'s curve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import { buildProblem } from '../problems/build';
import type { Problem } from '../problems/problem';
import { tf } from '../tf';
import { densitiesOnSharedGrid, quadratureAtPoints } from './shared-density';
import { spectralDensity } from './slq';

function trapezoid(grid: ArrayLike<number>, f: (g: number) => number): number {
  let s = 0;
  for (let g = 1; g < grid.length; g++) s += ((grid[g]! - grid[g - 1]!) * (f(g) + f(g - 1))) / 2;
  return s;
}

describe('spectral densities on one shared grid', () => {
  beforeAll(() => useNodeBackend('cpu'));
  let problem: Problem;
  beforeAll(() => {
    problem = buildProblem(
      { kind: 'mlp', hidden: [5], activation: 'tanh' },
      generateDataset({
        kind: 'xor',
        points: 40,
        noise: 0.1,
        testFraction: 0.25,
        margin: 0.2,
        seed: 3,
      }),
    );
  });
  afterAll(() => problem.dispose());

  it('the batched quadrature of two points is each point’s spectralDensity; the shared curves integrate to 1', async () => {
    const rng = new Rng(5);
    const thetas = [problem.init(rng), problem.init(rng)];
    const before = tf.memory().numTensors;
    const steps: number[] = [];
    const both = await quadratureAtPoints(problem, thetas, {
      probes: 3,
      iterations: 8,
      seed: 2,
      onStep: (s) => void steps.push(s),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const alone = await Promise.all(
      thetas.map((t) =>
        spectralDensity(problem, t, { probes: 3, iterations: 8, seed: 2, points: 50 }),
      ),
    );
    for (let k = 0; k < 2; k++) {
      expect(both[k]!.nodes).toHaveLength(3);
      for (let l = 0; l < 3; l++) {
        Array.from(alone[k]!.nodes[l]!).forEach((x, j) =>
          expect(both[k]!.nodes[l]![j]).toBeCloseTo(x, 4),
        );
        Array.from(alone[k]!.weights[l]!).forEach((x, j) =>
          expect(both[k]!.weights[l]![j]).toBeCloseTo(x, 4),
        );
      }
    }
    const shared = densitiesOnSharedGrid(both, 400);
    shared.densities.forEach((density, k) => {
      expect(trapezoid(shared.grid, (g) => density[g]!)).toBeCloseTo(1, 3);
      const mean = trapezoid(shared.grid, (g) => shared.grid[g]! * density[g]!);
      expect(mean).toBeCloseTo(alone[k]!.moments[0], 3);
    });
    // One density on its own grid is spectralDensity's curve.
    const own = densitiesOnSharedGrid([both[0]!], 50);
    expect(own.sigma).toBeCloseTo(alone[0]!.sigma, 6);
    Array.from(alone[0]!.density).forEach((x, g) => expect(own.densities[0]![g]).toBeCloseTo(x, 3));
    expect(() => densitiesOnSharedGrid(both, 1)).toThrow(/points must be a whole number ≥ 2/);
  });
});
