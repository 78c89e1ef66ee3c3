import { simdModule } from './host-plane';
import { hostPlaneProgram, type HostPlaneData, type HostPlaneMetric } from './host-plane-program';
import { planeWorkerMain, type PlaneWorkerReply, type PlaneWorkerRequest } from './plane-worker';

/** One thread of the pool, whatever the platform (Node's worker_threads or a Web Worker). */
interface PlaneThread {
  post(message: PlaneWorkerRequest, transfer?: Transferable[]): void;
  /** Keeps a Node process alive while work is pending (no-op in browsers). */
  hold(held: boolean): void;
  terminate(): Promise<void>;
}

/** Listeners a thread reports to. */
interface ThreadListeners {
  reply(message: PlaneWorkerReply): void;
  fail(error: Error): void;
}

/**
 * A Node worker's source: the self-contained program and worker body (their source text), wired
 * to worker_threads' parentPort. (In browsers the pool starts `plane-worker.entry.ts`, a module
 * the bundler builds: the app's Content Security Policy allows workers from its own origin only.)
 */
function nodeWorkerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
const port = {
  onMessage: (f) => parentPort.on('message', f),
  post: (m, t) => parentPort.postMessage(m, t),
};
const makeProgram = ${hostPlaneProgram.toString()};
const main = ${planeWorkerMain.toString()};
main(makeProgram, port);
`;
}

type NodeWorkerThreads = typeof import('node:worker_threads');

/** Node's worker_threads, or undefined outside Node (no import: the browser bundle stays clean). */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
  return proc.getBuiltinModule('node:worker_threads');
}

/** Hardware threads available to this process. */
export function availableThreads(): number {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (proc?.versions?.node && typeof proc.getBuiltinModule === 'function') {
    const os = proc.getBuiltinModule('node:os');
    return typeof os.availableParallelism === 'function'
      ? os.availableParallelism()
      : os.cpus().length;
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

function spawnThread(listeners: ThreadListeners): PlaneThread | null {
  const threads = nodeWorkerThreads();
  if (threads) {
    const worker = new threads.Worker(nodeWorkerSource(), { eval: true });
    worker.unref();
    worker.on('message', (m: PlaneWorkerReply) => listeners.reply(m));
    worker.on('error', (e: Error) => listeners.fail(e));
    worker.on('exit', (code: number) =>
      listeners.fail(new Error(`plane worker exited (code ${code})`)),
    );
    return {
      post: (m, t) => worker.postMessage(m, (t ?? []) as ArrayBuffer[]),
      hold: (held) => (held ? worker.ref() : worker.unref()),
      terminate: async () => {
        await worker.terminate();
      },
    };
  }
  if (typeof Worker !== 'function') return null;
  const worker = new Worker(new URL('./plane-worker.entry.ts', import.meta.url), {
    type: 'module',
  });
  worker.onmessage = (e: MessageEvent<PlaneWorkerReply>) => listeners.reply(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    listeners.fail(new Error(`plane worker failed: ${e.message}`));
  };
  return {
    post: (m, t) => worker.postMessage(m, t ?? []),
    hold: () => {},
    terminate: async () => worker.terminate(),
  };
}

/** A task's points and where its results go. */
export interface PlaneTask {
  a: Float32Array;
  b: Float32Array;
  /** Called with one [G] array per metric when the task is done. */
  done(values: Float32Array[]): void;
}

interface Pending {
  resolve(values: Float32Array[]): void;
  reject(error: Error): void;
}

/**
 * A pool of warm worker threads, each holding the SIMD program (`hostPlaneProgram`): a landscape's
 * grid is split into tasks (bands of rows) that the threads take in turn. The plane's data is sent
 * to each thread once per `run`; points and results are transferred, not copied. The threads stay
 * alive between runs (in Node they do not keep the process alive while idle) until `terminate`.
 */
export class PlaneWorkerPool {
  private readonly threads: PlaneThread[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextKey = 0;
  private failure: Error | null = null;
  /** The run in progress (runs queue behind each other). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(size: number, wasmModule: WebAssembly.Module) {
    const listeners: ThreadListeners = {
      reply: (message) => {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if ('error' in message) pending.reject(new Error(message.error));
        else pending.resolve(message.values);
      },
      fail: (error) => {
        this.failure = error;
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      },
    };
    for (let i = 0; i < size; i++) {
      const thread = spawnThread(listeners);
      if (!thread) break;
      thread.post({ type: 'init', wasmModule });
      this.threads.push(thread);
    }
  }

  /** A pool of `size` threads, or null where threads or WebAssembly SIMD are missing. */
  static create(size: number): PlaneWorkerPool | null {
    const wasmModule = simdModule();
    if (!wasmModule || size < 1) return null;
    try {
      const pool = new PlaneWorkerPool(size, wasmModule);
      if (pool.threads.length === size) return pool;
      void pool.terminate();
    } catch {
      // No threads here (a worker could not be started).
    }
    return null;
  }

  /** Whether a thread has died (the pool is then unusable). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Live threads (0 after `terminate`). */
  get size(): number {
    return this.threads.length;
  }

  /**
   * Evaluates the tasks on the threads (each takes the next task when it finishes one). Stops
   * handing out tasks once `shouldStop()` returns true (checked before each), and resolves when
   * every task handed out has finished. Runs queue: one at a time.
   */
  run(
    data: HostPlaneData,
    metrics: readonly HostPlaneMetric[],
    tasks: readonly PlaneTask[],
    shouldStop: () => boolean,
  ): Promise<void> {
    const run = this.queue.then(() => this.runNow(data, metrics, tasks, shouldStop));
    this.queue = run.catch(() => {});
    return run;
  }

  private async runNow(
    data: HostPlaneData,
    metrics: readonly HostPlaneMetric[],
    tasks: readonly PlaneTask[],
    shouldStop: () => boolean,
  ): Promise<void> {
    if (this.threads.length === 0) throw new Error('the plane worker pool has been terminated');
    if (this.failure) throw this.failure;
    const key = ++this.nextKey;
    let next = 0;
    try {
      for (const thread of this.threads) {
        thread.hold(true);
        thread.post({ type: 'plane', key, data });
      }
      // Every thread's loop ends before this returns (no result arrives after it).
      const loops = await Promise.allSettled(
        this.threads.map(async (thread) => {
          while (next < tasks.length && !shouldStop() && !this.failure) {
            const task = tasks[next++]!;
            const id = ++this.nextId;
            const values = await new Promise<Float32Array[]>((resolve, reject) => {
              this.pending.set(id, { resolve, reject });
              thread.post({ type: 'task', id, key, a: task.a, b: task.b, metrics: [...metrics] }, [
                task.a.buffer,
                task.b.buffer,
              ]);
            });
            task.done(values);
          }
        }),
      );
      if (this.failure) throw this.failure;
      for (const loop of loops) if (loop.status === 'rejected') throw loop.reason;
    } finally {
      for (const thread of this.threads) thread.hold(false);
    }
  }

  /** Ends every thread; the pool cannot be used afterwards. */
  async terminate(): Promise<void> {
    const threads = this.threads.splice(0);
    for (const p of this.pending.values()) p.reject(new Error('plane worker pool terminated'));
    this.pending.clear();
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

let shared: PlaneWorkerPool | null | undefined;

/** Threads of the shared pool: one per hardware thread, at most 8; none on one core. */
export function sharedPoolSize(): number {
  return Math.min(8, availableThreads());
}

/** The process's (or worker's) shared pool, created on first use; null where threads are missing
 * or the machine has one core. */
export function sharedPlaneWorkerPool(): PlaneWorkerPool | null {
  if (shared === undefined) {
    const size = sharedPoolSize();
    shared = size > 1 ? PlaneWorkerPool.create(size) : null;
  }
  return shared;
}

/**
 * Terminates the shared pool: the next use starts a new one, or, with `forGood`, none (after a
 * thread died: grids then run on this thread).
 */
export async function terminateSharedPlaneWorkerPool(forGood = false): Promise<void> {
  const pool = shared;
  shared = forGood ? null : undefined;
  await pool?.terminate();
}
