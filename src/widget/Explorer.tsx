/**
 * The explorer as a component: one store, one session on the page's shared compute worker, the
 * panels (problem and runs, transport and view, the landscape, loss curves, decision boundary or
 * fitted curves). It owns no globals: no `window`, no `document`, no URL; the host page passes
 * what to show and listens through callbacks. Several explorers may share a page.
 */
import type { RootState } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExperimentInput } from '../config/schema';
import type { ViewSpec } from '../config/view';
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_EXPERIMENT,
  parseAppConfig,
  type AppConfig,
  type AppConfigInput,
} from '../config/app';
import { ConfigError } from '../config/parse';
import { createComputeClient } from '../client/compute-client';
import { SessionController } from '../client/controller';
import { createAppStore, StoreProvider, useAppStore, type AppStore } from '../state/store';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LandscapePanel } from '../ui/LandscapePanel';
import { LossChart, type ChartSeries } from '../ui/LossChart';
import { BoundaryPlot } from '../ui/panels/BoundaryPlot';
import { CurvePlot } from '../ui/panels/CurvePlot';
import { DataPreview } from '../ui/panels/DataPreview';
import { ExperimentForm } from '../ui/panels/ExperimentForm';
import { RunsEditor } from '../ui/panels/RunsEditor';
import { StatusBar } from '../ui/panels/StatusBar';
import { Transport } from '../ui/panels/Transport';
import { ViewSettings } from '../ui/ViewSettings';
import type { RunPreset } from '../ui/panels/RunsEditor';
import { LESSONS, lessonRuns } from '../lessons/registry';
import './explorer.css';

/** Reported once the first complete landscape is on screen. */
export interface ReadyDetail {
  /** `performance.now()` when the first landscape reached the store (ms). */
  firstLandscapeMs: number;
}

/** What a host sees of a running explorer (the page's test handle is built on it). */
export interface ExplorerHandle {
  store: AppStore;
  controller: SessionController;
  /** react-three-fiber's state of the 3-D view, once it exists. */
  scene(): RootState | null;
}

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

/** Backend, model line, notices and errors of this explorer. */
function StatusHeader({ onError }: { onError?: (error: string | null) => void }) {
  const info = useAppStore((s) => s.session?.info ?? null);
  const backend = useAppStore((s) => s.session?.backend ?? null);
  const divergedAt = useAppStore((s) => s.session?.divergedAt ?? EMPTY);
  const error = useAppStore((s) => s.session?.error ?? null);
  const notice = useAppStore((s) => s.session?.notice ?? null);
  useEffect(() => onError?.(error), [error, onError]);
  return (
    <div className="header">
      <StatusBar
        backend={backend?.name ?? null}
        fallbacks={backend?.fallbacks ?? EMPTY}
        names={info?.names ?? EMPTY}
        divergedAt={divergedAt}
      />
      {info && (
        <p className="muted model-line" data-testid="model-line">
          {info.model} · {info.data} · loss: {info.loss}
          {info.formula ? ` · ${info.formula}` : ''}
        </p>
      )}
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          <pre>{notice}</pre>
        </div>
      )}
      {error && (
        <div className="error" role="alert" data-testid="error">
          <strong>Something went wrong.</strong>
          <pre>{error}</pre>
        </div>
      )}
    </div>
  );
}

type SceneRef = { current: RootState | null };

