import type { Problem } from '../problems/problem';
import { tf, type Tensor1D } from '../tf';
import { GenericPlaneEvaluator, planeEvaluator } from './evaluators';
import { computeHostGrid } from './host-grid';
import { hostPlaneApplies } from './host-plane';
import type { LandscapeMetric, PlaneEvaluator } from './metrics';
import type { Plane } from './plane';

/** Grid resolution limits (points per axis). */
export const GRID_MIN = 5;
export const GRID_MAX = 201;

/**
 * n coordinates from lo to hi, lo + (hi − lo)·i/(n − 1), computed from the integer index (no
 * floating-point accumulation); the last one is exactly hi.
 */
export function gridCoordinates(n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/**
 * Axis ranges that contain the origin (the plane's centre) and every projected point, widened by
 * `margin` × the extent on each side (and to at least ±minHalfWidth).
 */
export function fitRanges(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  margin = 0.2,
  minHalfWidth = 0.05,
): { aRange: [number, number]; bRange: [number, number] } {
  const fit = (v: ArrayLike<number>): [number, number] => {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i]!)) continue;
      lo = Math.min(lo, v[i]!);
      hi = Math.max(hi, v[i]!);
    }
    const pad = Math.max((hi - lo) * margin, 1e-12);
    lo -= pad;
    hi += pad;
    const mid = (lo + hi) / 2;
    if (hi - mid < minHalfWidth) return [mid - minHalfWidth, mid + minHalfWidth];
    return [lo, hi];
  };
  return { aRange: fit(a), bRange: fit(b) };
}

/** Device memory, in float32 values, that one chunk may use on each backend. */
export function chunkBudgetFloats(backend: string): number {
  switch (backend) {
    case 'webgpu':
      return 2 ** 24; // well under the default 128 MiB maxStorageBufferBindingSize per tensor
    case 'webgl':
      return 2 ** 24;
    case 'wasm':
      return 2 ** 24; // 64 MiB of the wasm heap
    default:
      return 2 ** 23;
  }
}

/** Grid points per chunk: as many as fit the backend's budget. */
export function chooseChunkSize(floatsPerPoint: number, backend: string, total: number): number {
  const budget = chunkBudgetFloats(backend);
  if (floatsPerPoint > budget) {
    throw new RangeError(
      `One grid point needs ${(floatsPerPoint * 4) / 2 ** 20} MiB on the ${backend} backend, ` +
        `which allows ${(budget * 4) / 2 ** 20} MiB per chunk: use fewer data points or a smaller model.`,
    );
  }
  return Math.max(1, Math.min(total, Math.floor(budget / floatsPerPoint)));
}

