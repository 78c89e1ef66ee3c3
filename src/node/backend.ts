/**
 * Backend set-up for Node hosts (CLI, bench, tests): the cpu and wasm backends of tfjs, with the
 * wasm binaries read from the installed npm package (nothing is downloaded).
 */
import { tf } from '../engine/tf';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The backends that run in Node. */
export type NodeBackendName = 'cpu' | 'wasm';

let wasmPathsSet = false;

/** Selects `name` as the tfjs backend; throws with the reason when it cannot start. */
export async function useNodeBackend(name: NodeBackendName): Promise<void> {
  // The cpu backend prints an advert for tfjs-node on first use unless PROD is set.
  tf.env().set('PROD', true);
  if (name === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    setWasmPaths(path.join(path.dirname(pkg), 'dist') + path.sep);
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(
      `The tfjs '${name}' backend failed to start (running on '${tf.getBackend()}').`,
    );
  }
}
