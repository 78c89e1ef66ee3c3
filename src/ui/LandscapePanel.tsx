/**
 * The landscape card: the toolbar and the two drawings of the store's landscape (3-D surface or
 * top-down contour map). Both stay mounted once there is a landscape, so switching views keeps the
 * WebGL context and the camera; the hidden one draws nothing. The 3-D view's code is loaded lazily.
 */
import type { RootState } from '@react-three/fiber';
import { Suspense, lazy } from 'react';
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
}

export function LandscapePanel({
  emptyMessage = 'The loss landscape appears here once it has been computed.',
  onFirstFrame,
  onCreated,
  showScrubber = true,
}: LandscapePanelProps) {
  const viewMode = useAppStore((s) => s.viewMode);
  const hasLandscape = useAppStore((s) => s.landscape !== null);
  return (
    <div className="landscape-panel" data-testid="landscape-panel" data-view={viewMode}>
      {hasLandscape ? (
        <>
          <LandscapeControls showScrubber={showScrubber} />
          <div className="landscape-view" hidden={viewMode !== '3d'}>
            <Suspense fallback={<div className="landscape-empty">Loading the 3-D view…</div>}>
              <LandscapeScene onFirstFrame={onFirstFrame} onCreated={onCreated} />
            </Suspense>
          </div>
          <div className="landscape-view" hidden={viewMode !== 'contour'}>
            <ContourMap />
          </div>
        </>
      ) : (
        <div className="landscape-empty" data-testid="landscape-empty">
          {emptyMessage}
        </div>
      )}
    </div>
  );
}
