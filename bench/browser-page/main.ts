/**
 * The in-page half of `npm run bench:browser` (bench/browser.ts builds and opens this page once
 * per backend, `?backend=wasm|cpu|webgl|webgpu`). It activates the backend the way the app's
 * worker does (`chooseBackend`, forced: its correctness probes are the warm-up), runs the figures of
 * `npm run bench -- --only landscape` and `--only training` on the page's main thread, and leaves
 * the result in `window.__bench` (or the error in `window.__benchError`).
 */
import { chooseBackend } from '../../src/worker/backend';
import { isBackendName } from '../../src/config/backends';
import { tf } from '../../src/engine/tf';
import { referenceConfig, TRAINING_GOALS } from '../training';
import { browserLandscape } from './landscape';
import { browserTraining } from './training';

async function main(): Promise<void> {
  const requested = new URLSearchParams(location.search).get('backend') ?? 'wasm';
  if (!isBackendName(requested)) throw new Error(`backend: unknown '${requested}'`);
  const started = performance.now();
  const choice = await chooseBackend(requested, referenceConfig(1));
  if (choice.name !== requested)
    throw new Error(
      `backend ${requested} did not start: ${choice.fallbacks.map((f) => `${f.name}: ${f.reason}`).join('; ')}`,
    );
  const startSeconds = (performance.now() - started) / 1000;
  const landscape = await browserLandscape();
  const training = await browserTraining();
  window.__bench = {
    backend: tf.getBackend(),
    startSeconds,
    landscape,
    training,
    goals: TRAINING_GOALS,
  };
  document.getElementById('out')!.textContent = JSON.stringify(window.__bench, null, 2);
}

main().catch((error: unknown) => {
  window.__benchError = error instanceof Error ? error.message : String(error);
  document.getElementById('out')!.textContent = window.__benchError;
});
