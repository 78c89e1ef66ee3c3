/**
 * The explorer as a component: one store, one session on the page's shared compute worker, the
 * panels (problem and runs, transport and view, the landscape, loss curves, decision boundary or
 * fitted curves). It owns no globals: no `window`, no `document`, no URL; the host page passes
 * what to show and listens through callbacks. Several explorers may share a page.
 */
import { NoiseEllipseRequests } from './NoiseEllipseRequests';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useElementSize } from '../scene/useElementSize';
import { useStore } from 'zustand';
import type { ShareState, ShareStateInput } from '../config/share';
import { createComputeClient } from '../client/compute-client';
import { SessionController } from '../client/controller';
import { createAppStore, StoreProvider, type AppStore } from '../state/store';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { BarActions } from './BarActions';
import { ChartsRow } from './ChartsRow';
import { CurvatureCard } from './CurvatureCard';
import { SampledLandscapeCard } from './SampledLandscapeCard';
import { CurveCard } from './CurveCard';
import { BadMinimaCard } from './BadMinimaCard';
import { EnsembleCard } from './EnsembleCard';
import { ImplicitBiasCard } from './ImplicitBiasCard';
import { DigitsCard } from './DigitsCard';
import { useFullscreen } from './fullscreen';
import { KeyHelp } from './KeyHelp';
import { useExplorerKeys, type KeyCommand, type KeyScope } from './keyboard';
import { ControlsCard } from './ControlsCard';
import { LandscapeCard } from './LandscapeCard';
import { goToLessonStep } from './lesson-actions';
import { LessonBar } from './LessonBar';
import { MinimaCard } from './MinimaCard';
import { openDocument } from './open-document';
import { useShareStateChange } from './share-sync';
import { Sidebar } from './Sidebar';
import { StatusHeader } from './StatusHeader';
import type { ExplorerHandle, ReadyDetail, SceneRef } from './types';
import './explorer.css';
import './layout.css';
import './lecture.css';

export type { ExplorerHandle, ReadyDetail } from './types';

export interface ExplorerProps {
  /**
   * The document to open (read once, at mount): `{ experiment, view, display, lesson, hide }`
   * (`ShareStateInput`, config/share.ts), each part optional (the demo, the PCA plane of the
   * paths, the 3-D view, no lesson, nothing hidden). Bad fields are named in a notice and the
   * nearest valid state opens (each bad field, entry or unknown lesson left out).
   */
  document?: ShareStateInput;
  /**
   * Called with the shareable state at start and whenever it changes (the applied experiment,
   * the view, the display, the lesson, the hidden controls; not on training frames).
   */
  onShareStateChange?: (state: ShareState) => void;
  /** A link (URL) that opens a state; when given, the toolbar shows "Copy link". */
  linkFor?: (state: ShareState) => string;
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
  /**
   * Where the keys (space, →, R, F, L, 1–9, ?) act: 'page' (the app page: anywhere on the page),
   * 'focus' (default; an embedded widget: only while focus or the pointer is inside it), 'none'.
   */
  keys?: KeyScope;
  /** The host's title, shown at the start of the explorer's one-line bar. */
  title?: ReactNode;
  /** Keys 1–9: go to step `index` (0-based) of the open lesson. */
  onLessonStep?: (index: number) => void;
}

