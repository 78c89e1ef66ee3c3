/**
 * The 3-D view's life with its WebGL context and its frame budget: context loss and restoration
 * (with what the view says meanwhile), and the pacing of frames asked for by data.
 */
import { useThree } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FramePacer } from './frame-pacer';

/** How long the 3-D view waits for a lost WebGL context to come back before saying so (ms). */
export const CONTEXT_RESTORE_MS = 8000;

/** 'ok'; 'lost' while the browser may give the context back; 'gone' when it did not in time. */
export type ContextState = 'ok' | 'lost' | 'gone';

/** The context state and a `recreate` that mounts a new canvas (`canvasKey` changes). */
export function useContextState(): {
  context: ContextState;
  canvasKey: number;
  onContext: (lost: boolean) => void;
  recreate: () => void;
} {
  const [context, setContext] = useState<ContextState>('ok');
  const [canvasKey, setCanvasKey] = useState(0);
  const onContext = useCallback((lost: boolean) => setContext(lost ? 'lost' : 'ok'), []);
  const recreate = useCallback(() => {
    setCanvasKey((k) => k + 1);
    setContext('ok');
  }, []);
  useEffect(() => {
    if (context !== 'lost') return;
    const timer = setTimeout(() => setContext('gone'), CONTEXT_RESTORE_MS);
    return () => clearTimeout(timer);
  }, [context]);
  return { context, canvasKey, onContext, recreate };
}

/**
 * Reports WebGL context loss and restoration (inside the Canvas). three.js keeps the context
 * restorable and re-uploads its buffers on restore; this redraws the picture then.
 */
export function ContextWatch({ onChange }: { onChange: (lost: boolean) => void }) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    const lost = (event: Event) => {
      event.preventDefault();
      onChange(true);
    };
    const restored = () => {
      onChange(false);
      invalidate();
    };
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    };
  }, [gl, invalidate, onChange]);
  return null;
}

/** What the view shows over the canvas while its context is lost or gone. */
export function ContextLostMessage({
  context,
  recreate,
}: {
  context: ContextState;
  recreate: () => void;
}) {
  if (context === 'ok') return null;
  return (
    <div className="scene-context-lost" role="alert" data-testid="context-lost">
      {context === 'lost' ? (
        <p>
          The 3-D view lost its graphics context (the GPU was reset or is busy elsewhere). Waiting
          for the browser to give it back; training goes on.
        </p>
      ) : (
        <>
          <p>
            The browser has not given the 3-D view its graphics context back. The contour map still
            works; or create the 3-D view again.
          </p>
          <button type="button" className="button" onClick={recreate}>
            Create the 3-D view again
          </button>
        </>
      )}
    </div>
  );
}

/** A `request()` for data-driven frames, paced by the scene's measured frame time (inside the Canvas). */
export function useFramePacer(): () => void {
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const pacer = useMemo(() => new FramePacer(invalidate), [invalidate]);
  useEffect(() => {
    scene.onBeforeRender = () => pacer.frameStarted();
    scene.onAfterRender = () => pacer.frameEnded();
    return () => {
      scene.onBeforeRender = () => undefined;
      scene.onAfterRender = () => undefined;
      pacer.dispose();
    };
  }, [scene, pacer]);
  return useCallback(() => pacer.request(), [pacer]);
}
