/**
 * Coalesces the worker's snapshot frames on the page: frames are queued as they arrive and handed
 * to `apply` together, in arrival order, at most once per `minIntervalMs` and always on an
 * animation frame. One batch is one store update, hence one React render of the panels and one
 * layout, however many frames the worker sent meanwhile (at 60 frames/s, four per batch at the
 * default 66 ms ≈ 15 batches/s). Nothing is dropped: every frame pushed is in exactly one batch.
 *
 * `push` returns a promise that resolves once the frame's batch has been applied (inside the
 * animation-frame callback, so before the browser paints it): the worker's backpressure
 * acknowledgement. `flush()` applies what is queued at once (before any other message of the
 * worker, a pause, an export), so that the order of updates is the order of the messages.
 *
 * Where there are no animation frames (Node, the unit tests of the controller) every push is
 * applied at once, as a batch of one, and acknowledged immediately (`push` returns undefined).
 */

/** The clock and timers the batcher uses (the browser's by default; tests pass their own). */
export interface FrameClock {
  now(): number;
  /** Calls back before the next paint; null where there is none (every push is applied at once). */
  requestFrame: ((callback: () => void) => void) | null;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The browser's clock: performance.now, requestAnimationFrame, setTimeout. */
export function browserClock(): FrameClock {
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : null;
  return {
    now: () => performance.now(),
    requestFrame: raf ? (callback) => void raf(() => callback()) : null,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** Default spacing of batches (ms): ≈ 15 store updates per second while frames stream in. */
export const FRAME_BATCH_INTERVAL_MS = 66;

export class FrameBatcher<T> {
  private queue: T[] = [];
  private waiting: (() => void)[] = [];
  /** When the last batch was applied (clock ms), −∞ before the first. */
  private lastApplied = -Infinity;
  /** A timer or animation frame is on its way to apply the queue. */
  private scheduled = false;
  private timer: unknown = null;
  /** Bumped by flush/dispose: a scheduled callback of an older generation does nothing. */
  private generation = 0;
  private disposed = false;
  /** Batches applied so far, and frames in them (for tests and the page's figures). */
  batches = 0;
  frames = 0;

  constructor(
    private readonly apply: (batch: T[]) => void,
    private readonly clock: FrameClock = browserClock(),
    private readonly minIntervalMs = FRAME_BATCH_INTERVAL_MS,
  ) {
    if (!(minIntervalMs >= 0)) {
      throw new RangeError(`minIntervalMs: must be ≥ 0 (got ${minIntervalMs})`);
    }
  }

  /** Frames waiting for their batch. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * Queues a frame; resolves when its batch has been applied (or the batcher disposed). Without
   * animation frames the frame is applied now and nothing is returned.
   */
  push(frame: T): Promise<void> | undefined {
    if (this.disposed) return undefined;
    if (!this.clock.requestFrame) {
      this.queue.push(frame);
      this.flush();
      return undefined;
    }
    this.queue.push(frame);
    const done = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.schedule();
    return done;
  }

  /** Applies every queued frame now (nothing when none is queued). */
  flush(): void {
    if (this.queue.length === 0) return;
    this.cancelScheduled();
    const batch = this.queue;
    const waiting = this.waiting;
    this.queue = [];
    this.waiting = [];
    this.lastApplied = this.clock.now();
    this.batches++;
    this.frames += batch.length;
    try {
      this.apply(batch);
    } finally {
      for (const resolve of waiting) resolve();
    }
  }

  /** Drops the queue (its frames' promises resolve) and applies nothing more. */
  dispose(): void {
    this.disposed = true;
    this.cancelScheduled();
    this.queue = [];
    for (const resolve of this.waiting) resolve();
    this.waiting = [];
  }

  private cancelScheduled(): void {
    this.generation++;
    this.scheduled = false;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const generation = this.generation;
    const onFrame = () => {
      if (generation !== this.generation) return;
      this.scheduled = false;
      this.flush();
    };
    const wait = this.lastApplied + this.minIntervalMs - this.clock.now();
    if (wait <= 0) {
      this.clock.requestFrame!(onFrame);
      return;
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      if (generation !== this.generation) return;
      this.clock.requestFrame!(onFrame);
    }, wait);
  }
}
