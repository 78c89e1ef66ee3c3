/**
 * Trajectory PCA: the top two principal directions of real recorded trajectories (the reference
 * problem, two spirals, MLP 2-16-16-1 tanh, P = 337; 8 optimisers × 201 snapshots), on n = 300,
 * 900 and 1600 evenly spaced recorded points, by the block Krylov method, against the exact
 * Gram + Jacobi path (O(n³); at n = 300 only) in the same process.
 */
import { exactTrajectoryPca, trajectoryPca } from '../src/engine/landscape/pca';
import { trainToEnd } from '../src/engine/train/trainer';
import { buildExperiment } from '../src/experiment/build';
import { referenceConfig } from './training';

export interface PcaBenchRow {
  n: number;
  p: number;
  method: 'krylov' | 'exact';
  seconds: number;
  explained: [number, number];
  /** Restarts of the Krylov method (progress reports); 0 for the exact path. */
  iterations: number;
}

/** The recorded θ of every run, row-major [runs·snapshots, P]. */
async function referenceTrajectories(steps: number, recordEvery: number) {
  const config = { ...referenceConfig(steps), recordEvery };
  const e = buildExperiment(config);
  const p = e.problem.layout.size;
  const k = e.runs.length;
  const snapshots = await trainToEnd({
    problem: e.problem,
    runs: e.runs,
    theta0: e.theta0,
    steps,
    recordEvery,
    batchSeeds: e.batchSeeds,
    divergenceFactor: config.divergenceFactor,
  });
  e.problem.dispose();
  const rows = k * snapshots.length;
  const all = new Float32Array(rows * p);
  for (let run = 0; run < k; run++)
    snapshots.forEach((s, t) =>
      all.set(s.theta.subarray(run * p, (run + 1) * p), (run * snapshots.length + t) * p),
    );
  return { all, rows, p, reference: all.slice((rows - 1) * p, rows * p) };
}

export async function benchPca(sizes: number[], exactSizes: number[]): Promise<PcaBenchRow[]> {
  const { all, rows, p, reference } = await referenceTrajectories(2000, 10);
  const subset = (n: number) => {
    const out = new Float32Array(n * p);
    for (let i = 0; i < n; i++) {
      const r = Math.floor((i * rows) / n);
      out.set(all.subarray(r * p, (r + 1) * p), i * p);
    }
    return out;
  };
  const out: PcaBenchRow[] = [];
  await trajectoryPca(subset(100), 100, reference); // warm-up (JIT)
  for (const n of sizes) {
    const points = subset(n);
    const times: number[] = [];
    let explained: [number, number] = [0, 0];
    let iterations = 0;
    for (let k = 0; k < 3; k++) {
      iterations = 0;
      const start = performance.now();
      const onProgress = () => iterations++;
      explained = (await trajectoryPca(points, n, reference, { onProgress })).explained;
      times.push((performance.now() - start) / 1000);
    }
    const seconds = times.sort((a, b) => a - b)[1]!;
    out.push({ n, p, method: 'krylov', seconds, explained, iterations });
    if (exactSizes.includes(n)) {
      const start = performance.now();
      const exact = exactTrajectoryPca(points, n, reference);
      out.push({
        n,
        p,
        method: 'exact',
        seconds: (performance.now() - start) / 1000,
        explained: exact.explained,
        iterations: 0,
      });
    }
  }
  return out;
}
