/**
 * The 3-D view's adaptive resolution and frame presentation (inside the Canvas): takes over r3f's
 * render call and feeds `AdaptiveResolution` each frame's cost.
 *
 * Drawn directly (the usual way), a frame's cost is its main-thread cost: the duration of the long
 * task (> 50 ms, PerformanceObserver 'longtask') that contained the frame where there is one (under
 * SwiftShader most of a frame's cost is spent outside `gl.render`: the compositor's read-back waits
 * for the GPU process to rasterise it), else the ms of `gl.render` itself.
 *
 * On a software GPU (WebGL 2), while the session trains (the GPU process then shares the CPU with
 * the training worker, and a frame's rasterisation took 0.1–1 s) and while the user orbits or
 * zooms (a pointer pressed on the canvas, or a wheel turn, and `INTERACTION_LINGER_MS` after: frames
 * then come faster than the compositor's read-back of the last one, 50–100 ms tasks when drawn
 * directly), frames are drawn offscreen and shown once the GPU is done (./deferred-present.ts), so
 * the main thread never waits for the GPU; one frame is in flight at a time (frames asked for
 * meanwhile merge into the next, which is deferred as well). A deferred frame's cost is the larger
 * of its `gl.render` ms and its latency (drawn → shown: the GPU's time, polled every `POLL_MS`), so
 * the resolution follows what the GPU costs the machine. Otherwise (paused and untouched), frames
 * are drawn directly (one frame per change, as on a hardware GPU).
 *
 * Before each frame, programs of materials new to the scene are compiled in the background
 * (./shader-warmup.ts), so that objects shown later do not wait for a shader link when first drawn;
 * while frames are deferred, a frame with new materials is drawn once their programs are linked.
 *
 * It reports a new drawing-buffer scale through `onScale` (the owner passes it back as the
 * Canvas's `dpr`, so a re-render of the Canvas keeps it). The canvas element carries the figures
 * for tests and curious users: `data-frame-ms` (the last frame's cost), `data-scale` (the scale
 * drawn at) and, for deferred frames, `data-present-ms` (the last one's latency).
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useRef, useState } from 'react';
import { AdaptiveResolution } from './adaptive-resolution';
import { DeferredPresenter } from './deferred-present';
import type { FrameEvents } from './frame-events';
import { isSoftwareWebGL } from './renderer';
import { ShaderWarmup } from './shader-warmup';
import { useAppStore } from '../state/store';

/** The highest drawing-buffer scale: the display's own, at most 2 (beyond it nobody sees more). */
export function maxDrawingScale(): number {
  return Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
}

/** How long a frame waits for the report of a long task containing it (ms). */
const REPORT_MS = 1000;
/** How often a deferred frame's fence is polled (ms). */
const POLL_MS = 4;
/** How long after the last pointer release or wheel turn on the canvas frames stay deferred (ms). */
const INTERACTION_LINGER_MS = 1000;

/**
 * The presenter of deferred frames (./deferred-present.ts) on a software GPU with WebGL 2, where the
 * browser's software compositor makes the main thread wait for every frame's rasterisation; null
 * on hardware GPUs (they composite on the GPU: frames are always drawn directly).
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
  // Frames drawn offscreen and shown once the GPU is done (software GPUs; null: drawn directly),
  // while training.
  const [presenter] = useState(() => deferredPresenter(gl.getContext()));
  const training = useRef(false);
  training.current = useAppStore((s) => s.session?.playing ?? false);
  // The user orbits or zooms: a pointer is pressed on the canvas, or was released (or the wheel
  // turned) less than INTERACTION_LINGER_MS ago (`interactedAt`, ms).
  const pressed = useRef(false);
  const interactedAt = useRef(-Infinity);
  const interacting = () =>
    pressed.current || performance.now() - interactedAt.current < INTERACTION_LINGER_MS;
  useEffect(() => {
    if (!presenter) return;
    const canvas = gl.domElement;
    const press = () => {
      pressed.current = true;
      interactedAt.current = performance.now();
    };
    const release = () => {
      if (!pressed.current) return;
      pressed.current = false;
      interactedAt.current = performance.now();
    };
    const wheel = () => (interactedAt.current = performance.now());
    canvas.addEventListener('pointerdown', press);
    canvas.addEventListener('wheel', wheel, { passive: true });
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      canvas.removeEventListener('pointerdown', press);
      canvas.removeEventListener('wheel', wheel);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, [gl, presenter]);
  // A frame asked for while one was in flight, or before the commit after one was shown: drawn
  // then. (Not before that commit: reading the shown frame back would wait for the GPU to draw
  // the next one first, since its commands run in order.)
  const wanted = useRef(false);
  // The wanted frame was asked for while frames were deferred: it is deferred as well (drawn
  // directly, its read-back would wait for the GPU on the main thread).
  const wantedDeferred = useRef(false);
  const settling = useRef(false);
  const polling = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const poll = useCallback(
    function poll(shown: () => void, took: number) {
      polling.current = undefined;
      if (!presenter) return;
      const latency = presenter.poll();
      if (latency === null && presenter.inFlight) {
        polling.current = setTimeout(() => poll(shown, took), POLL_MS);
        return;
      }
      if (latency === null) {
        // Dropped (the canvas was resized, or the context lost): draw again.
        wanted.current = true;
        wantedDeferred.current = true;
      } else {
        shown();
        gl.domElement.dataset.presentMs = latency.toFixed(1);
        record(Math.max(took, latency));
      }
      settling.current = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          settling.current = false;
          if (wanted.current) {
            wanted.current = false;
            invalidate();
          }
        }, 0),
      );
    },
    [presenter, gl, invalidate, record],
  );
  useEffect(() => {
    const canvas = gl.domElement;
    const restored = () => presenter?.contextRestored();
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      canvas.removeEventListener('webglcontextrestored', restored);
      clearTimeout(polling.current);
      presenter?.dispose();
    };
  }, [gl, presenter]);
  // Programs of materials new to the scene are compiled before their first draw (./shader-warmup.ts).
  // While frames are deferred, a frame that would draw a program still linking waits for the link
  // (drawn, its first use would wait for it on the main thread).
  const [warmup] = useState(() => new ShaderWarmup());
  const linking = useRef(false);
  // Priority 1: this callback renders the frame (r3f then skips its own render).
  useFrame(({ gl, scene, camera }) => {
    const deferred =
      presenter !== null && (training.current || interacting() || wantedDeferred.current);
    const linked = warmup.check(gl, scene, camera);
    if (linked && deferred) {
      linking.current = true;
      void linked.then(() => {
        linking.current = false;
        invalidate();
      });
    }
    if (deferred && linking.current) return;
    if (deferred && (presenter.inFlight || settling.current)) {
      wanted.current = true;
      wantedDeferred.current = true;
      return;
    }
    wantedDeferred.current = false;
    const start = performance.now();
    if (deferred) {
      presenter.draw(() => gl.render(scene, camera));
      const shown = frames.frameDrawn();
      const took = performance.now() - start;
      polling.current = setTimeout(() => poll(shown, took), POLL_MS);
      return;
    }
    if (presenter?.inFlight) {
      // Back to drawing directly: the deferred frame would be shown over this newer one.
      presenter.discard();
      clearTimeout(polling.current);
    }
    gl.render(scene, camera);
    frames.frameDrawn()();
    pending.push({ start, took: performance.now() - start });
    // A frame no long task claimed within REPORT_MS was a short task.
    while (pending.length && (pending.length > 16 || start - pending[0]!.start > REPORT_MS))
      record(pending.shift()!.took);
  }, 1);
  return null;
}
