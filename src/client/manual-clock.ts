/**
 * A hand-driven FrameClock for tests: `advance(ms)` moves time and runs the timers due, `frame()`
 * runs the animation-frame callbacks requested so far (one frame of the browser).
 */
import type { FrameClock } from './frame-batcher';

export function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let frames: (() => void)[] = [];
  let ids = 0;
  const clock: FrameClock = {
    now: () => now,
    requestFrame: (callback) => void frames.push(callback),
    setTimer: (run, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.run();
    },
    /** Runs the animation frames requested so far (one frame of the browser). */
    frame() {
      const run = frames;
      frames = [];
      for (const f of run) f();
    },
    get requested() {
      return frames.length;
    },
    get timers() {
      return timers.length;
    },
  };
}
