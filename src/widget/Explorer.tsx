/**
 * The explorer as a component: one store, one session on the page's shared compute worker, the
 * panels (problem and runs, transport and view, the landscape, loss curves, decision boundary or
 * fitted curves). It owns no globals: no `window`, no `document`, no URL; the host page passes
 * what to show and listens through callbacks. Several explorers may share a page.
 */
import { useEffect, useState } from 'react';
import type { AppConfigInput } from '../config/app';
import { createComputeClient } from '../client/compute-client';
import { SessionController } from '../client/controller';
import { createAppStore, StoreProvider, type AppStore } from '../state/store';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ChartsRow } from './ChartsRow';
import { ControlsCard } from './ControlsCard';
import { LandscapeCard } from './LandscapeCard';
import { openDocument } from './open-document';
import { Sidebar } from './Sidebar';
import { StatusHeader } from './StatusHeader';
import type { ExplorerHandle, ReadyDetail, SceneRef } from './types';
import './explorer.css';

export type { ExplorerHandle, ReadyDetail } from './types';

export interface ExplorerProps {
  /**
   * The document to open (read once, at mount): `{ experiment, view, display }`, each part
   * optional (the demo, the PCA plane of the paths, the 3-D view). An invalid document is named
   * in a notice and the defaults open instead.
   */
  document?: AppConfigInput;
  /** A tfjs backend to force, or null for the automatic choice. */
  backend?: string | null;
  /** Start playing once the first landscape is computed (default true). */
  autoplay?: boolean;
  /** A message to show above the explorer from the start (e.g. a URL value that was not used). */
  notice?: string | null;
  /** Called once, after the first complete landscape has been drawn. */
  onReady?: (detail: ReadyDetail) => void;
  /** Called with the current error (or null when it clears). */
  onError?: (error: string | null) => void;
  /** Called when the explorer starts (and with null when it ends). */
  onHandle?: (handle: ExplorerHandle | null) => void;
}

export function Explorer({
  document = {},
  backend = null,
  autoplay = true,
  notice = null,
  onReady,
  onError,
  onHandle,
}: ExplorerProps) {
  // Read once at mount: the explorer is configured by its props, then by the user.
  const [initial] = useState(() => openDocument(document, backend, autoplay, notice));
  const [store] = useState<AppStore>(() =>
    createAppStore({
      viewMode: initial.display.viewMode,
      height: initial.display.height,
      metric: initial.view.metric,
    }),
  );
  const [controller, setController] = useState<SessionController | null>(null);
  const [scene] = useState<SceneRef>(() => ({ current: null }));

  useEffect(() => {
    const c = new SessionController(store, createComputeClient, initial.experiment, initial.view);
    setController(c);
    store.getState().patchSession({ speed: initial.display.speed });
    if (initial.notice) store.getState().patchSession({ notice: initial.notice });
    void c.start(initial.backend, initial.autoplay);
    onHandle?.({ store, controller: c, scene: () => scene.current });
    return () => {
      onHandle?.(null);
      c.dispose();
    };
  }, [store, scene, initial]);

  return (
    <StoreProvider store={store}>
      <div className="lle-explorer">
        <StatusHeader onError={onError} />
        {controller && (
          <ErrorBoundary what="The explorer">
            <ExplorerBody controller={controller} scene={scene} onReady={onReady} />
          </ErrorBoundary>
        )}
      </div>
    </StoreProvider>
  );
}

function ExplorerBody({
  controller,
  scene,
  onReady,
}: {
  controller: SessionController;
  scene: SceneRef;
  onReady?: (detail: ReadyDetail) => void;
}) {
  return (
    <div className="explorer">
      <Sidebar controller={controller} />
      <main className="main-column">
        <ControlsCard controller={controller} />
        <LandscapeCard controller={controller} scene={scene} onReady={onReady} />
        <ChartsRow controller={controller} />
      </main>
    </div>
  );
}
