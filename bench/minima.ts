/**
 * One full flat-vs-sharp comparison (`experimentMinima`, the `minima` block's defaults: λ_max by
 * 20 Lanczos steps with both minima as lanes, trace 30 probes, density 3 × 30, ε-sharpness at two
 * ε × 20 ascent steps, a 31 × 31 plane, two 41-point slices per minimum, a 61-point interpolation)
 * on the reference problem (two spirals m = 256, MLP 2-16-16-1 tanh, P = 337) after 1000 steps of
 * a small-batch (8) and a full-batch run. The best of three timings after one warm-up.
 */
import { parseConfig } from '../src/config/parse';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment, trainerOptions } from '../src/experiment/build';
import { experimentMinima } from '../src/experiment/minima';

export interface MinimaBench {
  seconds: number;
  /** λ_max of the two minima (small batch, full batch). */
  lambdas: [number, number];
}

export async function benchMinima(): Promise<MinimaBench> {
  const steps = 1000;
  const config = parseConfig({
    seed: 1,
    problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
    data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
    runs: [
      { optimizer: 'sgd', lr: 0.5, batchSize: 8, name: 'small batch' },
      { optimizer: 'sgd', lr: 0.5, name: 'full batch' },
    ],
    steps,
    recordEvery: steps,
    minima: {},
  });
  const e = buildExperiment(config);
  try {
    const P = e.problem.layout.size;
    const last = (await trainToEnd(trainerOptions(e))).at(-1)!;
    const points = [0, 1].map((k) => last.theta.slice(k * P, (k + 1) * P));
    const run = () => experimentMinima(e, points, [steps, steps], config.minima!);
    let result = await run();
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      result = await run();
      best = Math.min(best, (performance.now() - start) / 1000);
    }
    return { seconds: best, lambdas: [result.minima[0].lambdaMax, result.minima[1].lambdaMax] };
  } finally {
    e.problem.dispose();
  }
}
