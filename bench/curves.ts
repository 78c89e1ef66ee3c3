/**
 * Mode-connecting curve training speed (Garipov et al. 2018) on the reference problem (two
 * spirals m = 256, MLP 2-16-16-1 tanh, P = 337): bend updates per second with T sampled values of
 * t per update evaluated as one [T, P] program (`trainCurve`), against the straightforward loop in
 * the same process: one [1, P] program per sampled t, the T gradients averaged, then the same
 * optimiser update.
 */
import { coefficientRows, midpoint } from '../src/engine/curves/curve';
import { curveLoss } from '../src/engine/curves/loss';
import { stratifiedTs, trainCurve } from '../src/engine/curves/train';
import { Rng } from '../src/engine/math/random';
import { applyUpdate, CoefficientTable, type OptimizerState } from '../src/engine/optim/optimizers';
import { tf, type Tensor2D } from '../src/engine/tf';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';
import { parseConfig } from '../src/config/parse';

export interface CurveBenchRow {
  samples: number;
  variant: 'batched' | 'one t per program';
  seconds: number;
  updatesPerSecond: number;
}

export async function benchCurves(
  steps = 100,
  sampleCounts = [1, 8, 32],
): Promise<CurveBenchRow[]> {
  const e = buildExperiment(
    parseConfig({
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
      runs: [
        { optimizer: 'adam', lr: 0.01, initSeed: 1 },
        { optimizer: 'adam', lr: 0.01, initSeed: 2 },
      ],
      steps: 300,
      recordEvery: 300,
    }),
  );
  const p = e.problem.layout.size;
  const snapshots = await trainToEnd({
    problem: e.problem,
    runs: e.runs,
    theta0: e.theta0,
    steps: 300,
    recordEvery: 300,
    batchSeeds: e.batchSeeds,
    divergenceFactor: 1e6,
  });
  const theta = snapshots.at(-1)!.theta;
  const w0 = theta.slice(0, p);
  const w2 = theta.slice(p, 2 * p);
  const hyper = e.runs[0]!;
  const rows: CurveBenchRow[] = [];
  const batched = async (samples: number, n: number) => {
    for await (const _ of trainCurve({
      problem: e.problem,
      type: 'bezier',
      w0,
      w2,
      hyper,
      steps: n,
      samples,
      seed: 1,
      reportEvery: n,
    }));
  };
  const separate = async (samples: number, n: number) => {
    const rng = Rng.derive(1, 'curve-t');
    const table = new CoefficientTable([hyper]);
    const ends = { w0: tf.tensor2d(w0, [1, p]), w2: tf.tensor2d(w2, [1, p]) };
    let state: OptimizerState = {
      theta: tf.tensor2d(midpoint(w0, w2), [1, p]),
      m: tf.zeros([1, p]),
      v: tf.zeros([1, p]),
    };
    for (let t = 1; t <= n; t++) {
      const coefficients = tf.tensor2d(table.at(t, [hyper.lr]), [1, 11]);
      let sum: Tensor2D = tf.zeros([1, p]);
      for (const s of stratifiedTs(rng, samples)) {
        const g = tf.tidy(() => {
          const row = tf.tensor2d(coefficientRows('bezier', [s]), [1, 3]);
          return tf.grad((w: tf.Tensor) => curveLoss(e.problem, ends, w as Tensor2D, row))(
            state.theta,
          );
        });
        const next = tf.add(sum, g) as Tensor2D;
        tf.dispose([sum, g]);
        sum = next;
      }
      const mean = tf.div(sum, samples) as Tensor2D;
      const updated = applyUpdate(state, mean, coefficients);
      tf.dispose([state.theta, state.m, state.v, sum, mean, coefficients]);
      state = updated;
    }
    await state.theta.data();
    tf.dispose([state.theta, state.m, state.v, ends.w0, ends.w2]);
  };
  // Warm the kernels once.
  await batched(4, 3);
  await separate(2, 3);
  for (const samples of sampleCounts) {
    for (const [variant, run] of [
      ['batched', batched],
      ['one t per program', separate],
    ] as const) {
      if (variant === 'one t per program' && samples === 1) continue;
      const start = performance.now();
      await run(samples, steps);
      const seconds = (performance.now() - start) / 1000;
      rows.push({ samples, variant, seconds, updatesPerSecond: steps / seconds });
    }
  }
  e.problem.dispose();
  return rows;
}
