import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { SurfaceProblem } from '../problems/surfaces';
import { trainToEnd } from '../train/trainer';
import { optimizerDefaults } from '../../config/optimizer-defaults';
import type { OptimizerName, RunHyper } from './optimizers';
import { CONSTANT_SCHEDULE } from './schedules';

/** f(x, y) = ½(x² + 4y²), ∇f = (x, 4y), started at (−1.5, 1). */
const KAPPA = 4;
const START: [number, number] = [-1.5, 1];
const gradient = (t: readonly number[]): number[] => [t[0]!, KAPPA * t[1]!];

function hyper(optimizer: OptimizerName, overrides: Partial<RunHyper> = {}): RunHyper {
  return {
    ...optimizerDefaults(optimizer),
    optimizer,
    batchSize: 1,
    schedule: CONSTANT_SCHEDULE,
    samRho: 0,
    ...overrides,
  };
}

/** Trains the runs together on the quadratic and returns θ after steps 1..3 for each run. */
async function firstThreeSteps(runs: RunHyper[]): Promise<number[][][]> {
  const problem = new SurfaceProblem({ surface: 'quadratic', kappa: KAPPA });
  const theta0 = new Float32Array(runs.flatMap(() => START));
  const snapshots = await trainToEnd({
    problem,
    runs,
    theta0,
    steps: 3,
    recordEvery: 1,
    batchSeeds: runs.map(() => 0),
    divergenceFactor: 1e6,
  });
  return runs.map((_, k) => snapshots.slice(1).map((s) => [s.theta[2 * k]!, s.theta[2 * k + 1]!]));
}

/**
 * An independent float64 reference, written from torch.optim's documented algorithms one
 * optimiser at a time (scalar loops, no shared coefficient table).
 */
function torchReference(run: RunHyper, steps: number, samRho = 0): number[][] {
  let theta = [...START];
  const buf = [0, 0];
  const sq = [0, 0];
  const expAvg = [0, 0];
  let muProduct = 1;
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    let g = gradient(theta);
    if (samRho > 0) {
      const n = Math.hypot(g[0]!, g[1]!);
      g = gradient(theta.map((x, i) => x + (samRho * g[i]!) / n));
    }
    const lr = run.lr;
    const mu = run.beta1 * (1 - 0.5 * Math.pow(0.96, t * run.momentumDecay));
    const muNext = run.beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * run.momentumDecay));
    muProduct *= mu;
    const next = [...theta];
    for (let i = 0; i < 2; i++) {
      let gi = g[i]!;
      if (run.optimizer !== 'adamw') gi += run.weightDecay * theta[i]!;
      switch (run.optimizer) {
        case 'sgd':
          next[i] = theta[i]! - lr * gi;
          break;
        case 'momentum':
        case 'nesterov': {
          buf[i] = t === 1 ? gi : run.momentum * buf[i]! + gi;
          const step = run.optimizer === 'nesterov' ? gi + run.momentum * buf[i]! : buf[i]!;
          next[i] = theta[i]! - lr * step;
          break;
        }
        case 'adagrad':
          sq[i] = sq[i]! + gi * gi;
          next[i] = theta[i]! - (lr * gi) / (Math.sqrt(sq[i]!) + run.eps);
          break;
        case 'rmsprop':
          sq[i] = run.alpha * sq[i]! + (1 - run.alpha) * gi * gi;
          next[i] = theta[i]! - (lr * gi) / (Math.sqrt(sq[i]!) + run.eps);
          break;
        case 'adam':
        case 'adamw': {
          const base =
            run.optimizer === 'adamw' ? theta[i]! * (1 - lr * run.weightDecay) : theta[i]!;
          expAvg[i] = run.beta1 * expAvg[i]! + (1 - run.beta1) * gi;
          sq[i] = run.beta2 * sq[i]! + (1 - run.beta2) * gi * gi;
          const bc1 = 1 - Math.pow(run.beta1, t);
          const bc2 = 1 - Math.pow(run.beta2, t);
          const denom = Math.sqrt(sq[i]!) / Math.sqrt(bc2) + run.eps;
          next[i] = base - (lr / bc1) * (expAvg[i]! / denom);
          break;
        }
        case 'nadam': {
          const product = muProduct;
          expAvg[i] = run.beta1 * expAvg[i]! + (1 - run.beta1) * gi;
          sq[i] = run.beta2 * sq[i]! + (1 - run.beta2) * gi * gi;
          const denom = Math.sqrt(sq[i]! / (1 - Math.pow(run.beta2, t))) + run.eps;
          next[i] =
            theta[i]! -
            (lr * (1 - mu) * gi) / (1 - product) / denom -
            (lr * muNext * expAvg[i]!) / (1 - product * muNext) / denom;
          break;
        }
      }
    }
    theta = next;
    out.push([...theta]);
  }
  return out;
}

