/**
 * Connects one app instance's store to its compute worker: user actions become worker calls, and
 * the worker's frames become store updates. Trajectory points and loss histories are appended in
 * place (the views redraw from them on `touch`), so a new training step costs no React render of
 * the scene and no copy of the history.
 *
 * Backpressure: snapshot frames are queued and applied together, as one store update, on an
 * animation frame at most ≈ 15 times a second (./frame-batcher.ts); a frame is acknowledged once
 * its batch is applied, and the worker holds at most two unacknowledged frames (coalescing the
 * rest), so a slow renderer or a hidden tab slows the drawing, never the controls. Every other
 * message of the worker (and a pause, an export, a replay) first applies the queued frames, so
 * the store sees the messages in the order they were sent.
 *
 * Recovery: if the worker dies, the controller says so, starts a new one with the current config
 * and replays to the step the old one had reached (seeded: the same paths on the same backend).
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import type { LandscapeView, TrajectoryView } from '../state/view-types';
import type { PlaneVectors } from '../export/surface';
import type { ShownPlane } from '../protocol/api';
import { initialSession, type SessionState } from '../state/session';
import type { AppStore } from '../state/store';
import type { ComputeClient } from './compute-client';
import type { ViewSpec } from '../config/view';
import type { ExperimentResult } from '../config/result';
import type {
  AnalysisJob,
  AnalysisKind,
  BadMinimaJob,
  CurvatureJob,
  CurveJob,
  EnsembleJob,
  MinimaJob,
} from '../protocol/jobs';
import { encodeResult } from '../export/result';
import { recordedOf, replayOf } from '../export/replay';
import { analysesToExport, REPLAY_VIEW_MESSAGE, replaySession, type ReplaySource } from './replay';
import type {
  LandscapeFailure,
  LandscapeFrame,
  SessionListener,
  SnapshotFrame,
} from '../protocol/frames';
import {
  applySnapshots,
  emptyHistory,
  emptySharpness,
  grow,
  type PlaneCursor,
} from './apply-snapshots';
import { FrameBatcher, type FrameClock } from './frame-batcher';

/** A surface file on screen, and the live state it replaced (put back when it closes). */
interface ImportedSurface {
  source: string;
  /** The newest live landscape that arrived meanwhile (shown when the surface closes). */
  pending: LandscapeFrame | null;
  live: { landscape: LandscapeView | null; trajectories: TrajectoryView[] };
  session: Pick<SessionState, 'plane' | 'notice'> & { metric: ViewSpec['metric'] };
  planeId: number;
}

/** How long (ms) a pause waits at most for its status (a worker that died sends none). */
const STATUS_WAIT_MS = 5_000;

/** The analyses a card can cancel, and the session field each one's frames go to. */
export type CancellableKind = Exclude<AnalysisKind, 'landscape'>;
const JOB_FIELDS = {
  curvature: 'curvature',
  minima: 'minima',
  curve: 'connect',
  'bad-minima': 'badMinima',
  'implicit-bias': 'implicitBias',
  ensemble: 'ensemble',
  noise: 'noise',
  'digits-view': 'digitsView',
} as const satisfies Record<CancellableKind, keyof SessionState>;
type JobField = (typeof JOB_FIELDS)[CancellableKind];

