/**
 * Connects one app instance's store to its compute worker: user actions become worker calls, and
 * the worker's frames become store updates. Trajectory points are appended in place to
 * preallocated typed arrays (the views redraw from them on `touch`), so a new training step costs
 * no React render of the scene.
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import type { LandscapeMetric as ViewMetric, TrajectoryView } from '../scene/types';
import { initialSession, type SessionState } from '../state/session';
import type { AppStore } from '../state/store';
import type { ComputeClient } from '../worker/client';
import type { LandscapeFrame, SessionListener, SnapshotFrame, ViewSpec } from '../worker/session';

/** The worker's metric names and the scene's. */
const TO_VIEW_METRIC: Record<ViewSpec['metric'], ViewMetric> = {
  trainLoss: 'train-loss',
  testLoss: 'test-loss',
  trainAccuracy: 'accuracy',
  testAccuracy: 'accuracy',
};

/** What the page reports when its first landscape is on screen (for tests and embedding pages). */
export interface ReadyDetail {
  backend: string;
  msSinceNavigation: number;
}

function grow(array: Float32Array, capacity: number): Float32Array {
  const out = new Float32Array(capacity);
  out.set(array.subarray(0, Math.min(array.length, capacity)));
  return out;
}

export class SessionController {
  private planeId = -1;
  /** The newest step whose point is on the current plane's trajectories. */
  private lastPlaneStep = -1;
  private disposed = false;
  /** When the first complete landscape reached the store (ms since navigation). */
  firstLandscapeMs: number | null = null;
  /** The first landscape's values (kept for cross-backend checks). */
  firstLandscape: Float32Array | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly client: ComputeClient,
    config: ExperimentInput,
    view: ViewSpec,
  ) {
    store.setState({ session: initialSession(config, view) });
  }

  private get session(): SessionState {
    return this.store.getState().session!;
  }

  private patch(patch: Partial<SessionState>): void {
    if (!this.disposed) this.store.getState().patchSession(patch);
  }

  /** Chooses the backend and starts the configured session; autoplays when `autoplay`. */
  async start(requestedBackend: string | null, autoplay: boolean): Promise<void> {
    const { config, view } = this.session;
    try {
      const backend = await this.client.api.start(
        requestedBackend,
        this.client.listen(this.listener),
        config,
        view,
      );
      this.patch({ backend, error: null });
      await this.client.api.setSpeed(this.session.speed);
      if (autoplay) await this.play();
    } catch (error) {
      this.patch({ error: (error as Error).message });
    }
  }

  /** Validates an edited config; if valid, restarts the session with it. */
  async apply(config: ExperimentInput): Promise<boolean> {
    try {
      parseConfig(config);
    } catch (error) {
      if (error instanceof ConfigError) {
        this.patch({ config, problems: [...error.problems] });
        return false;
      }
      throw error;
    }
    this.patch({ config, problems: [], error: null });
    try {
      await this.client.api.configure(config, this.session.view);
      return true;
    } catch (error) {
      this.patch({ problems: (error as Error).message.split('\n') });
      return false;
    }
  }

  /** Keeps an edit without applying it (the form's live value). */
  edit(config: ExperimentInput): void {
    this.patch({ config });
  }

  play = async (): Promise<void> => {
    await this.client.api.play();
  };
  pause = async (): Promise<void> => {
    await this.client.api.pause();
  };
  step = async (): Promise<void> => {
    this.store.getState().setScrub(null);
    await this.client.api.step(1);
  };
  reset = async (): Promise<void> => {
    this.store.getState().setScrub(null);
    await this.client.api.configure(this.session.config, this.session.view);
  };
  setSpeed = async (speed: number): Promise<void> => {
    this.patch({ speed });
    await this.client.api.setSpeed(speed);
  };
  selectRun = async (run: number): Promise<void> => {
    this.patch({ selectedRun: run });
    await this.client.api.selectRun(run);
  };
  setView = async (view: ViewSpec): Promise<void> => {
    this.patch({ view });
    this.store.getState().setMetric(TO_VIEW_METRIC[view.metric]);
    await this.client.api.setView(view);
  };
  recompute = async (): Promise<void> => {
    await this.client.api.recompute();
  };

  dispose(): void {
    this.disposed = true;
    this.client.terminate();
  }

  private readonly listener: SessionListener = {
    session: (info) => {
      this.planeId = -1;
      this.lastPlaneStep = -1;
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
      state.setTrajectories(trajectories);
      state.setScrub(null);
      this.patch({
        info,
        step: 0,
        finished: false,
        playing: false,
        history: {
          steps: [],
          trainLoss: info.names.map(() => []),
          testLoss: info.names.map(() => []),
        },
        divergedAt: info.names.map(() => -1),
        boundary: null,
        curve: null,
        selectedRun: 0,
      });
    },
    landscape: (frame) => this.onLandscape(frame),
    snapshot: (frame) => this.onSnapshot(frame),
    progress: ({ done, total }) => this.patch({ progress: done >= total ? null : { done, total } }),
    status: ({ playing, step, finished }) => this.patch({ playing, step, finished }),
    error: (message) => this.patch({ error: message }),
  };

  private onLandscape(frame: LandscapeFrame): void {
    const state = this.store.getState();
    const names = this.session.info?.names ?? [];
    this.planeId = frame.planeId;
    this.lastPlaneStep = frame.steps.length ? frame.steps[frame.steps.length - 1]! : -1;
    state.setLandscape({
      n: frame.n,
      a: frame.a,
      b: frame.b,
      values: frame.values,
      metric: TO_VIEW_METRIC[frame.metric],
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
      plane: { directions: frame.directions, explained: frame.explained },
    });
    if (this.firstLandscapeMs === null) {
      this.firstLandscapeMs = performance.now();
      this.firstLandscape = Float32Array.from(frame.values);
    }
  }

  private onSnapshot(frame: SnapshotFrame): void {
    const session = this.session;
    const k = frame.trainLoss.length;
    const history = {
      steps: [...session.history.steps, frame.step],
      trainLoss: Array.from({ length: k }, (_, r) => [
        ...(session.history.trainLoss[r] ?? []),
        frame.trainLoss[r]!,
      ]),
      testLoss: Array.from({ length: k }, (_, r) => [
        ...(session.history.testLoss[r] ?? []),
        frame.testLoss[r]!,
      ]),
    };
    const divergedAt = Array.from(frame.divergedAt);
    const divergenceChanged = divergedAt.some((d, r) => d !== session.divergedAt[r]);
    this.patch({
      step: frame.step,
      history,
      // Keep the array's identity while nothing diverges (components compare by reference).
      divergedAt: divergenceChanged ? divergedAt : session.divergedAt,
      boundary: frame.boundary ?? session.boundary,
      curve: frame.curve ?? session.curve,
    });
    if (frame.planeId !== this.planeId || frame.step <= this.lastPlaneStep) return;
    this.lastPlaneStep = frame.step;
    const state = this.store.getState();
    let replaced = false;
    const trajectories = state.trajectories.map((t, r) => {
      let view = t;
      if (t.length >= t.a.length) {
        const capacity = 2 * t.a.length;
        view = {
          ...t,
          a: grow(t.a, capacity),
          b: grow(t.b, capacity),
          trueLoss: grow(t.trueLoss, capacity),
          planeLoss: grow(t.planeLoss, capacity),
          offPlane: grow(t.offPlane, capacity),
        };
        replaced = true;
      }
      const i = view.length;
      view.a[i] = frame.a[r]!;
      view.b[i] = frame.b[r]!;
      view.trueLoss[i] = frame.trueValue[r]!;
      view.planeLoss[i] = frame.planeValue[r]!;
      view.offPlane[i] = frame.offPlaneRelative[r]!;
      view.length = i + 1;
      view.diverged = frame.divergedAt[r]! >= 0;
      return view;
    });
    if (replaced) state.setTrajectories(trajectories);
    else state.touch('trajectories');
  }
}