export function Explorer({
  document = {},
  backend = null,
  autoplay = true,
  notice = null,
  onReady,
  onError,
  onHandle,
  keys = 'focus',
  title = null,
  onLessonStep,
  onShareStateChange,
  linkFor,
}: ExplorerProps) {
  // Read once at mount: the explorer is configured by its props, then by the user.
  const [initial] = useState(() => openDocument(document, backend, autoplay, notice));
  const [store] = useState<AppStore>(() =>
    createAppStore({
      viewMode: initial.display.viewMode,
      height: initial.display.height,
      metric: initial.view.metric,
      lecture: initial.display.lecture,
      colormap: initial.display.colormap,
      overshoot: initial.display.overshoot,
      noiseEllipse: initial.display.noiseEllipse,
      lesson: initial.lesson,
      hidden: initial.hidden,
    }),
  );
  useShareStateChange(store, onShareStateChange);
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

  const root = useRef<HTMLDivElement>(null);
  // The stage fills the viewport below the bar (and any notice): its height follows the bar's.
  const [headerBox, header] = useElementSize<HTMLDivElement>({ width: 0, height: 40 });
  const lecture = useStore(store, (s) => s.lecture);
  const fullscreen = useFullscreen(root);
  const [helpOpen, setHelpOpen] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const onCommand = useCallback(
    (command: KeyCommand) =>
      runKeyCommand(command, {
        store,
        controller,
        fullscreen: fullscreen.toggle,
        help: () => setHelpOpen((open) => !open),
        escape: () => (helpOpen ? setHelpOpen(false) : setDrawerOpen(false)),
        onLessonStep,
      }),
    [store, controller, fullscreen.toggle, helpOpen, onLessonStep],
  );
  useExplorerKeys({ scope: keys, root, onCommand });

  const classes = ['lle-explorer'];
  if (lecture) classes.push('lecture');
  if (fullscreen.active) classes.push('is-fullscreen');
  if (drawerOpen) classes.push('drawer-open');
  return (
    <StoreProvider store={store}>
      <div
        ref={root}
        className={classes.join(' ')}
        data-testid="explorer"
        style={{ '--lle-stage-offset': `${header.height + STAGE_MARGINS}px` } as CSSProperties}
      >
        <div ref={headerBox}>
          <StatusHeader
            onError={onError}
            title={title}
            actions={
              <BarActions
                drawerOpen={drawerOpen}
                onDrawer={() => setDrawerOpen((open) => !open)}
                onHelp={() => setHelpOpen((open) => !open)}
                fullscreen={fullscreen.active}
                fullscreenAvailable={fullscreen.available}
                onFullscreen={fullscreen.toggle}
              />
            }
          />
        </div>
        {controller && (
          <ErrorBoundary what="The explorer">
            <ExplorerBody
              controller={controller}
              scene={scene}
              onReady={onReady}
              onCloseDrawer={() => setDrawerOpen(false)}
              linkFor={linkFor}
            />
          </ErrorBoundary>
        )}
        {helpOpen && <KeyHelp onClose={() => setHelpOpen(false)} />}
      </div>
    </StoreProvider>
  );
}

/** Page margin above the bar, gap below it and air below the stage (CSS px). */
const STAGE_MARGINS = 30;

/** What a key command acts on. */
interface KeyTargets {
  store: AppStore;
  controller: SessionController | null;
  fullscreen(): void;
  help(): void;
  escape(): void;
  onLessonStep?: (index: number) => void;
}

/** Carries out one key command (see ./keyboard.ts for the keys). */
function runKeyCommand(command: KeyCommand, t: KeyTargets): void {
  const state = t.store.getState();
  const session = state.session;
  switch (command.kind) {
    case 'toggle-play':
      if (!t.controller || !session) return;
      if (session.playing) void t.controller.pause();
      else if (!session.finished) void t.controller.play();
      return;
    case 'step':
      if (t.controller && session && !session.playing && !session.finished)
        void t.controller.step();
      return;
    case 'reset':
      if (t.controller) void t.controller.reset();
      return;
    case 'fullscreen':
      t.fullscreen();
      return;
    case 'lecture':
      state.setLecture(!state.lecture);
      return;
    case 'help':
      t.help();
      return;
    case 'escape':
      t.escape();
      return;
    case 'lesson-step':
      if (t.onLessonStep) t.onLessonStep(command.index);
      else if (t.controller) void goToLessonStep(t.store, t.controller, command.index);
      return;
  }
}

function ExplorerBody({
  controller,
  scene,
  onReady,
  onCloseDrawer,
  linkFor,
}: {
  controller: SessionController;
  scene: SceneRef;
  onReady?: (detail: ReadyDetail) => void;
  onCloseDrawer(): void;
  linkFor?: (state: ShareState) => string;
}) {
  // The stage (toolbar and landscape) fills the viewport; the sidebar scrolls on its own beside
  // it (or is a drawer: lecture mode, narrow screens); the charts follow below the stage.
  return (
    <div className="explorer">
      <div className="drawer-backdrop" onClick={onCloseDrawer} aria-hidden="true" />
      <div className="sidebar-slot" data-testid="sidebar">
        <button type="button" className="button drawer-close" onClick={onCloseDrawer}>
          ✕ Close
        </button>
        <Sidebar controller={controller} />
      </div>
      <main className="main-column">
        <div className="stage">
          <ControlsCard
            controller={controller}
            linkFor={linkFor}
            lead={<LessonBar controller={controller} />}
          />
          <LandscapeCard
            controller={controller}
            scene={scene}
            onReady={(detail) => {
              // Autoplay waits for this: the race starts when the learner can see it.
              controller.viewReady();
              onReady?.(detail);
            }}
          />
        </div>
        <ChartsRow controller={controller} />
        <NoiseEllipseRequests controller={controller} />
        <SampledLandscapeCard />
        <CurvatureCard controller={controller} />
        <MinimaCard controller={controller} />
        <CurveCard controller={controller} />
        <BadMinimaCard controller={controller} />
        <ImplicitBiasCard controller={controller} />
        <DigitsCard controller={controller} />
        <EnsembleCard controller={controller} />
      </main>
    </div>
  );
}
