/**
 * `npm run bench [-- --backend wasm|cpu|all] [--steps N]`: prints each figure the issues ask for,
 * as a ratio against a baseline run in the same process on the same backend.
 */
import { tf } from '../src/engine/tf';
import { useNodeBackend, type NodeBackendName } from '../src/node/backend';
import { benchTraining } from './training';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const backendArg = option('backend', 'wasm');
const backends: NodeBackendName[] =
  backendArg === 'all' ? ['wasm', 'cpu'] : [backendArg as NodeBackendName];
const steps = Number(option('steps', '500'));
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

for (const backend of backends) {
  await useNodeBackend(backend);
  console.log(`\n== backend: ${tf.getBackend()} (Node ${process.version}) ==`);
  const t = await benchTraining(steps);
  console.log(
    `training, spirals m=256, MLP 2-16-16-1 tanh, full batch, ${steps} steps, 8 optimisers:\n` +
      `  batched (one [8, P] program):   ${fmt(t.batchedStepsPerSecond)} model-steps/s\n` +
      `  separate (8 [1, P] programs):   ${fmt(t.separateStepsPerSecond)} model-steps/s\n` +
      `  ratio batched/separate:         ${t.ratio.toFixed(2)}x`,
  );
}
