/**
 * Giving the event loop a turn during a long analysis. On the cpu and wasm backends a tensor's
 * `data()` resolves without a macrotask, so an analysis that only awaits tensors never lets a
 * message in (Cancel, Reset, a newer job, pause): the worker would answer them only when it ends.
 */

/** How long an analysis runs before it yields (ms). */
export const YIELD_MS = 10;

/**
 * A function to await after every unit of work: it yields to the event loop (one macrotask) when
 * more than `everyMs` have passed since the last time it did, and otherwise returns at once.
 */
export function eventLoopYielder(everyMs = YIELD_MS): () => Promise<void> {
  let yielded = performance.now();
  return async () => {
    if (performance.now() - yielded <= everyMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    yielded = performance.now();
  };
}
