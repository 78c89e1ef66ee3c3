/**
 * Backend selection for the compute worker: WebGPU → WebGL → WASM → CPU, each imported on demand
 * and accepted only after it has computed a correct gradient, one real training step of the
 * job's experiment and a small landscape with the landscape program's ops (tfjs-webgpu lacks some gradient kernels and throws instead of falling back;
 * a broken driver can return NaN silently).
 *
 * In automatic mode a GPU backend that runs on a software rasteriser (SwiftShader, llvmpipe, a
 * WebGPU "fallback adapter") is passed over: it is correct but several times slower than WASM on
 * the same CPU. Asking for it by name (`?backend=webgl`) still uses it.
 */
import type { ExperimentConfig } from '../config/schema';
import { buildExperiment } from '../experiment/build';
import { loadDataAssets } from '../experiment/data-assets';
import { train } from '../engine/train/trainer';
import { tf } from '../engine/tf';
import { randomPlaneDirections } from '../engine/landscape/directions';
import { computeLandscape } from '../engine/landscape/grid';
import { Rng } from '../engine/math/random';
import { BACKEND_ORDER, isBackendName, type BackendName } from '../config/backends';
import type { Fallback } from '../protocol/backends';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export interface BackendChoice {
  name: BackendName;
  fallbacks: Fallback[];
}

const SOFTWARE_RENDERERS: [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render/i, 'Microsoft Basic Render'],
  [/software/i, 'software'],
];

/** The name of the software rasteriser a renderer string names, or null. */
function softwareName(text: string): string | null {
  return SOFTWARE_RENDERERS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** Loose view of the WebGPU API (the DOM lib of this TypeScript has no WebGPU types). */
interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

/** Why a GPU backend should be skipped in automatic mode, or null when it looks like real hardware. */
async function softwareRenderer(name: 'webgpu' | 'webgl'): Promise<string | null> {
  if (name === 'webgpu') {
    const gpu = (
      navigator as unknown as {
        gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> };
      }
    ).gpu;
    if (!gpu) return null; // the real probe reports the missing API
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const text = [info.vendor, info.architecture, info.device, info.description]
      .filter(Boolean)
      .join(' ');
    const software = softwareName(text);
    if (adapter.isFallbackAdapter || info.isFallbackAdapter || software) {
      return `runs in software here (${software ?? 'fallback adapter'}), slower than wasm`;
    }
    return null;
  }
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const software = softwareName(renderer);
  return software ? `runs in software here (${software}), slower than wasm` : null;
}

/** Imports a backend's package (which registers it with tfjs) and prepares it. */
async function load(name: BackendName): Promise<void> {
  switch (name) {
    case 'webgpu':
      if (!('gpu' in navigator)) throw new Error('WebGPU is not available in this browser');
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined')
        throw new Error('OffscreenCanvas is not available in workers here');
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available');
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
      });
      // Single-threaded (SIMD when available): the threaded build needs cross-origin isolation
      // everywhere it is embedded and crashed when minified in an earlier probe.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      return;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

