/**
 * Gradient noise and importance sampling on the reference problem (two spirals m = 256, MLP
 * 2-16-16-1 tanh, P = 337):
 * - training steps/s of 4 SGD runs (B = 32) with uniform batches against the same 4 runs with
 *   importance sampling (one extra forward pass per step for the per-example losses), host path
 *   (the CPU backends' default) and tensor path;
 * - the projected noise covariance at θ₀ (`planeNoise`, double back-propagation) against the
 *   brute-force per-example gradients (K = m tiled rows, tf.grad) it replaces.
 */
import { parseConfig } from '../src/config/parse';
import type { ExperimentInput } from '../src/config/schema';

type RunInput = NonNullable<ExperimentInput['runs']>[number];
import { planeNoise } from '../src/engine/noise/noise';
import { weightedLoss } from '../src/engine/problems/problem';
import { tf, type Tensor2D } from '../src/engine/tf';
import { trainToEnd, type TrainerOptions } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';

export interface NoiseBenchRow {
  what: string;
  seconds: number;
  rate: string;
}

function reference(runs: RunInput[], steps: number) {
  return buildExperiment(
    parseConfig({
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
      runs,
      steps,
      recordEvery: steps,
    }),
  );
}

async function timeTraining(
  sampling: RunInput['sampling'],
  engine: TrainerOptions['engine'],
  steps: number,
): Promise<number> {
  const runs = [0.05, 0.1, 0.2, 0.4].map(
    (lr) => ({ optimizer: 'sgd', lr, batchSize: 32, sampling }) as RunInput,
  );
  const e = reference(runs, steps);
  try {
    const options = {
      problem: e.problem,
      runs: e.runs,
      theta0: e.theta0,
      recordEvery: steps,
      batchSeeds: e.batchSeeds,
      divergenceFactor: 1e6,
      engine,
    };
    await trainToEnd({ ...options, steps: 10 });
    const start = performance.now();
    await trainToEnd({ ...options, steps });
    return (performance.now() - start) / 1000;
  } finally {
    e.problem.dispose();
  }
}

export async function benchNoise(steps: number): Promise<NoiseBenchRow[]> {
  const rows: NoiseBenchRow[] = [];
  for (const engine of ['host', 'tensor'] as const) {
    for (const [label, sampling] of [
      ['uniform', undefined],
      ['importance U_c=1', { kind: 'importance', temperature: 1 }],
    ] as const) {
      const seconds = await timeTraining(sampling, engine, steps);
      rows.push({
        what: `train 4 runs, ${engine}, ${label}`,
        seconds,
        rate: `${(steps / seconds).toFixed(0)} steps/s`,
      });
    }
  }
  const e = reference([{ optimizer: 'sgd' }], 1);
  try {
    const p = e.problem.layout.size;
    const m = e.problem.size.train;
    const theta = e.theta0.slice(0, p);
    const d1 = Float32Array.from({ length: p }, (_, i) => Math.sin(i + 1));
    const d2 = Float32Array.from({ length: p }, (_, i) => Math.cos(3 * i));
    planeNoise(e.problem, theta, d1, d2, { batchSize: 32, lr: 0.1 });
    let start = performance.now();
    for (let r = 0; r < 5; r++) planeNoise(e.problem, theta, d1, d2, { batchSize: 32, lr: 0.1 });
    const fast = (performance.now() - start) / 5000;
    rows.push({ what: `planeNoise (double back-prop), m=${m}`, seconds: fast, rate: '' });
    start = performance.now();
    const g = tf.tidy(() => {
      const tiled = tf.tile(tf.tensor2d(theta, [1, p]), [m, 1]);
      const eye = tf.eye(m) as Tensor2D;
      return tf.grad((th: tf.Tensor) => tf.sum(weightedLoss(e.problem, th as Tensor2D, eye)))(
        tiled,
      );
    });
    g.dataSync();
    g.dispose();
    const brute = (performance.now() - start) / 1000;
    rows.push({
      what: `per-example tf.grad (m tiled rows)`,
      seconds: brute,
      rate: `${(brute / fast).toFixed(1)}x slower`,
    });
  } finally {
    e.problem.dispose();
  }
  return rows;
}
