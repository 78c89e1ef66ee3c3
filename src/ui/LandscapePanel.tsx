/**
 * The landscape card: the toolbar and the two drawings of the store's landscape (3-D surface or
 * top-down contour map). Both stay mounted once there is a landscape, so switching views keeps the
 * WebGL context and the camera; the hidden one draws nothing. The 3-D view's code is loaded lazily.
 */
import type { RootState } from '@react-three/fiber';
import { Suspense, lazy, useEffect, useState } from 'react';
import { ContourMap } from '../scene/ContourMap';
import { useAppStore } from '../state/store';
import { LandscapeControls } from './LandscapeControls';
import './landscape.css';

// three.js and react-three-fiber (~200 KB gzipped) load only once there is a landscape to draw.
const LandscapeScene = lazy(() =>
  import('../scene/LandscapeScene').then((m) => ({ default: m.LandscapeScene })),
);

export interface LandscapePanelProps {
  /** Shown while the store holds no landscape. */
  emptyMessage?: string;
  onFirstFrame?: (state: RootState) => void;
  onCreated?: (state: RootState) => void;
  /** Show the toolbar's timeline scrubber (off where a transport bar has one). */
  showScrubber?: boolean;
  /** Show the toolbar (off where the host shows `LandscapeControls` in its own toolbar). */
  showControls?: boolean;
  /** CSS height of the 3-D view (default 600 px; '100%' fills a sized container). */
  sceneHeight?: number | string;
}

export function LandscapePanel({
  emptyMessage = 'The loss landscape appears here once it has been computed.',
  onFirstFrame,
  onCreated,
  showScrubber = true,
  showControls = true,
  sceneHeight = 600,
}: LandscapePanelProps) {
  const viewMode = useAppStore((s) => s.viewMode);
  // The document's colour map (a link may set it).
  const colormap = useAppStore((s) => s.colormap);
  const hasLandscape = useAppStore((s) => s.landscape !== null);
  // Once drawn, the views stay mounted (the WebGL context and camera survive a new experiment);
  // while there is no landscape an opaque cover hides them, so no old picture shows through.
  const [mounted, setMounted] = useState(hasLandscape);
  useEffect(() => {
    if (hasLandscape) setMounted(true);
  }, [hasLandscape]);
  const empty = (
    <div
      className={mounted ? 'landscape-empty landscape-cover' : 'landscape-empty'}
      data-testid="landscape-empty"
    >
      {emptyMessage}
    </div>
  );
  return (
    <div className="landscape-panel" data-testid="landscape-panel" data-view={viewMode}>
      {hasLandscape || mounted ? (
        <>
          {showControls && <LandscapeControls showScrubber={showScrubber} />}
          <div className="landscape-stage">
            <div className="landscape-view" hidden={viewMode !== '3d'}>
              <Suspense fallback={<div className="landscape-empty">Loading the 3-D view…</div>}>
                <LandscapeScene
                  height={sceneHeight}
                  onFirstFrame={onFirstFrame}
                  onCreated={onCreated}
                  colormap={colormap}
                  active={viewMode === '3d'}
                />
              </Suspense>
            </div>
            <div className="landscape-view" hidden={viewMode !== 'contour'}>
              <ContourMap colormap={colormap} active={viewMode === 'contour'} />
            </div>
            {!hasLandscape && empty}
          </div>
        </>
      ) : (
        empty
      )}
    </div>
  );
}
