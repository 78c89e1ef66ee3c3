import type { MlpProblem } from '../problems/mlp';
import { localHostPlaneProgram, prepareHostPlane } from './host-plane';
import type { HostPlaneMetric } from './host-plane-program';
import type { LandscapeMetric } from './metrics';
import type { Plane } from './plane';
import {
  sharedPlaneWorkerPool,
  terminateSharedPlaneWorkerPool,
  type PlaneTask,
} from './plane-worker-pool';

/** Grid points per task aimed at: ~5–10 ms of one thread's work on the reference MLP. */
const POINTS_PER_TASK = 512;
/** Tasks per thread at least (so that threads finish together on a shared machine). */
const TASKS_PER_THREAD = 4;
/** Longest stretch (ms) the single-threaded loop runs without giving the event loop a turn. */
const YIELD_MS = 10;

let lastThreads = 0;

/** Threads that evaluated the latest host grid (0 before the first): for tests and stats. */
export function lastHostGridThreads(): number {
  return lastThreads;
}

export interface HostGridRequest {
  problem: MlpProblem;
  plane: Plane;
  /** Coordinates along d₁ [n] and d₂ [n]. */
  a: Float32Array;
  b: Float32Array;
  metrics: readonly LandscapeMetric[];
  /** The tfjs backend whose rounding of means the values follow ('cpu' or 'wasm'). */
  backend: string;
  /** 1: this thread only; otherwise the shared worker pool where there is one. */
  threads?: number;
  /** Grid points per task; default: POINTS_PER_TASK, or fewer so that each thread gets
   * TASKS_PER_THREAD tasks. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface HostGridResult {
  /** Row-major [n, n] per metric, or null when cancelled. */
  values: Partial<Record<LandscapeMetric, Float32Array>> | null;
  /** Grid points per task. */
  chunkSize: number;
  /** Threads that evaluated it (1: this thread). */
  threads: number;
}

/**
 * The grid's metrics with the host program (`host-plane-program.ts`): runs of grid points
 * (row-major) are tasks,
 * evaluated by the shared worker pool (both cores) or, with one thread, here between event-loop
 * turns. Every thread runs the same program on the same kernels, so the values do not depend on
 * the number of threads or the band size.
 */
export async function computeHostGrid(request: HostGridRequest): Promise<HostGridResult> {
  const { a, b, metrics, signal } = request;
  const n = a.length;
  const total = n * b.length;
  const pool = request.threads === 1 ? null : sharedPlaneWorkerPool();
  const threads = pool?.size ?? 1;
  const chunkSize =
    request.chunkSize ??
    Math.max(1, Math.min(POINTS_PER_TASK, Math.ceil(total / (threads * TASKS_PER_THREAD))));
  const data = prepareHostPlane(request.problem, request.plane, request.backend);
  const values: Partial<Record<LandscapeMetric, Float32Array>> = {};
  for (const metric of metrics) values[metric] = new Float32Array(total);
  const stop = () => signal?.aborted === true;
  let done = 0;
  /** The coordinates of grid points start … start + count − 1 (row-major). */
  const coordinates = (start: number, count: number): [Float32Array, Float32Array] => {
    const ta = new Float32Array(count);
    const tb = new Float32Array(count);
    for (let k = 0; k < count; k++) {
      ta[k] = a[(start + k) % n]!;
      tb[k] = b[Math.floor((start + k) / n)]!;
    }
    return [ta, tb];
  };
  type Task = PlaneTask & { start: number; count: number; finished: boolean };
  const tasks: Task[] = [];
  for (let start = 0; start < total; start += chunkSize) {
    const count = Math.min(chunkSize, total - start);
    const [ta, tb] = coordinates(start, count);
    const task: Task = {
      a: ta,
      b: tb,
      start,
      count,
      finished: false,
      done: (result) => {
        task.finished = true;
        // A task that finishes after cancellation reports nothing.
        if (stop()) return;
        metrics.forEach((metric, i) => values[metric]!.set(result[i]!, start));
        done += count;
        request.onProgress?.(done, total);
      },
    };
    tasks.push(task);
  }
  const hostMetrics = metrics as readonly HostPlaneMetric[];
  let threadsUsed = threads;
  if (pool) {
    try {
      await pool.run(data, hostMetrics, tasks, stop);
    } catch (error) {
      if (!pool.failed) throw error;
      // A thread died (it could not start, or crashed): no more pools in this process; the
      // tasks left run here.
      await terminateSharedPlaneWorkerPool(true);
      threadsUsed = 1;
    }
  }
  if (threadsUsed === 1) {
    const program = localHostPlaneProgram();
    if (!program) throw new Error('the host plane program needs WebAssembly SIMD');
    let yielded = performance.now();
    for (const task of tasks) {
      if (task.finished) continue;
      if (performance.now() - yielded > YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        yielded = performance.now();
      }
      if (stop()) break;
      // A task handed to a thread that died has its coordinates transferred: make them again.
      const [ta, tb] = coordinates(task.start, task.count);
      task.done(program.evaluate(data, ta, tb, hostMetrics));
    }
  }
  lastThreads = threadsUsed;
  return { values: stop() ? null : values, chunkSize, threads: threadsUsed };
}
