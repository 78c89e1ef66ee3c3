/**
 * Yields to the event loop for one task, without the 4 ms clamp that browsers put on nested
 * `setTimeout(0)` calls: a loop that trains and records every update and yields between them
 * would otherwise be held to 250 updates per second whatever the playback speed. Messages
 * (pause, a new view, frame acknowledgements) are handled in between, as with a timer.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves in a new task (setImmediate in Node, a MessageChannel message in a worker). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** Resolves after `ms` milliseconds, or in the next task when there is nothing to wait for. */
export function sleep(ms: number): Promise<void> {
  return ms >= 1 ? new Promise((resolve) => setTimeout(resolve, ms)) : nextTask();
}
