/**
 * A 2-8-1 ReLU network (BCE) on 12 circle points (seed 2) at a θ away from its kinks: what the
 * finite-difference gradient checks of a ReLU network need (no ±2h perturbation may cross a kink).
 */
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import { MlpProblem } from './mlp';

/**
 * The problem and θ = init(Rng(seed)) for the first seed < 100 whose hidden pre-activations all
 * stay ≥ 0.05 from 0 on every training point; θ is null when none does. The caller disposes the
 * problem.
 */
export function reluAwayFromKinks(): { problem: MlpProblem; theta: Float32Array | null } {
  const data = generateDataset({
    kind: 'circles',
    points: 12,
    noise: 0.05,
    testFraction: 0,
    margin: 0,
    seed: 2,
  });
  const problem = new MlpProblem({ hidden: [8], activation: 'relu', loss: 'bce' }, data);
  let theta: Float32Array | null = null;
  for (let seed = 0; seed < 100 && !theta; seed++) {
    const candidate = problem.init(new Rng(seed));
    let ok = true;
    for (let i = 0; i < data.yTrain.length && ok; i++)
      for (let j = 0; j < 8 && ok; j++) {
        const pre =
          data.xTrain[2 * i]! * candidate[j]! +
          data.xTrain[2 * i + 1]! * candidate[8 + j]! +
          candidate[16 + j]!;
        ok = Math.abs(pre) >= 0.05;
      }
    if (ok) theta = candidate;
  }
  return { problem, theta };
}
