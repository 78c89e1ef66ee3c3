import { MlpProblem } from '../problems/mlp';
import type { Problem, Split } from '../problems/problem';
import { simdModuleBytes } from '../problems/simd-kernels';
import {
  hostPlaneProgram,
  type HostPlaneData,
  type HostPlaneLayer,
  type HostPlaneProgram,
  type HostPlaneSplit,
} from './host-plane-program';
import type { Plane } from './plane';

let compiled: WebAssembly.Module | null | undefined;

/** The compiled SIMD kernels' module, or null where WebAssembly SIMD is missing. */
export function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = simdModuleBytes();
      compiled =
        typeof WebAssembly === 'object' && WebAssembly.validate(bytes)
          ? new WebAssembly.Module(bytes)
          : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

let mainProgram: HostPlaneProgram | null = null;

/** This thread's program (instantiated once), or null without WebAssembly SIMD. */
export function localHostPlaneProgram(): HostPlaneProgram | null {
  if (!mainProgram) {
    const module = simdModule();
    if (!module) return null;
    mainProgram = hostPlaneProgram(module);
  }
  return mainProgram;
}

/**
 * Whether the host program evaluates this problem's planes on this backend: MLPs (and logistic
 * regression; BCE, MSE and softmax cross-entropy) on the CPU backends ('wasm', 'cpu'), where WebAssembly SIMD exists. On the GPU
 * backends the tensor program (`MlpPlaneEvaluator`) stays on the device.
 */
export function hostPlaneApplies(problem: Problem, backend: string): problem is MlpProblem {
  return (
    problem instanceof MlpProblem && (backend === 'wasm' || backend === 'cpu') && !!simdModule()
  );
}

const round4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * The plane's data for `hostPlaneProgram`: per split Q_k = X·W₀,k + 1·b₀,kᵀ for k = c, d₁, d₂,
 * transposed to [h₁, m̃] (computed in float64, stored as float32), and per layer l ≥ 1 the augmented
 * weights [W_l; b_lᵀ] of c, d₁ and d₂. Reads the data tensors once (synchronously: CPU backends).
 * Means are rounded as `backend`'s Mean kernel rounds them (see `HostPlaneData.mean`).
 */
export function prepareHostPlane(
  problem: MlpProblem,
  plane: Plane,
  backend: string,
): HostPlaneData {
  const loss = problem.spec.loss;
  const widths = problem.widths;
  const entries = problem.layout.entries;
  const vectors = [plane.centre, plane.d1, plane.d2];
  const slice = (v: Float32Array, entry: number): Float32Array => {
    const e = entries[entry]!;
    return v.subarray(e.offset, e.offset + e.shape.reduce((x, y) => x * y, 1));
  };
  const d = widths[0]!;
  const h1 = widths[1]!;
  const split = (name: Split): HostPlaneSplit | null => {
    const m = problem.size[name];
    if (m === 0) return null;
    const mPad = round4(m);
    const x = problem.data.x[name].dataSync();
    const q0 = new Float32Array(h1 * mPad);
    const q12 = new Float32Array(2 * h1 * mPad);
    vectors.forEach((v, part) => {
      const w = slice(v, 0);
      const bias = slice(v, 1);
      const out = part === 0 ? q0 : q12.subarray((part - 1) * h1 * mPad, part * h1 * mPad);
      for (let j = 0; j < h1; j++)
        for (let i = 0; i < m; i++) {
          let s = bias[j]!;
          for (let t = 0; t < d; t++) s += x[i * d + t]! * w[t * h1 + j]!;
          out[j * mPad + i] = s;
        }
    });
    return { m, mPad, q0, q12, y: Float32Array.from(problem.data.y[name].dataSync()) };
  };
  const layers: HostPlaneLayer[] = [];
  for (let l = 1; l + 1 < widths.length; l++) {
    const fanIn = widths[l]!;
    const fanOut = widths[l + 1]!;
    const length = round4((fanIn + 1) * fanOut);
    const centre = new Float32Array(length);
    const directions = new Float32Array(2 * length);
    vectors.forEach((v, part) => {
      const out = part === 0 ? centre : directions.subarray((part - 1) * length, part * length);
      out.set(slice(v, 2 * l));
      out.set(slice(v, 2 * l + 1), fanIn * fanOut);
    });
    layers.push({ fanIn, fanOut, length, centre, directions });
  }
  return {
    widths: [...widths],
    activation: problem.spec.activation,
    loss,
    splits: { train: split('train'), test: split('test') },
    layers,
    mean: backend === 'cpu' ? 'reciprocal' : 'quotient',
  };
}