/** The validated document's parts (the defaults where it is invalid, with the reason). */
function openDocument(
  document: AppConfigInput,
  backend: string | null,
  autoplay: boolean,
  notice: string | null,
) {
  let doc: AppConfig;
  let problem: string | null = null;
  try {
    doc = parseAppConfig(document);
  } catch (error) {
    doc = DEFAULT_APP_CONFIG;
    problem = `This explorer's settings could not be used, so the defaults are shown:\n${
      error instanceof ConfigError ? error.problems.join('\n') : String(error)
    }`;
  }
  // The form edits the experiment as written (defaults stay implicit).
  const experiment: ExperimentInput = problem
    ? DEFAULT_EXPERIMENT
    : ((document.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT);
  return {
    experiment,
    view: doc.view,
    display: doc.display,
    backend,
    autoplay,
    notice: [notice, problem].filter(Boolean).join('\n') || null,
  };
}

const EMPTY: never[] = [];

/** The runs editor's one-click run lists: the lessons' runs. */
const PRESETS: readonly RunPreset[] = LESSONS.map((lesson) => ({
  id: lesson.id,
  label: lesson.title,
  runs: lessonRuns(lesson),
}));

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

/** Problem, data, model and runs: edited as a draft, applied with one button. */
function Sidebar({ controller }: { controller: SessionController }) {
  const config = useAppStore((s) => s.session!.config);
  const problems = useAppStore((s) => s.session!.problems);
  const divergedAt = useAppStore((s) => s.session!.divergedAt);
  const info = useAppStore((s) => s.session!.info);
  const setScrub = useAppStore((s) => s.setScrub);
  const [draft, setDraft] = useState<ExperimentInput>(config);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(config), [draft, config]);
  const apply = async () => {
    if (await controller.apply(draft)) setScrub(null);
  };
  return (
    <aside className="sidebar" aria-label="Experiment">
      <details open className="card panel">
        <summary>Problem, data and model</summary>
        <ExperimentForm value={draft} onChange={setDraft} problems={problems} />
        {info?.points && info.window && <DataPreview points={info.points} window={info.window} />}
      </details>
      <details open className="card panel">
        <summary>Optimisers</summary>
        <RunsEditor
          runs={(draft.runs ?? EMPTY) as NonNullable<ExperimentInput['runs']>}
          onChange={(runs) => setDraft({ ...draft, runs })}
          problems={problems}
          divergedAt={divergedAt}
          presets={PRESETS}
          problem={draft.problem?.kind}
        />
      </details>
      <div className="apply-row">
        <button
          type="button"
          className="button primary"
          data-testid="apply"
          onClick={() => void apply()}
          disabled={!dirty}
        >
          Apply and restart
        </button>
        {dirty && <span className="muted">unapplied changes</span>}
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** Transport (play, step, speed, timeline) and the view settings of the landscape. */
function ControlsCard({ controller }: { controller: SessionController }) {
  const s = useAppStore(
    useShallow((st) => ({
      playing: st.session!.playing,
      finished: st.session!.finished,
      step: st.session!.step,
      speed: st.session!.speed,
      view: st.session!.view,
      progress: st.session!.progress,
      viewError: st.session!.viewError,
      explained: st.session!.plane?.explained ?? null,
      frames: st.session!.history.steps.length,
      scrubStep: st.scrub === null ? undefined : st.session!.history.steps[st.scrub],
      totalSteps: st.session!.info?.steps ?? 0,
      surface: st.session!.info?.problem.task === 'surface',
      runNames: st.session!.info?.names ?? EMPTY,
      scrub: st.scrub,
    })),
  );
  const setScrub = useAppStore((st) => st.setScrub);
  const metric = useAppStore((st) => st.metric);

  // The toolbar's metric picker changes what the worker evaluates.
  useEffect(() => {
    // One vocabulary: the picker's metric is the view's (no mapping, nothing collapsed).
    const wanted: ViewSpec['metric'] = metric;
    if (wanted === s.view.metric) return;
    // The worker answers a metric this problem has no data for (accuracy of a regression, test
    // loss with no test set) with a message, and the picker goes back to the metric on screen.
    void controller.setView({ ...s.view, metric: wanted });
  }, [metric, s.view, controller]);

  return (
    <section className="card">
      <Transport
        playing={s.playing}
        finished={s.finished}
        step={s.step}
        totalSteps={s.totalSteps}
        frames={s.frames}
        scrub={s.scrub}
        scrubStep={s.scrubStep}
        speed={s.speed}
        onPlay={() => void controller.play()}
        onPause={() => void controller.pause()}
        onStep={() => void controller.step()}
        onReset={() => void controller.reset()}
        onSpeed={(n) => void controller.setSpeed(n)}
        onScrub={setScrub}
      />
      <ViewSettings
        view={s.view}
        surface={s.surface}
        onChange={(view) => void controller.setView(view)}
        onRecompute={() => void controller.recompute()}
        progress={s.progress}
        error={s.viewError}
        explained={s.explained}
        runNames={s.runNames}
      />
    </section>
  );
}

/** The 3-D surface / contour map; reports readiness after its first frame. */
function LandscapeCard({
  controller,
  scene,
  onReady,
}: {
  controller: SessionController;
  scene: SceneRef;
  onReady?: (detail: ReadyDetail) => void;
}) {
  const landscapeError = useAppStore((st) => st.session!.landscapeError);
  return (
    <section className="card landscape-card" data-testid="landscape-section">
      <LandscapePanel
        showScrubber={false}
        onCreated={(state) => {
          scene.current = state;
        }}
        emptyMessage={landscapeError ?? 'Computing the landscape…'}
        onFirstFrame={() => onReady?.({ firstLandscapeMs: controller.firstLandscapeMs ?? 0 })}
      />
    </section>
  );
}

/** Loss curves, and the selected run's decision boundary or every run's fitted curve. */
function ChartsRow({ controller }: { controller: SessionController }) {
  const info = useAppStore((st) => st.session!.info);
  const history = useAppStore((st) => st.session!.history);
  const divergedAt = useAppStore((st) => st.session!.divergedAt);
  const boundary = useAppStore((st) => st.session!.boundary);
  const curve = useAppStore((st) => st.session!.curve);
  const selectedRun = useAppStore((st) => st.session!.selectedRun);
  const recording = useAppStore((st) => st.session!.recording);
  // Training loss solid, test loss dashed, one colour per run (surfaces have no test set).
  const series = useMemo<ChartSeries[]>(() => {
    const names = info?.names ?? EMPTY;
    const line = (name: string, k: number, values: number[], dashed: boolean): ChartSeries => ({
      name,
      color: info!.colors[k]!,
      values,
      divergedAt: (divergedAt[k] ?? -1) >= 0 ? divergedAt[k]! : null,
      dashed,
    });
    const train = names.map((name, k) => line(name, k, history.trainLoss[k] ?? EMPTY, false));
    if (info?.problem.task === 'surface') return train;
    return [...train, ...names.map((name, k) => line(name, k, history.testLoss[k] ?? EMPTY, true))];
  }, [info, history, divergedAt]);
  return (
    <div className="two-up">
      <section className="card">
        <div className="card-head">
          <h2>
            Loss{' '}
            <span className="h2-note">
              {info ? `${info.loss}, ` : ''}log scale
              {info?.problem.task !== 'surface' ? ' · training solid, test dashed' : ''}
            </span>
          </h2>
        </div>
        {recording?.thinnedBefore != null && (
          <p className="muted recording-note" data-testid="recording-note">
            Long run: {recording.kept.toLocaleString('en')} recorded points kept (at most{' '}
            {recording.limit.toLocaleString('en')}, so memory stays bounded); before step{' '}
            {recording.thinnedBefore.toLocaleString('en')} the path is thinned to every other point,
            repeatedly.
          </p>
        )}
        <LossChart
          steps={history.steps}
          series={series}
          totalSteps={info?.steps || 1}
          yLabel="loss"
          title="Training (solid) and test (dashed) loss of each run against training step, logarithmic y-axis"
        />
      </section>
      {info?.points && info.window && boundary && info.problem.task === 'classification' && (
        <section className="card">
          <div className="card-head">
            <h2>Decision boundary</h2>
            <label className="control">
              <span>Run</span>
              <select
                data-testid="boundary-run"
                value={selectedRun}
                onChange={(e) => void controller.selectRun(Number(e.target.value))}
              >
                {info.names.map((name, k) => (
                  <option key={name} value={k}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <BoundaryPlot
            values={boundary.values}
            n={boundary.n}
            window={boundary.window}
            points={info.points}
            name={info.names[boundary.run]!}
            color={info.colors[boundary.run]!}
          />
        </section>
      )}
      {info?.points && info.window && curve && info.problem.task === 'regression' && (
        <section className="card">
          <div className="card-head">
            <h2>Fitted curves</h2>
          </div>
          <CurvePlot
            x={curve.x}
            y={curve.y}
            colors={info.colors}
            names={info.names}
            points={info.points}
            window={info.window}
          />
        </section>
      )}
    </div>
  );
}