export class SessionController {
  /** The plane on screen and the newest step whose point is on its trajectories. */
  private readonly cursor: PlaneCursor = { planeId: -1, lastPlaneStep: -1 };
  /** Snapshot frames waiting for their batch (one store update per batch). */
  private readonly frames: FrameBatcher<SnapshotFrame>;
  private disposed = false;
  private client: ComputeClient;
  /** The backend asked for at start (a restarted worker asks for the same). */
  private requestedBackend: string | null = null;
  /** When the worker was restarted (ms): more than 3 within 10 minutes gives up. */
  private restarts: number[] = [];
  /** Resolves when the worker is started (again, after a recovery): user calls wait for it. */
  private ready: Promise<void> = Promise.resolve();
  /** Counts user actions, so that a recovery does not override what the user did meanwhile. */
  private actions = 0;
  /** Progress from jobs older than this one is stale (a cancelled job's late report). */
  private newestJob = -1;
  /** Analyses the user cancelled (by session field): their late frames are dropped. */
  private readonly cancelled = new Set<JobField>();
  /** When the first complete landscape reached the store (ms since navigation). */
  firstLandscapeMs: number | null = null;
  /** The first landscape's values (kept for cross-backend checks). */
  firstLandscape: Float32Array | null = null;
  /** The result file being replayed (no training; the worker's frames are not shown), or null. */
  private replay: ReplaySource | null = null;
  /** Landscape frames the worker has sent (a replay computes none). */
  landscapeFrames = 0;
  /** The surface file shown in place of the live landscape, with what it replaced; or null. */
  private imported: ImportedSurface | null = null;

  /**
   * `createClient` makes a compute client (a worker); called again if a worker dies. `clock`
   * paces the batches of snapshot frames (the browser's animation frames by default).
   */
  constructor(
    private readonly store: AppStore,
    private readonly createClient: () => ComputeClient,
    config: ExperimentInput,
    view: ViewSpec,
    clock?: FrameClock,
  ) {
    store.setState({ session: initialSession(config, view) });
    this.frames = new FrameBatcher<SnapshotFrame>((batch) => {
      if (!this.disposed && !this.replay) applySnapshots(this.store, batch, this.cursor);
    }, clock);
    this.viewDrawn = new Promise<void>((resolve) => (this.markViewDrawn = resolve));
    this.client = this.connect();
  }

  private connect(): ComputeClient {
    const client = this.createClient();
    client.onFailure((reason) => void this.recover(reason));
    return client;
  }