function expectClose(actual: number[][], expected: number[][], tol = 2e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, s) =>
    row.forEach((v, i) => {
      const e = expected[s]![i]!;
      expect(Math.abs(v - e), `step ${s + 1}, coordinate ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(
        tol * (1 + Math.abs(e)),
      );
    }),
  );
}

describe.each(NODE_BACKENDS)('optimisers on the quadratic (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  afterAll(() => undefined);

  it('SGD, momentum and Nesterov take the hand-computed first three steps', async () => {
    const [sgd, momentum, nesterov] = await firstThreeSteps([
      hyper('sgd', { lr: 0.1 }),
      hyper('momentum', { lr: 0.1, momentum: 0.9 }),
      hyper('nesterov', { lr: 0.1, momentum: 0.9 }),
    ]);
    // SGD: x ← 0.9x, y ← 0.6y.
    expectClose(sgd!, [
      [-1.35, 0.6],
      [-1.215, 0.36],
      [-1.0935, 0.216],
    ]);
    // Momentum: v₁ = g₀ = (−1.5, 4); v₂ = 0.9v₁ + (−1.35, 2.4) = (−2.7, 6); v₃ = (−3.51, 5.4).
    expectClose(momentum!, [
      [-1.35, 0.6],
      [-1.08, 0],
      [-0.729, -0.54],
    ]);
    // Nesterov: step = g + μv; θ₁ = θ₀ − 0.1(−2.85, 7.6); θ₂ = θ₁ − 0.1(−3.5235, 5.064); …
    expectClose(nesterov!, [
      [-1.215, 0.24],
      [-0.86265, -0.2664],
      [-0.4909815, -0.433296],
    ]);
  });

  it('Adagrad, RMSProp and Adam move by the learning rate times sign(g) on their first step', async () => {
    // Adagrad: s = g², step = η g/|g|. RMSProp: v = 0.01 g², step = η g/(0.1|g|) = 10η sign g.
    // Adam: m̂ = g, v̂ = g², step = η sign g.
    const [adagrad, rmsprop, adam] = await firstThreeSteps([
      hyper('adagrad', { lr: 0.1 }),
      hyper('rmsprop', { lr: 0.01 }),
      hyper('adam', { lr: 0.1 }),
    ]);
    for (const run of [adagrad!, rmsprop!, adam!]) expectClose([run[0]!], [[-1.4, 0.9]], 1e-6);
  });

  it.each([
    ['sgd', { lr: 0.05, weightDecay: 0.1 }],
    ['momentum', { lr: 0.05, momentum: 0.8, weightDecay: 0.1 }],
    ['nesterov', { lr: 0.05, momentum: 0.7 }],
    ['adagrad', { lr: 0.3, weightDecay: 0.05 }],
    ['rmsprop', { lr: 0.02, alpha: 0.9 }],
    ['adam', { lr: 0.05, beta1: 0.8, beta2: 0.99, weightDecay: 0.1 }],
    ['adamw', { lr: 0.05, weightDecay: 0.5 }],
    ['nadam', { lr: 0.05 }],
  ] as [OptimizerName, Partial<RunHyper>][])(
    '%s matches torch.optim for three steps, all eight batched in one program',
    async (name, overrides) => {
      const run = hyper(name, overrides);
      // Run it beside all the other optimisers so that batching is part of what is checked.
      const others = (['sgd', 'adam', 'nadam', 'rmsprop'] as OptimizerName[]).map((o) => hyper(o));
      const [mine] = await firstThreeSteps([run, ...others]);
      expectClose(mine!, torchReference(run, 3));
    },
  );

  it('SAM takes the base step with the gradient at θ + ρ g/‖g‖', async () => {
    const run = hyper('sgd', { lr: 0.1, samRho: 0.05 });
    const plain = hyper('adam', { lr: 0.1 });
    const [sam, adam] = await firstThreeSteps([run, plain]);
    expectClose(sam!, torchReference(run, 3, 0.05));
    // θ₀ + e with e = 0.05 (−1.5, 4)/‖(−1.5, 4)‖; g' = (x + eₓ, 4(y + e_y)).
    const n = Math.hypot(-1.5, 4);
    expectClose(
      [sam![0]!],
      [[-1.5 - 0.1 * (-1.5 - (0.05 * 1.5) / n), 1 - 0.1 * 4 * (1 + (0.05 * 4) / n)]],
    );
    // The plain run in the same program is not perturbed.
    expectClose([adam![0]!], [[-1.4, 0.9]], 1e-6);
  });
});