/** tfjs reports a failed backend start with console.warn only; catch that text as the reason. */
async function setBackendWithReason(name: BackendName): Promise<void> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } finally {
    console.warn = warn;
  }
  if (!ok || tf.getBackend() !== name) {
    const detail = warnings
      .map((w) => w.split('\n')[0]!.trim())
      .filter((w) => w && !/^Initialization of backend .* failed$/.test(w))
      .join('; ');
    throw new Error(`failed to initialise${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * ∂/∂W Σ softplus(tanh(X W)) for a fixed X [2, 3] and W [3, 2], on the device and in plain JS;
 * throws when they disagree. Exercises matMul, tanh, softplus and their gradients.
 */
function checkGradient(): Promise<void> {
  const x = [0.5, -1.0, 0.25, 1.5, 0.3, -0.7];
  const w = [0.2, -0.4, 0.9, 0.1, -0.3, 0.6];
  // Reference: H = X W, A = tanh(H), dL/dH = σ(A)(1 − A²), dL/dW = Xᵀ dL/dH.
  const expected = new Array<number>(6).fill(0);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      let h = 0;
      for (let c = 0; c < 3; c++) h += x[i * 3 + c]! * w[c * 2 + j]!;
      const a = Math.tanh(h);
      const dh = (1 / (1 + Math.exp(-a))) * (1 - a * a);
      for (let c = 0; c < 3; c++) expected[c * 2 + j]! += x[i * 3 + c]! * dh;
    }
  }
  const grad = tf.tidy(() => {
    const xs = tf.tensor2d(x, [2, 3]);
    return tf.grad((ws: tf.Tensor) => tf.sum(tf.softplus(tf.tanh(tf.matMul(xs, ws)))))(
      tf.tensor2d(w, [3, 2]),
    );
  });
  return grad.data().then((got) => {
    grad.dispose();
    for (let i = 0; i < 6; i++) {
      const g = got[i]!;
      if (
        !Number.isFinite(g) ||
        Math.abs(g - expected[i]!) > 1e-3 + 1e-2 * Math.abs(expected[i]!)
      ) {
        throw new Error(`gradient check failed: got ${g}, expected ${expected[i]!.toFixed(5)}`);
      }
    }
  });
}

/** One real training step of the job's experiment with the real op set; throws unless finite. */
async function checkTrainingStep(config: ExperimentConfig): Promise<void> {
  const experiment = buildExperiment({ ...config, steps: 1, recordEvery: 1 });
  try {
    for await (const s of train({
      problem: experiment.problem,
      runs: experiment.runs,
      theta0: experiment.theta0,
      steps: 1,
      recordEvery: 1,
      batchSeeds: experiment.batchSeeds,
      divergenceFactor: config.divergenceFactor,
    })) {
      const bad = [...s.trainLoss, ...s.gradNorm].find((v) => !Number.isFinite(v));
      if (bad !== undefined)
        throw new Error(`training step ${s.step} gave a non-finite value (${bad})`);
    }
  } finally {
    experiment.problem.dispose();
  }
}

/** A 5×5 landscape chunk on a random plane at θ₀: the forward ops the landscape program uses. */
async function checkLandscape(config: ExperimentConfig): Promise<void> {
  const experiment = buildExperiment({ ...config, steps: 1, recordEvery: 1 });
  try {
    const theta = experiment.theta0.slice(0, experiment.problem.layout.size);
    const plane = {
      centre: theta,
      ...randomPlaneDirections(theta, experiment.problem.layout, new Rng(1)),
    };
    const grid = await computeLandscape({
      problem: experiment.problem,
      plane,
      n: 5,
      aRange: [-1, 1],
      bRange: [-1, 1],
      metrics: ['trainLoss'],
    });
    const bad = grid.values.trainLoss!.find((v) => !Number.isFinite(v));
    if (bad !== undefined)
      throw new Error(`the landscape program gave a non-finite value (${bad})`);
  } finally {
    experiment.problem.dispose();
  }
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300) || 'unknown error';
}

/**
 * Chooses and activates the tfjs backend. `requested` (from the page's URL) is tried first and
 * without the software-renderer rule; when it fails, the automatic order follows.
 */
export async function chooseBackend(
  requested: string | null,
  config: ExperimentConfig,
): Promise<BackendChoice> {
  const fallbacks: Fallback[] = [];
  const candidates: { name: BackendName; forced: boolean }[] = [];
  if (requested !== null) {
    if (isBackendName(requested)) candidates.push({ name: requested, forced: true });
    else
      fallbacks.push({
        name: requested,
        reason: `unknown backend; use one of ${BACKEND_ORDER.join(', ')}`,
      });
  }
  for (const name of BACKEND_ORDER) {
    if (!candidates.some((c) => c.name === name)) candidates.push({ name, forced: false });
  }
  for (const { name, forced } of candidates) {
    try {
      if (!forced && name !== 'cpu' && name !== 'wasm') {
        const software = await softwareRenderer(name);
        if (software) {
          fallbacks.push({ name, reason: software });
          continue;
        }
      }
      await load(name);
      await setBackendWithReason(name);
      await checkGradient();
      await loadDataAssets(config);
      await checkTrainingStep(config);
      await checkLandscape(config);
      return { name, fallbacks };
    } catch (error) {
      fallbacks.push({ name, reason: reasonOf(error) });
      try {
        if (tf.findBackend(name)) tf.removeBackend(name);
      } catch {
        // a backend that never started has nothing to free
      }
    }
  }
  throw new Error(
    `no tfjs backend could run here: ${fallbacks.map((f) => `${f.name}: ${f.reason}`).join('; ')}`,
  );
}