  /**
   * The worker died (or its backend failed): say so, start a new one with the config and view in
   * use (on `backend`, or the same choice as before), and replay to the step reached (pausing
   * there, or playing on if it was playing). Gives up after 3 restarts.
   */
  private async recover(reason: string, backend = this.requestedBackend): Promise<void> {
    if (this.disposed) return;
    this.requestedBackend = backend;
    const { step, playing, config, view } = this.session;
    const actionsBefore = this.actions;
    this.client.terminate();
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 600_000), now];
    if (this.restarts.length > 3) {
      this.patch({
        notice: null,
        error: `The compute worker stopped (${reason}) and could not be kept running after 3 restarts. Reload the page to try again.`,
      });
      return;
    }
    this.patch({
      notice: `The compute worker stopped (${reason}). A new one is replaying the runs to step ${step}…`,
      error: null,
      playing: false,
      progress: null,
    });
    this.client = this.connect();
    let started!: () => void;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    try {
      const backend = await this.client.api.open(
        this.requestedBackend,
        this.client.listen(this.listener),
        config,
        view,
      );
      this.patch({ backend, error: null });
      await this.client.api.setSpeed(this.session.speed);
      if (step > 0) await this.client.api.playUntil(step);
      this.patch({
        notice: `The compute worker stopped (${reason}) and was restarted; the runs were replayed to step ${this.session.step}.`,
      });
      // Play on only if the user did nothing meanwhile (a pause, an apply, a reset).
      if (playing && this.actions === actionsBefore) await this.client.api.play();
    } catch (error) {
      this.patch({ notice: null, error: (error as Error).message });
    } finally {
      started();
    }
  }

  /** Waits for the worker (it may be restarting), then makes the call. */
  private async call<T>(action: (api: ComputeClient['api']) => Promise<T>): Promise<T> {
    this.actions++;
    await this.ready;
    return action(this.client.api);
  }

  /** Ends the worker as a crash would (for recovery tests through the page's test handle). */
  crashWorker(): void {
    void this.client.api.crash().catch(() => undefined);
  }

  /** The worker's figures (tensors, recording, frames in flight), or null. */
  workerStats(): Promise<unknown> {
    return this.client.api.stats();
  }

  /** Callers waiting for a status at or past an update (see `statusReached`). */
  private statusWaiters: { step: number; done: () => void }[] = [];

  /**
   * Resolves once the store's step is at least `step` (a status or frame carried it), the
   * controller is disposed or replays a file, or after `STATUS_WAIT_MS` (a worker that died).
   */
  private statusReached(step: number | undefined): Promise<void> {
    if (typeof step !== 'number' || this.disposed || this.replay) return Promise.resolve();
    if ((this.store.getState().session?.step ?? 0) >= step) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        step,
        done: () => {
          clearTimeout(timer);
          this.statusWaiters = this.statusWaiters.filter((w) => w !== waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.done, STATUS_WAIT_MS);
      this.statusWaiters.push(waiter);
    });
  }

  /** Ends the waits that the store's step (or the controller's end) has satisfied. */
  private releaseStatusWaiters(): void {
    const step = this.store.getState().session?.step ?? 0;
    for (const waiter of [...this.statusWaiters])
      if (this.disposed || waiter.step <= step) waiter.done();
  }

  private get session(): SessionState {
    return this.store.getState().session!;
  }

  private patch(patch: Partial<SessionState>): void {
    if (!this.disposed) this.store.getState().patchSession(patch);
  }

  /** Resolves once the view has drawn its first landscape (`viewReady`). */
  private readonly viewDrawn: Promise<void>;
  private markViewDrawn!: () => void;

  /**
   * The view has drawn its first landscape on screen (the explorer calls this from the 3-D view's
   * first frame; a contour map counts as drawn when its landscape arrives). Autoplay waits for
   * it, so that the race is not half over when the learner first sees it.
   */
  viewReady = (): void => {
    this.markViewDrawn();
  };

  /**
   * Chooses the backend and starts the configured session. With `autoplay` it plays once the
   * view is ready (`viewReady`), unless the user acted meanwhile (pressed play or pause, applied
   * a config, opened a lesson).
   */
  async start(requestedBackend: string | null, autoplay: boolean): Promise<void> {
    this.requestedBackend = requestedBackend;
    const { config, view } = this.session;
    let started!: () => void;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    try {
      const backend = await this.client.api.open(
        requestedBackend,
        this.client.listen(this.listener),
        config,
        view,
      );
      this.patch({ backend, error: null });
      await this.client.api.setSpeed(this.session.speed);
      started();
      if (autoplay) {
        const actions = this.actions;
        await this.viewDrawn;
        if (!this.disposed && this.actions === actions) await this.play();
      }
    } catch (error) {
      this.patch({ error: (error as Error).message });
    } finally {
      started();
    }
  }

  /** Validates an edited config; if valid, restarts the session with it. */
  async apply(config: ExperimentInput): Promise<boolean> {
    try {
      parseConfig(config);
    } catch (error) {
      if (error instanceof ConfigError) {
        this.patch({ problems: [...error.problems] });
        return false;
      }
      throw error;
    }
    this.endReplay();
    try {
      await this.call((api) => api.configure(config, this.session.view));
      // Only a config the worker accepted becomes the current one (Reset and recovery use it).
      this.patch({ config, problems: [], error: null });
      return true;
    } catch (error) {
      this.patch({ problems: (error as Error).message.split('\n') });
      return false;
    }
  }

  play = async (): Promise<void> => {
    this.closeSurface();
    // Playing a replayed result trains its experiment live from the start.
    if (this.replay) await this.reset();
    await this.call((api) => api.play());
  };
  /** Pauses; resolves once the store shows the update training stopped at. */
  pause = async (): Promise<void> => {
    const step = await this.call((api) => api.pause());
    // The status of the pause travels on the listener's own channel and may come after this
    // answer: wait for it, so that what the page reads next (`getState()`) is where it stopped.
    await this.statusReached(step);
  };
  step = async (): Promise<void> => {
    this.closeSurface();
    if (this.replay) await this.reset();
    this.store.getState().setScrub(null);
    await this.call((api) => api.step(1));
  };
  reset = async (): Promise<void> => {
    this.endReplay();
    this.store.getState().setScrub(null);
    try {
      await this.call((api) => api.configure(this.session.config, this.session.view));
    } catch (error) {
      this.patch({ error: (error as Error).message });
    }
  };
  setSpeed = async (speed: number): Promise<void> => {
    this.patch({ speed });
    await this.call((api) => api.setSpeed(speed));
  };
  selectRun = async (run: number): Promise<void> => {
    this.patch({ selectedRun: run });
    await this.call((api) => api.selectRun(run));
  };
  setView = async (view: ViewSpec): Promise<void> => {
    this.closeSurface();
    if (this.replay) {
      // The pickers go back to the view on screen.
      this.patch({ viewError: REPLAY_VIEW_MESSAGE });
      this.store.getState().setMetric(this.session.view.metric);
      return;
    }
    this.patch({ view, viewError: null });
    this.store.getState().setMetric(view.metric);
    await this.call((api) => api.setView(view));
  };
  recompute = async (): Promise<void> => {
    await this.call((api) => api.run({ kind: 'landscape' }));
  };
  /**
   * Measures the curvature of every run's point (the config `curvature` block's settings; `at`: a
   * recording index, default the newest point). Frames arrive in `session.curvature`.
   */
  measureCurvature = async (spec?: CurvatureJob['spec'], at?: number): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'curvature', spec, at });
  };
  /**
   * Compares two runs' minima, flat vs sharp (the config `minima` block's settings, default runs
   * 0 and 1; `at`: a recording index, default the newest point). Frames arrive in
   * `session.minima`.
   */
  compareMinima = async (spec?: MinimaJob['spec'], at?: number): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'minima', spec, at });
  };
  /**
   * Trains a curve between two runs' newest recorded points (the config `connect` block's settings
   * with `spec`'s fields replacing them). Frames arrive in `session.connect` while it trains.
   */
  trainCurve = async (spec?: CurveJob['spec']): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'curve', spec });
  };
  /**
   * Trains bad minima next to one run's recorded path and compares them with its newest point (the
   * config `badMinima` block's settings with `spec`'s fields replacing them). Frames arrive in
   * `session.badMinima` while the bad runs train.
   */
  findBadMinima = async (spec?: BadMinimaJob['spec']): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'bad-minima', spec });
  };

  /**
   * Compares every run's recorded path with the solution implicit bias predicts (the SVM
   * direction or A⁺b). Frames arrive in `session.implicitBias`.
   */
  measureImplicitBias = async (): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'implicit-bias' });
  };

  /**
   * Trains seed ensembles at several temperatures η/B from the experiment's θ₀ (the config's
   * `ensemble` block, `spec` replacing its fields). Frames arrive in `session.ensemble`.
   */
  runEnsemble = async (spec?: EnsembleJob['spec']): Promise<void> => {
    if (this.replay) return;
    await this.startJob({ kind: 'ensemble', spec });
  };

  /**
   * The gradient-noise ellipse of run `run` at recording index `at` (default: the newest point),
   * on the session's plane, with an importance-sampled run's L_p on the landscape grid on screen.
   * Frames arrive in `session.noise`.
   */
  measureNoise = async (run: number, at?: number): Promise<void> => {
    if (this.replay) return;
    // The grid on screen: an importance-sampled run's L_p is computed on it (SampledLandscapeCard).
    const landscape = this.store.getState().landscape;
    const grid = landscape ? { a: Array.from(landscape.a), b: Array.from(landscape.b) } : undefined;
    await this.startJob({
      kind: 'noise',
      run,
      ...(at === undefined ? {} : { at }),
      ...(grid ? { grid } : {}),
    });
  };

  /**
   * The digits data view: sample images and, at every run's newest recorded θ, its confusion
   * matrix and misclassified test images. Frames arrive in `session.digitsView`.
   */
  showDigits = async (): Promise<void> => {
    if (this.replay) {
      // A saved digits result: its predictions, with the bundled images of its split.
      const { config, classification } = this.replay.result;
      if (classification && config.data.kind === 'digits')
        await this.startJob({ kind: 'digits-view', replay: { config, classification } });
      return;
    }
    await this.startJob({ kind: 'digits-view' });
  };

  /**
   * Cancels the running analysis of `kind` (a card's Cancel): the worker stops it within one unit
   * of work, and its card goes back to its button (the frame is cleared; a late frame of the
   * cancelled job is dropped, as a stale one).
   */
  cancelJob = async (kind: CancellableKind): Promise<void> => {
    if (this.replay) return;
    const field = JOB_FIELDS[kind];
    this.cancelled.add(field);
    this.patch({ [field]: null });
    await this.call((api) => api.cancel(kind));
  };

  /** Asks the worker for an analysis job; its card shows its frames (a cancel before is over). */
  private async startJob(job: Extract<AnalysisJob, { kind: CancellableKind }>): Promise<void> {
    this.cancelled.delete(JOB_FIELDS[job.kind]);
    await this.call((api) => api.run(job));
  }

  /**
   * Shows an analysis frame in its session field: only the newest job's (a job a newer one
   * replaced may still report once), and none of a job the user cancelled.
   */
  private showJobFrame<F extends JobField>(field: F, frame: NonNullable<SessionState[F]>): void {
    // A replayed digits result's view is a job's too (the images come from the worker).
    if ((this.replay && field !== 'digitsView') || this.cancelled.has(field)) return;
    const shown = this.session[field];
    if (shown && frame.jobId < shown.jobId) return;
    this.patch({ [field]: frame } as Partial<SessionState>);
  }

  /** True while a result file is replayed (nothing trains, nothing is recomputed). */
  get replaying(): boolean {
    return this.replay !== null;
  }

  /**
   * Shows a result file (the app's export or the CLI's output) without recomputing anything: the
   * worker pauses, and the store gets the file's landscape, paths, loss histories and runs; the
   * timeline scrubs through them. Reset, Apply, Play and Step go back to live training (of the
   * file's experiment, which becomes the current config). Throws `ResultFileError` (and changes
   * nothing) when the file cannot be shown; `source` names it in the status (e.g. its file name).
   */
  async loadResult(result: ExperimentResult, source: string): Promise<void> {
    const replay = replayOf(result);
    this.frames.flush();
    this.closeSurface();
    this.replay = { result, offPlane: replay.offPlane };
    const state = this.store.getState();
    state.setLandscape(replay.landscape);
    state.setTrajectories(replay.trajectories);
    state.setScrub(null);
    if (replay.landscape) state.setMetric(replay.landscape.metric);
    this.patch({
      ...replaySession(replay, result, source, this.session),
      // The file's flat-vs-sharp comparison is shown as a finished job's (live jobs have ids ≥ 1).
      minima: result.minima
        ? { jobId: 0, state: 'done', done: 1, total: 1, result: result.minima }
        : null,
    });
    // A file's trained curve (the CLI's connect block, or an export) is shown in its card.
    const curve = result.connect;
    this.patch({
      connect: curve
        ? { jobId: 0, state: 'done', done: curve.steps, total: curve.steps, result: curve }
        : null,
    });
    try {
      await this.call((api) => api.pause());
    } catch {
      // A worker that is gone has nothing to pause; the replay needs none.
    }
  }

  /** The result file of what is shown (CLI format): the recording joined with the landscape. */
  async exportResult(): Promise<ExperimentResult | null> {
    this.frames.flush();
    const recorded = this.replay
      ? recordedOf(this.replay.result)
      : await this.call((api) => api.recorded());
    if (!recorded) return null;
    const state = this.store.getState();
    const { session } = state;
    // Under an imported surface, the result is still the session's (the live landscape).
    const { landscape, trajectories } = this.imported?.live ?? state;
    return encodeResult({
      recorded,
      divergedAt: session!.divergedAt,
      backend: this.replay?.result.backend ?? session!.backend?.name ?? 'unknown',
      view: this.replay ? (this.replay.result.view ?? null) : session!.view,
      landscape,
      plane: session!.plane,
      trajectories,
      offPlane: this.replay?.offPlane,
      curvature: this.replay?.result.curvature,
      minima: this.replay
        ? this.replay.result.minima
        : session!.minima?.state === 'done'
          ? session!.minima.result
          : undefined,
      connect: this.replay
        ? this.replay.result.connect
        : session!.connect?.state === 'done'
          ? session!.connect.result
          : undefined,
      ...analysesToExport(this.replay?.result ?? null, session!),
    });
  }

  /** Leaves a replay (before a call that starts live training again). */
  private endReplay(): void {
    this.closeSurface();
    if (!this.replay) return;
    this.replay = null;
    this.patch({ notice: null, viewError: null });
  }

  /**
   * The plane of the landscape on screen (centre, d₁, d₂ [P] in the README's parameter layout), or
   * null when there is none here: a replayed result or an imported surface (their files hold their
   * planes), no landscape yet, or a newer plane on its way.
   */
  async shownPlane(): Promise<(PlaneVectors & Pick<ShownPlane, 'problem' | 'ranges'>) | null> {
    if (this.replay || this.imported || this.cursor.planeId < 0) return null;
    const plane = await this.call((api) => api.plane());
    if (!plane || plane.planeId !== this.cursor.planeId) return null;
    const { centre, d1, d2, problem, ranges } = plane;
    return { centre, d1, d2, problem, ...(ranges && { ranges }) };
  }

  /** The imported surface on screen (its source), or null. */
  get importedSurface(): string | null {
    return this.imported?.source ?? null;
  }

  /**
   * Shows a surface from a file (`source`, e.g. its name) in place of the landscape: training
   * pauses, and the live landscape, its paths and plane are kept for `closeSurface` (which Play,
   * Step, Reset, Apply and a new view call). Showing another surface (or another metric of it)
   * keeps the same live state.
   */
  async showSurface(
    landscape: LandscapeView,
    trajectories: TrajectoryView[],
    plane: NonNullable<SessionState['plane']>,
    source: string,
  ): Promise<void> {
    if (this.replay) await this.reset();
    this.frames.flush();
    const state = this.store.getState();
    const session = this.session;
    this.imported ??= {
      source,
      pending: null,
      live: { landscape: state.landscape, trajectories: state.trajectories },
      session: { plane: session.plane, notice: session.notice, metric: session.view.metric },
      planeId: this.cursor.planeId,
    };
    this.imported.source = source;
    // Live snapshots are not projected onto the imported plane.
    this.cursor.planeId = -1;
    state.setScrub(null);
    state.setLandscape(landscape);
    state.setTrajectories(trajectories);
    // The toolbar's metric is the view's: both follow the file's grid (no live view change).
    state.setMetric(landscape.metric);
    this.patch({
      view: { ...this.session.view, metric: landscape.metric },
      plane,
      viewError: null,
      landscapeError: null,
      notice: `Showing an imported surface: ${source} (${landscape.metric}, ${landscape.n} × ${landscape.n}). Play, Step, Reset or a new view goes back to the live landscape.`,
    });
    try {
      await this.call((api) => api.pause());
    } catch {
      // A worker that is gone has nothing to pause.
    }
  }

  /** Puts the live landscape back in place of an imported surface (nothing when none is shown). */
  closeSurface(): void {
    const imported = this.imported;
    if (!imported) return;
    this.frames.flush();
    this.imported = null;
    this.cursor.planeId = imported.planeId;
    const state = this.store.getState();
    state.setLandscape(imported.live.landscape);
    state.setTrajectories(imported.live.trajectories);
    state.setMetric(imported.session.metric);
    this.patch({
      view: { ...this.session.view, metric: imported.session.metric },
      plane: imported.session.plane,
      notice: imported.session.notice,
    });
    if (imported.pending) this.onLandscape(imported.pending);
  }

  /** Applies the snapshot frames still waiting for their batch (the store is then current). */
  flushFrames(): void {
    this.frames.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.releaseStatusWaiters();
    this.frames.dispose();
    this.client.terminate();
  }

  private readonly listener: SessionListener = afterQueuedFrames(() => this.frames.flush(), {
    session: (info) => {
      if (this.replay) return;
      this.cursor.planeId = -1;
      this.cursor.lastPlaneStep = -1;
      const trajectories: TrajectoryView[] = info.names.map((name, k) => ({
        name,
        color: info.colors[k]!,
        a: new Float32Array(256),
        b: new Float32Array(256),
        trueLoss: new Float32Array(256),
        planeLoss: new Float32Array(256),
        offPlane: new Float32Array(256),
        length: 0,
        diverged: false,
      }));
      const state = this.store.getState();
      // The previous experiment's picture must not stay on screen over this one's.
      state.setLandscape(null);
      state.setTrajectories(trajectories);
      state.setScrub(null);
      this.patch({
        info,
        step: 0,
        finished: false,
        playing: false,
        history: emptyHistory(info.names.length),
        divergedAt: info.names.map(() => -1),
        boundary: null,
        curve: null,
        curvature: null,
        minima: null,
        connect: null,
        badMinima: null,
        implicitBias: null,
        ensemble: null,
        digitsView: null,
        sharpness: emptySharpness(info.names.length),
        selectedRun: 0,
        plane: null,
        viewError: null,
        landscapeError: null,
        recording: null,
      });
    },
    landscape: (frame) => {
      this.landscapeFrames++;
      // Under an imported surface the newest live landscape waits for its return.
      if (this.imported && !this.replay) return void (this.imported.pending = frame);
      if (!this.replay) this.onLandscape(frame);
    },
    curvature: (frame) => this.showJobFrame('curvature', frame),
    minima: (frame) => this.showJobFrame('minima', frame),
    connect: (frame) => this.showJobFrame('connect', frame),
    badMinima: (frame) => this.showJobFrame('badMinima', frame),
    implicitBias: (frame) => this.showJobFrame('implicitBias', frame),
    ensemble: (frame) => this.showJobFrame('ensemble', frame),
    noise: (frame) => this.showJobFrame('noise', frame),
    digitsView: (frame) => this.showJobFrame('digitsView', frame),
    landscapeFailed: (failure) => {
      if (!this.replay) this.onLandscapeFailed(failure);
    },
    snapshot: (frame) => {
      if (this.replay) return this.drawn();
      // Applied with the other frames of its batch; acknowledged once applied.
      return this.frames.push(frame);
    },
    progress: ({ jobId, done, total }) => {
      if (this.replay) return;
      // A cancelled job may still report once: only the newest job's progress is shown.
      if (jobId < this.newestJob) return;
      this.newestJob = jobId;
      this.patch({ progress: done >= total ? null : { done, total } });
    },
    status: ({ playing, step, finished }) => {
      if (!this.replay) this.patch({ playing, step, finished });
      this.releaseStatusWaiters();
    },
    error: (message) => void this.onTrainingError(message),
  });

  /**
   * Training stopped with an error. On a GPU backend (a lost device, a missing kernel) the worker
   * is replaced by one on WebAssembly, which replays to the same step; elsewhere the message is
   * shown as it is.
   */
  private async onTrainingError(message: string): Promise<void> {
    const backend = this.session.backend?.name ?? null;
    if ((backend === 'webgpu' || backend === 'webgl') && !this.disposed) {
      await this.recover(
        `training on ${backend === 'webgpu' ? 'WebGPU' : 'WebGL'} failed: ${message}`,
        'wasm',
      );
      return;
    }
    this.patch({ error: `Training stopped: ${message}` });
  }

  /** Resolves after the next animation frame (immediately where there is none, e.g. in tests). */
  private drawn(): Promise<void> | undefined {
    if (typeof requestAnimationFrame !== 'function' || this.disposed) return undefined;
    return new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }

  private onLandscapeFailed(failure: LandscapeFailure): void {
    this.newestJob = Math.max(this.newestJob, failure.jobId);
    if (failure.view) {
      // The picture on screen stays; the controls go back to the view it shows.
      this.patch({ view: failure.view, viewError: failure.message, progress: null });
      this.store.getState().setMetric(failure.view.metric);
    } else {
      this.store.getState().setLandscape(null);
      this.patch({ landscapeError: failure.message, viewError: failure.message, progress: null });
    }
  }

  private onLandscape(frame: LandscapeFrame): void {
    this.newestJob = Math.max(this.newestJob, frame.jobId);
    const state = this.store.getState();
    const names = this.session.info?.names ?? [];
    // The worker may show another metric than asked (none of the asked one's data): follow it.
    if (frame.metric !== this.session.view.metric) {
      this.patch({ view: { ...this.session.view, metric: frame.metric } });
      state.setMetric(frame.metric);
    }
    this.cursor.planeId = frame.planeId;
    this.cursor.lastPlaneStep = frame.steps.length ? frame.steps[frame.steps.length - 1]! : -1;
    state.setLandscape({
      n: frame.n,
      a: frame.a,
      b: frame.b,
      values: frame.values,
      metric: frame.metric,
      axisLabels: frame.axisLabels,
    });
    const old = state.trajectories;
    const trajectories: TrajectoryView[] = frame.trajectories.map((t, k) => {
      const length = t.a.length;
      const capacity = Math.max(256, 2 * length);
      return {
        name: old[k]?.name ?? names[k] ?? `run ${k}`,
        color: old[k]?.color ?? this.session.info?.colors[k] ?? '#888',
        a: grow(t.a, capacity),
        b: grow(t.b, capacity),
        trueLoss: grow(t.trueValue, capacity),
        planeLoss: grow(t.planeValue, capacity),
        offPlane: grow(t.offPlaneRelative, capacity),
        length,
        diverged: (this.session.divergedAt[k] ?? -1) >= 0,
      };
    });
    state.setTrajectories(trajectories);
    this.patch({
      progress: null,
      plane: {
        directions: frame.directions,
        explained: frame.explained,
        ...(frame.varpro && { outliers: frame.varpro.outliers, minima: frame.varpro.minima }),
      },
      viewError: null,
      landscapeError: null,
    });
    if (this.firstLandscapeMs === null) {
      this.firstLandscapeMs = performance.now();
      this.firstLandscape = Float32Array.from(frame.values);
    }
    // A contour map has no first-frame signal of its own, and a hidden landscape panel none at
    // all: the view counts as drawn with the next frame.
    if (state.viewMode === 'contour' || state.hidden.includes('landscape')) {
      const drawn = this.drawn();
      if (drawn) void drawn.then(this.viewReady);
      else this.viewReady();
    }
  }
}

/**
 * The worker's listener with every message but a snapshot applying the queued snapshot frames
 * first (`flush`): the store sees the messages in the order the worker sent them.
 */
function afterQueuedFrames(flush: () => void, listener: SessionListener): SessionListener {
  const ordered: Record<string, (...args: never[]) => unknown> = {};
  for (const [name, handler] of Object.entries(listener) as [
    string,
    (...args: never[]) => unknown,
  ][]) {
    ordered[name] =
      name === 'snapshot'
        ? handler
        : (...args: never[]) => {
            flush();
            return handler(...args);
          };
  }
  return ordered as unknown as SessionListener;
}
