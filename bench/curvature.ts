/**
 * Curvature of the reference problem (two spirals m = 256, MLP 2-16-16-1 tanh, P = 337) at θ₀
 * and after training (Adam, 1000 steps): the top Hessian eigenvalue by 20 Lanczos steps and the
 * Hutchinson trace with 100 probes, with Hessian-vector products per second, against the
 * straightforward loop in the same process: one HVP program per probe (unbatched), and one
 * Lanczos per run for K = 8 runs instead of the 8 lanes in lock-step.
 */
import { hessianTopEigen } from '../src/engine/curvature/eigenpairs';
import { hutchinsonTrace } from '../src/engine/curvature/hutchinson';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';
import { parseConfig } from '../src/config/parse';

export interface CurvatureBenchRow {
  point: 'θ₀' | 'trained';
  what: string;
  seconds: number;
  hvps: number;
  value: string;
}

function referenceExperiment(steps: number) {
  return buildExperiment(
    parseConfig({
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral', points: 320, noise: 0.05, testFraction: 0.2 },
      runs: [{ optimizer: 'adam', lr: 0.01 }],
      steps,
      recordEvery: steps,
    }),
  );
}

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const out = await f();
  return [out, (performance.now() - start) / 1000];
}

export async function benchCurvature(): Promise<CurvatureBenchRow[]> {
  const e = referenceExperiment(1000);
  const P = e.problem.layout.size;
  const snapshots = await trainToEnd({
    problem: e.problem,
    runs: e.runs,
    theta0: e.theta0,
    steps: 1000,
    recordEvery: 1000,
    batchSeeds: e.batchSeeds,
    divergenceFactor: 1e6,
  });
  const trained = snapshots[snapshots.length - 1]!.theta.slice(0, P);
  const rows: CurvatureBenchRow[] = [];
  // Warm the kernels and the JIT (the host products' first call compiles their loops).
  await hessianTopEigen(e.problem, [e.theta0], { iterations: 3, engine: 'tensor' });
  for (let i = 0; i < 3; i++) await hessianTopEigen(e.problem, [e.theta0], { iterations: 20 });
  for (const [point, theta] of [
    ['θ₀', e.theta0.slice(0, P)],
    ['trained', trained],
  ] as const) {
    const [eig, tEig] = await time(() => hessianTopEigen(e.problem, [theta], { iterations: 20 }));
    rows.push({
      point,
      what: 'λ_max, 20 Lanczos steps',
      seconds: tEig,
      hvps: 21,
      value: `λ_max = ${eig[0]!.values[0]!.toPrecision(5)} (residual ${eig[0]!.residuals[0]!.toExponential(1)})`,
    });
    const [, tTensor] = await time(() =>
      hessianTopEigen(e.problem, [theta], { iterations: 20, engine: 'tensor' }),
    );
    rows.push({
      point,
      what: 'λ_max, 20 steps, tensor-program HVPs',
      seconds: tTensor,
      hvps: 21,
      value: '',
    });
    const eight = Array.from({ length: 8 }, () => theta);
    const [, tBatchedRuns] = await time(() =>
      hessianTopEigen(e.problem, eight, { iterations: 20 }),
    );
    rows.push({
      point,
      what: 'λ_max of 8 runs, lanes batched',
      seconds: tBatchedRuns,
      hvps: 168,
      value: '',
    });
    const [, tLoopRuns] = await time(async () => {
      for (const t of eight) await hessianTopEigen(e.problem, [t], { iterations: 20 });
    });
    rows.push({
      point,
      what: 'λ_max of 8 runs, one by one',
      seconds: tLoopRuns,
      hvps: 168,
      value: '',
    });
    const [trace, tTrace] = await time(() =>
      hutchinsonTrace(e.problem, theta, { probes: 100, batch: 25 }),
    );
    rows.push({
      point,
      what: 'trace, 100 probes, 25 per program',
      seconds: tTrace,
      hvps: 100,
      value: `tr(H) = ${trace.trace.toPrecision(5)} ± ${trace.standardError.toPrecision(2)}`,
    });
    const [, tLoop] = await time(() =>
      hutchinsonTrace(e.problem, theta, { probes: 100, batch: 1 }),
    );
    rows.push({
      point,
      what: 'trace, 100 probes, one per program',
      seconds: tLoop,
      hvps: 100,
      value: '',
    });
  }
  e.problem.dispose();
  return rows;
}
