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
import { useCallback, useEffect, useRef, useState } from 'react';
import { AdaptiveResolution } from './adaptive-resolution';
import { DeferredPresenter } from './deferred-present';
import type { FrameEvents } from './frame-events';
import { isSoftwareWebGL } from './renderer';

/** The highest drawing-buffer scale: the display's own, at most 2 (beyond it nobody sees more). */
export function maxDrawingScale(): number {
  return Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
}

/** How long a frame waits for the report of a long task containing it (ms). */
const REPORT_MS = 1000;

/**
 * Whether frames are shown only once the GPU has drawn them (./deferred-present.ts): on a software
 * GPU with WebGL 2, where the browser's software compositor would otherwise make the main thread
 * wait for every frame's rasterisation. Hardware GPUs composite on the GPU and draw directly.
 */
function deferredPresenter(context: WebGLRenderingContext | WebGL2RenderingContext) {
  const webgl2 =
    typeof WebGL2RenderingContext !== 'undefined' && context instanceof WebGL2RenderingContext;
  return webgl2 && isSoftwareWebGL() ? new DeferredPresenter(context) : null;
}

export function AdaptiveDpr({
  onScale,
  frames,
}: {
  onScale: (scale: number) => void;
  /** Told of every frame drawn, and (through what its listeners return) when it is shown. */
  frames: FrameEvents;
}) {
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
  // Frames drawn offscreen and shown once the GPU is done (software GPUs; null: drawn directly).
  const [presenter] = useState(() => deferredPresenter(gl.getContext()));
  // A frame asked for while one was in flight, or in the animation frame that showed one: drawn
  // in the next task. (Not in the same animation frame: the commit that reads the shown frame
  // back would wait for the GPU to draw the next one first, since its commands run in order.)
  const wanted = useRef(false);
  const settling = useRef(false);
  const polling = useRef(0);
  const poll = useCallback(
    function poll(shown: () => void) {
      polling.current = 0;
      if (!presenter) return;
      const latency = presenter.poll();
      if (latency === null && presenter.inFlight) {
        polling.current = requestAnimationFrame(() => poll(shown));
        return;
      }
      if (latency === null) {
        // Dropped (the canvas was resized, or the context lost): draw again.
        wanted.current = true;
      } else {
        shown();
        gl.domElement.dataset.presentMs = latency.toFixed(1);
      }
      settling.current = true;
      setTimeout(() => {
        settling.current = false;
        if (wanted.current) {
          wanted.current = false;
          invalidate();
        }
      }, 0);
    },
    [presenter, gl, invalidate],
  );
  useEffect(() => {
    const canvas = gl.domElement;
    const restored = () => presenter?.contextRestored();
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      canvas.removeEventListener('webglcontextrestored', restored);
      cancelAnimationFrame(polling.current);
      presenter?.dispose();
    };
  }, [gl, presenter]);
  // Priority 1: this callback renders the frame (r3f then skips its own render).
  useFrame(({ gl, scene, camera }) => {
    if (presenter && (presenter.inFlight || settling.current)) {
      wanted.current = true;
      return;
    }
    const start = performance.now();
    if (presenter) {
      presenter.draw(() => gl.render(scene, camera));
      const shown = frames.frameDrawn();
      polling.current = requestAnimationFrame(() => poll(shown));
    } else {
      gl.render(scene, camera);
      frames.frameDrawn()();
    }
    pending.push({ start, took: performance.now() - start });
    // A frame no long task claimed within REPORT_MS was a short task.
    while (pending.length && (pending.length > 16 || start - pending[0]!.start > REPORT_MS))
      record(pending.shift()!.took);
  }, 1);
  return null;
}