/** A request for L(c + a·d₁ + b·d₂) on an n×n grid. */
export interface LandscapeRequest {
  problem: Problem;
  plane: Plane;
  /** Points per axis, GRID_MIN … GRID_MAX. */
  n: number;
  aRange: [number, number];
  bRange: [number, number];
  metrics: readonly LandscapeMetric[];
  /** Grid points per batched evaluation; default from the backend's memory budget. */
  chunkSize?: number;
  /**
   * 'fast' (default): the host program on worker threads for MLPs on the CPU backends
   * (`host-grid.ts`), else the problem's tensor evaluator; 'tensor': the tensor evaluator
   * (`MlpPlaneEvaluator` for MLPs); 'generic': θ rows for any problem.
   */
  evaluator?: 'fast' | 'tensor' | 'generic';
  /** The host program's threads: 1 = this thread only; default: the shared worker pool. */
  threads?: number;
  /** Cancels between chunks. */
  signal?: AbortSignal;
  /** Called after every chunk with the number of grid points done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** An evaluated grid. Values are row-major [n_b, n_a]: the value at (a[i], b[j]) is at j·n + i. */
export interface LandscapeGrid {
  n: number;
  /** Coordinates along d₁ [n] and d₂ [n]. */
  a: Float32Array;
  b: Float32Array;
  values: Partial<Record<LandscapeMetric, Float32Array>>;
  /** The chunk size used. */
  chunkSize: number;
  /** Threads that evaluated it (1: this thread). */
  threads: number;
}

/** Thrown when a landscape computation is cancelled through its signal. */
export class LandscapeCancelled extends Error {
  constructor() {
    super('landscape computation cancelled');
    this.name = 'AbortError';
  }
}

/** Longest stretch (ms) a grid computation runs without giving the event loop a turn. */
const YIELD_MS = 10;

/**
 * Evaluates the metrics on the grid in batched chunks of grid points (one program per chunk),
 * reporting progress per chunk and checking the signal between chunks. Leaves no tensors behind,
 * also when cancelled or failing.
 */
export async function computeLandscape(request: LandscapeRequest): Promise<LandscapeGrid> {
  const { n, problem, plane, metrics, signal } = request;
  if (!Number.isInteger(n) || n < GRID_MIN || n > GRID_MAX) {
    throw new RangeError(
      `grid resolution must be a whole number from ${GRID_MIN} to ${GRID_MAX}, got ${n}`,
    );
  }
  for (const [name, [lo, hi]] of [
    ['a', request.aRange],
    ['b', request.bRange],
  ] as const) {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
      throw new RangeError(`the ${name} range must be finite with min < max, got [${lo}, ${hi}]`);
    }
  }
  const a = gridCoordinates(n, request.aRange[0], request.aRange[1]);
  const b = gridCoordinates(n, request.bRange[0], request.bRange[1]);
  const total = n * n;
  const backend = tf.getBackend();
  if ((request.evaluator ?? 'fast') === 'fast' && hostPlaneApplies(problem, backend)) {
    if (signal?.aborted) throw new LandscapeCancelled();
    const host = await computeHostGrid({ ...request, problem, a, b, backend });
    if (!host.values) throw new LandscapeCancelled();
    return { n, a, b, values: host.values, chunkSize: host.chunkSize, threads: host.threads };
  }
  const evaluator: PlaneEvaluator =
    request.evaluator === 'generic'
      ? new GenericPlaneEvaluator(problem, plane)
      : planeEvaluator(problem, plane);
  try {
    const chunkSize =
      request.chunkSize ?? chooseChunkSize(evaluator.floatsPerPoint, tf.getBackend(), total);
    const values: Partial<Record<LandscapeMetric, Float32Array>> = {};
    for (const metric of metrics) values[metric] = new Float32Array(total);
    const chunkA = new Float32Array(chunkSize);
    const chunkB = new Float32Array(chunkSize);
    let yielded = performance.now();
    for (let start = 0; start < total; start += chunkSize) {
      // On cpu and wasm `data()` resolves without giving the event loop a turn: yield to it
      // (a macrotask) every ~10 ms so that messages (pause, reset, a newer job) get in.
      if (performance.now() - yielded > YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        yielded = performance.now();
      }
      if (signal?.aborted) throw new LandscapeCancelled();
      const end = Math.min(total, start + chunkSize);
      const g = end - start;
      for (let k = 0; k < g; k++) {
        const index = start + k;
        chunkA[k] = a[index % n]!;
        chunkB[k] = b[Math.floor(index / n)]!;
      }
      const results = tf.tidy(() =>
        evaluator.evaluate(
          tf.tensor1d(chunkA.subarray(0, g)),
          tf.tensor1d(chunkB.subarray(0, g)),
          metrics,
        ),
      );
      try {
        const data = await Promise.all(results.map((t: Tensor1D) => t.data()));
        metrics.forEach((metric, i) => values[metric]!.set(data[i] as Float32Array, start));
      } finally {
        tf.dispose(results);
      }
      if (signal?.aborted) throw new LandscapeCancelled();
      request.onProgress?.(end, total);
    }
    return { n, a, b, values, chunkSize, threads: 1 };
  } finally {
    evaluator.dispose();
  }
}

/**
 * A 1-D slice L(c + t·d) at the given t values (e.g. linear interpolation between two minima
 * with c = θ_A, d = θ_B − θ_A, t ∈ [−0.5, 1.5]); one batched evaluation. Returns one [T] array
 * per metric.
 */
export async function computeSlice(
  problem: Problem,
  centre: Float32Array,
  direction: Float32Array,
  ts: Float32Array,
  metrics: readonly LandscapeMetric[],
): Promise<Partial<Record<LandscapeMetric, Float32Array>>> {
  const evaluator = planeEvaluator(problem, {
    centre,
    d1: direction,
    d2: new Float32Array(centre.length),
  });
  try {
    const results = tf.tidy(() =>
      evaluator.evaluate(tf.tensor1d(ts), tf.zeros([ts.length]), metrics),
    );
    try {
      const data = await Promise.all(results.map((t) => t.data()));
      const out: Partial<Record<LandscapeMetric, Float32Array>> = {};
      metrics.forEach((metric, i) => (out[metric] = Float32Array.from(data[i] as Float32Array)));
      return out;
    } finally {
      tf.dispose(results);
    }
  } finally {
    evaluator.dispose();
  }
}
