/**
 * `npm run bench [-- --backend wasm|cpu|all] [--steps N] [--only landscape|varpro|pca|curvature|curves|digits|cnn|training|noise]`: prints each figure the issues ask for,
 * as a ratio against a baseline run in the same process on the same backend.
 */
import { tf } from '../src/engine/tf';
import { useNodeBackend, type NodeBackendName } from '../src/node/backend';
import { benchCurvature } from './curvature';
import { benchMinima } from './minima';
import { benchCurves } from './curves';
import { benchDigits } from './digits';
import { benchCnn } from './cnn';
import { benchLandscape } from './landscape';
import { benchNoise } from './noise';
import { benchPca } from './pca';
import { benchMultiClassTraining } from './multiclass';
import { benchSnapshots } from './snapshots';
import { benchTraining, ENSEMBLE_RUNS, TRAINING_GOALS } from './training';
import { benchVarPro } from './varpro';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const backendArg = option('backend', 'wasm');
const backends: NodeBackendName[] =
  backendArg === 'all' ? ['wasm', 'cpu'] : [backendArg as NodeBackendName];
const steps = Number(option('steps', '500'));
const only = option('only', 'all');
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

for (const backend of backends) {
  await useNodeBackend(backend);
  console.log(`\n== backend: ${tf.getBackend()} (Node ${process.version}) ==`);
  if (only === 'all' || only === 'landscape') {
    const rows = await benchLandscape([51, 101], [51, 101]);
    console.log(
      'landscape, spirals m=256, MLP 2-16-16-1 tanh, filter-normalised random plane, [-1, 1]^2:',
    );
    for (const r of rows) {
      console.log(
        `  ${r.n}x${r.n} ${r.variant.padEnd(16)} ${r.seconds.toFixed(3).padStart(7)} s  ` +
          `(cpu ${r.cpuSeconds.toFixed(3)} s)  ` +
          `${fmt(r.pointsPerSecond).padStart(7)} grid points/s  ${r.gflops.toFixed(2)} effective GFLOP/s`,
      );
    }
    for (const n of [51, 101]) {
      const get = (v: string) => rows.find((r) => r.n === n && r.variant === v)!;
      console.log(
        `  ${n}x${n} ratio batched/per-point: ${(get('batched').pointsPerSecond / get('per-point').pointsPerSecond).toFixed(1)}x` +
          `  (batched/batched-generic: ${(get('batched').pointsPerSecond / get('batched-generic').pointsPerSecond).toFixed(1)}x)`,
      );
      console.log(
        `  ${n}x${n} ratio batched (host program, worker pool)/tensor program: ` +
          `${(get('batched').pointsPerSecond / get('tensor').pointsPerSecond).toFixed(2)}x wall, ` +
          `${(get('tensor').cpuSeconds / get('batched').cpuSeconds).toFixed(2)}x cpu time` +
          `  (host-1-thread/tensor: ${(get('host-1-thread').pointsPerSecond / get('tensor').pointsPerSecond).toFixed(2)}x wall)`,
      );
    }
  }
  if (only === 'all' || only === 'varpro') {
    console.log(
      'exact (w, shift) landscape of the tanh model, 51 training points, float64 QR per point:',
    );
    for (const r of benchVarPro([51, 101], [4, 16])) {
      console.log(
        `  ${r.n}x${r.n} d=${String(r.units).padEnd(3)} ${r.seconds.toFixed(3).padStart(7)} s  ` +
          `${fmt(r.pointsPerSecond).padStart(7)} grid points/s`,
      );
    }
  }
  if (only === 'all' || only === 'pca') {
    const rows = await benchPca([300, 900, 1600], [300]);
    console.log(
      'trajectory PCA, spirals MLP 2-16-16-1 tanh (P = 337), 8 runs x 201 snapshots, n evenly spaced points:',
    );
    for (const r of rows) {
      console.log(
        `  n=${String(r.n).padEnd(5)} ${r.method.padEnd(7)} ${r.seconds.toFixed(3).padStart(7)} s  ` +
          `explained ${r.explained.map((x) => (100 * x).toFixed(2)).join(' / ')} %` +
          (r.iterations ? `  (${r.iterations} restarts)` : ''),
      );
    }
    const exact = rows.find((r) => r.method === 'exact');
    const fast = rows.find((r) => r.method === 'krylov' && r.n === exact?.n);
    if (exact && fast)
      console.log(
        `  n=${exact.n} ratio exact/krylov: ${(exact.seconds / fast.seconds).toFixed(0)}x`,
      );
  }
  if (only === 'all' || only === 'noise') {
    console.log('gradient noise and importance sampling, spirals m=256, MLP 2-16-16-1 tanh:');
    for (const r of await benchNoise(Math.min(steps, 300)))
      console.log(
        `  ${r.what.padEnd(44)} ${(1000 * r.seconds).toFixed(1).padStart(9)} ms  ${r.rate}`,
      );
  }
  if (only === 'all' || only === 'curvature') {
    const rows = await benchCurvature();
    console.log(
      'curvature, spirals m=256, MLP 2-16-16-1 tanh (P = 337), at θ₀ and after 1000 Adam steps:',
    );
    for (const r of rows) {
      console.log(
        `  ${r.point.padEnd(8)} ${r.what.padEnd(36)} ${(1000 * r.seconds).toFixed(1).padStart(8)} ms  ` +
          `${fmt(r.hvps / r.seconds).padStart(7)} HVPs/s  ${r.value}`,
      );
    }
    for (const point of ['θ₀', 'trained'] as const) {
      const get = (what: string) => rows.find((r) => r.point === point && r.what.startsWith(what))!;
      console.log(
        `  ${point}: ratio trace batched/one-per-program ${(get('trace, 100 probes, one').seconds / get('trace, 100 probes, 25').seconds).toFixed(1)}x, ` +
          `λ_max of 8 runs batched/one-by-one ${(get('λ_max of 8 runs, one').seconds / get('λ_max of 8 runs, lanes').seconds).toFixed(1)}x`,
      );
      const lambda = get('λ_max, 20 Lanczos').seconds;
      console.log(
        `  ${point}: λ_max (20 Lanczos steps) ${(1000 * lambda).toFixed(1)} ms, ratio against ` +
          `tensor-program HVPs ${(get('λ_max, 20 steps, tensor').seconds / lambda).toFixed(1)}x ` +
          `(goal < 100 ms: ${lambda < 0.1 ? 'met' : 'not met'})`,
      );
    }
    const minima = await benchMinima();
    console.log(
      `  flat vs sharp (experimentMinima, default block) after 1000 SGD steps, batch 8 vs full: ` +
        `${minima.seconds.toFixed(2)} s  (λ_max ${minima.lambdas.map((l) => l.toPrecision(3)).join(' vs ')})`,
    );
  }
  if (only === 'all' || only === 'curves') {
    const rows = await benchCurves();
    console.log(
      'mode-connecting curve, spirals m=256, MLP 2-16-16-1 tanh (P = 337), Bézier bend, Adam, 100 updates, T values of t per update:',
    );
    for (const r of rows) {
      console.log(
        `  T=${String(r.samples).padEnd(3)} ${r.variant.padEnd(18)} ${r.seconds.toFixed(3).padStart(7)} s  ` +
          `${fmt(r.updatesPerSecond).padStart(6)} bend updates/s  (${fmt(r.updatesPerSecond * r.samples)} curve points/s)`,
      );
    }
    for (const samples of new Set(rows.map((r) => r.samples))) {
      const get = (v: string) => rows.find((r) => r.samples === samples && r.variant === v);
      const b = get('batched');
      const s = get('one t per program');
      if (b && s)
        console.log(
          `  T=${samples} ratio batched/one-t-per-program: ${(b.updatesPerSecond / s.updatesPerSecond).toFixed(1)}x`,
        );
    }
  }
  if (only === 'all' || only === 'digits') {
    const d = await benchDigits(Math.min(steps, 200));
    console.log(
      `digits, m=${d.trainSize}, MLP 64-32-10 tanh (${d.parameters} parameters), softmax cross-entropy:\n` +
        `  landscape ${d.landscape.n}x${d.landscape.n}, filter-normalised random plane: batched ` +
        `${fmt(d.landscape.batchedPointsPerSecond)} points/s, one point per program ` +
        `${fmt(d.landscape.perPointPointsPerSecond)} points/s: ratio ${d.landscape.ratio.toFixed(1)}x\n` +
        `  landscape ${d.landscape.n}x${d.landscape.n}: default (host program, ${d.landscape.threads} ` +
        `thread(s)) ${fmt(d.landscape.batchedPointsPerSecond)} points/s, tensor program ` +
        `${fmt(d.landscape.tensorPointsPerSecond)}: ratio ${d.landscape.hostOverTensor.toFixed(1)}x; ` +
        `host program on 1 thread ${fmt(d.landscape.hostOneThreadPointsPerSecond)}; per CPU-second ` +
        `of all threads: host ${fmt(d.landscape.hostPointsPerCpuSecond)}, tensor ` +
        `${fmt(d.landscape.tensorPointsPerCpuSecond)} ` +
        `[load average ${d.landscape.load.toFixed(1)}]\n` +
        `  training, 4 optimisers batched, full batch, ${d.training.steps} steps: ` +
        `${fmt(d.training.stepsPerSecond)} model-steps/s, tensor program ` +
        `${fmt(d.training.tensorStepsPerSecond)}: ratio ${d.training.ratio.toFixed(1)}x`,
    );
  }
  if (only === 'all' || only === 'cnn') {
    console.log(
      'digits CNN, m=1438, conv3x3 1-4, pool, conv3x3 4-8, pool, dense 32-10 relu (666 parameters):',
    );
    const c = await benchCnn(Math.min(steps, 10), (r) =>
      console.log(
        `  landscape ${r.n}x${r.n} ${r.variant.padEnd(24)} chunks of ${String(r.chunkSize).padStart(3)}: ${r.pointsPerSecond.toFixed(1).padStart(6)} points/s`,
      ),
    );
    const per = c.landscape.find((r) => r.variant === 'one point per program')!;
    for (const r of c.landscape.filter((x) => x !== per && x.n === per.n))
      console.log(
        `  ratio ${r.variant}/one point per program: ${(r.pointsPerSecond / per.pointsPerSecond).toFixed(1)}x`,
      );
    console.log(
      `  training, ${c.training.runs} optimisers, full batch, ${c.training.steps} steps: batched ` +
        `${c.training.batchedStepsPerSecond.toFixed(1)} model-steps/s, one program per run ` +
        `${c.training.perRunStepsPerSecond.toFixed(1)}: ratio ${c.training.ratio.toFixed(2)}x`,
    );
  }
  if (only !== 'all' && only !== 'training') continue;
  const t = await benchTraining(steps);
  const line = (label: string, f: typeof t.optimizers, goal: number) =>
    `  ${label.padEnd(34)} ${fmt(f.stepsPerSecond).padStart(7)} model-steps/s  ` +
    `(${fmt(f.stepsPerCpuSecond)} per CPU-second; tensor program ${fmt(f.tensorStepsPerSecond)}: ` +
    `ratio ${f.ratio.toFixed(1)}x; ` +
    `goal ${fmt(goal)}: ${f.stepsPerSecond >= goal ? 'met' : 'not met'})`;
  console.log(
    `training, spirals m=256, MLP 2-16-16-1 tanh, full batch, ${steps} steps ` +
      `(default path against the tf.grad tensor program in the same process):\n` +
      line('8 optimisers batched', t.optimizers, TRAINING_GOALS.optimizers) +
      '\n' +
      line(`${ENSEMBLE_RUNS}-run seed ensemble (Adam)`, t.ensemble, TRAINING_GOALS.ensemble),
  );
  const snapshotSteps = Math.min(steps, 200);
  console.log(
    `training with snapshots, spirals m=256, MLP 2-16-16-1 tanh, 8 optimisers, host steps, ` +
      `${snapshotSteps} steps (snapshots on the host against the tensor program's, same process):`,
  );
  for (const f of await benchSnapshots(snapshotSteps))
    console.log(
      `  recording every ${String(f.recordEvery).padEnd(2)} step(s): ${fmt(f.hostStepsPerSecond).padStart(7)} ` +
        `model-steps/s (${f.hostMsPerSnapshot.toFixed(2)} ms per snapshot); tensor snapshots ` +
        `${fmt(f.tensorStepsPerSecond)} (${f.tensorMsPerSnapshot.toFixed(2)} ms): ratio ` +
        `${f.ratio.toFixed(1)}x  [load average ${f.load.toFixed(1)}]`,
    );
  const multi = await benchMultiClassTraining(steps);
  console.log(
    `training, three spiral arms m=256, MLP 2-16-16-3 tanh, softmax cross-entropy, full batch, ${steps} steps:\n` +
      `  ${'8 optimisers batched'.padEnd(34)} ${fmt(multi.stepsPerSecond).padStart(7)} model-steps/s  ` +
      `(${fmt(multi.stepsPerCpuSecond)} per CPU-second; tensor program ${fmt(multi.tensorStepsPerSecond)}: ` +
      `ratio ${multi.ratio.toFixed(1)}x)`,
  );
}
