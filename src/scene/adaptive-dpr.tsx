/**
 * The 3-D view's adaptive resolution (inside the Canvas): takes over r3f's render call to time it
 * and feeds `AdaptiveResolution` the frame's main-thread cost: the duration of the long task
 * (> 50 ms, PerformanceObserver 'longtask') that contained the frame where there is one (under
 * SwiftShader most of a frame's cost is spent outside `gl.render`, waiting on the GPU process),
 * else the ms of `gl.render` itself. It reports a new drawing-buffer
 * scale through `onScale` (the owner passes it back as the Canvas's `dpr`, so a re-render of the
 * Canvas keeps it). The canvas element carries the figures for tests and curious users:
 * `data-frame-ms` (the last frame's render time) and `data-scale` (the scale drawn at).
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useState } from 'react';
import { AdaptiveResolution } from './adaptive-resolution';

/** The highest drawing-buffer scale: the display's own, at most 2 (beyond it nobody sees more). */
export function maxDrawingScale(): number {
  return Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
}

/** How long a frame waits for the report of a long task containing it (ms). */
const REPORT_MS = 1000;

export function AdaptiveDpr({ onScale }: { onScale: (scale: number) => void }) {
  const gl = useThree((s) => s.gl);
  const dpr = useThree((s) => s.viewport.dpr);
  const invalidate = useThree((s) => s.invalidate);
  // Created once per canvas, at the scale it is drawn at (a recreated canvas keeps a lowered one);
  // its first frames compile shaders and upload buffers, so they are not taken as its cost.
  const [controller] = useState(
    () =>
      new AdaptiveResolution({ maxScale: maxDrawingScale(), initialScale: dpr, ignoreFirst: 5 }),
  );
  useEffect(() => {
    gl.domElement.dataset.scale = dpr.toFixed(2);
    invalidate();
  }, [gl, dpr, invalidate]);
  // Recent frames not yet recorded: when each started, and its `gl.render` ms.
  const [pending] = useState<{ start: number; took: number }[]>(() => []);
  const record = useCallback(
    (ms: number) => {
      gl.domElement.dataset.frameMs = ms.toFixed(1);
      const next = controller.record(ms);
      if (next !== null) onScale(next);
    },
    [gl, controller, onScale],
  );
  useEffect(() => {
    if (typeof PerformanceObserver === 'undefined') return;
    if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return;
    const observer = new PerformanceObserver((list) => {
      for (const task of list.getEntries()) {
        const end = task.startTime + task.duration;
        const k = pending.findIndex((f) => f.start >= task.startTime && f.start <= end);
        if (k < 0) continue;
        // Frames before this one were in short tasks: their render time is their cost.
        for (const f of pending.splice(0, k + 1).slice(0, k)) record(f.took);
        record(task.duration);
      }
    });
    observer.observe({ type: 'longtask' });
    return () => observer.disconnect();
  }, [pending, record]);
  // Priority 1: this callback renders the frame (r3f then skips its own render).
  useFrame(({ gl, scene, camera }) => {
    const start = performance.now();
    gl.render(scene, camera);
    pending.push({ start, took: performance.now() - start });
    // A frame no long task claimed within REPORT_MS was a short task.
    while (pending.length && (pending.length > 16 || start - pending[0]!.start > REPORT_MS))
      record(pending.shift()!.took);
  }, 1);
  return null;
}
