/**
 * What a host page hears from, and says to, one running explorer — the one vocabulary of the three
 * ways in (`mount()`, the `<loss-landscape-explorer>` element, the iframe's `postMessage` API).
 *
 * Events (plain, structured-clonable data): `ready` once the first landscape is drawn, `step`
 * (throttled) with the newest losses, `landscape` when a new landscape is on screen, `diverged`
 * when a run diverges, `error` when the explorer shows an error. Commands: play, pause, step,
 * reset, setConfig (a whole document), getState.
 */
import {
  DEFAULT_EXPERIMENT,
  parseAppConfig,
  type AppConfigInput,
  type DisplayInput,
} from '../config/app';
import type { ExperimentInput } from '../config/schema';
import type { AppState } from '../state/store';
import type { ExplorerHandle, ReadyDetail } from './types';

/** The events and what each carries. */
export interface ExplorerEventMap {
  /** The first landscape is on screen. */
  ready: { backend: string | null; runs: string[]; totalSteps: number; firstLandscapeMs: number };
  /** Training moved on (at most every `stepIntervalMs`): the step and each run's newest loss. */
  step: { step: number; losses: number[] };
  /** A new landscape is on screen. */
  landscape: LandscapeSummary;
  /** Run `run` (0-based, named `name`) diverged at update `step`. */
  diverged: { run: number; name: string; step: number };
  /** The explorer shows an error. */
  error: { message: string };
}

export type ExplorerEventName = keyof ExplorerEventMap;
export const EXPLORER_EVENT_NAMES: readonly ExplorerEventName[] = [
  'ready',
  'step',
  'landscape',
  'diverged',
  'error',
];

/** What a landscape event and the state tell of the landscape on screen. */
export interface LandscapeSummary {
  /** Points per axis. */
  n: number;
  metric: string;
  axisLabels: [string, string];
  /** How the plane was chosen (`pca`, `random`, …), or null before the worker said. */
  directions: string | null;
  /** The smallest and largest finite value of the grid. */
  min: number;
  max: number;
}

/** A snapshot of one explorer as plain data (what `getState()` returns). */
export interface ExplorerState {
  backend: string | null;
  runs: string[];
  step: number;
  totalSteps: number;
  playing: boolean;
  finished: boolean;
  /** Per run: the update at which it diverged, or −1. */
  divergedAt: number[];
  /** Per run: the newest recorded training loss (NaN before the first). */
  losses: number[];
  error: string | null;
  notice: string | null;
  landscape: LandscapeSummary | null;
  /** Whether the first landscape has been drawn. */
  ready: boolean;
  /** The document in use: the experiment as written, the view, the display. */
  document: AppConfigInput;
}

/** The commands every way in offers. */
export interface ExplorerCommands {
  play(): Promise<void>;
  pause(): Promise<void>;
  /** One update (pauses first where playing). */
  step(): Promise<void>;
  /** Restarts the runs of the document in use. */
  reset(): Promise<void>;
  /**
   * Opens another document in this explorer. Rejects with a `ConfigError` naming each bad field
   * (the explorer keeps what it shows).
   */
  setConfig(document: AppConfigInput): Promise<void>;
  getState(): ExplorerState;
}

/** How often `step` events are sent at most (ms). */
export const STEP_EVENT_INTERVAL_MS = 100;

type Emit = <E extends ExplorerEventName>(event: E, detail: ExplorerEventMap[E]) => void;

/** The newest training loss of each run. */
function latestLosses(state: AppState): number[] {
  return state.session?.history.trainLoss.map((l) => l[l.length - 1] ?? Number.NaN) ?? [];
}

function summarise(state: AppState): LandscapeSummary | null {
  const landscape = state.landscape;
  if (!landscape) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of landscape.values)
    if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  return {
    n: landscape.n,
    metric: landscape.metric,
    axisLabels: [...landscape.axisLabels],
    directions: state.session?.plane?.directions ?? null,
    min,
    max,
  };
}

/**
 * Watches one explorer's store and emits `step`, `landscape`, `diverged` and `error` (the host
 * emits `ready` from the explorer's `onReady`, through `ready()`). `stop()` unsubscribes and
 * cancels a pending step event.
 */
export function watchExplorer(
  handle: ExplorerHandle,
  emit: Emit,
  stepIntervalMs = STEP_EVENT_INTERVAL_MS,
): { ready(detail: ReadyDetail): void; stop(): void } {
  const store = handle.store;
  let lastStepAt = -Infinity;
  let pendingStep: ReturnType<typeof setTimeout> | null = null;
  let sentStep = -1;
  const sendStep = () => {
    pendingStep = null;
    lastStepAt = performance.now();
    const state = store.getState();
    const step = state.session?.step ?? 0;
    if (step === sentStep) return;
    sentStep = step;
    emit('step', { step, losses: latestLosses(state) });
  };
  const unsubscribe = store.subscribe((state, previous) => {
    const session = state.session;
    const before = previous.session;
    if (state.landscape && state.landscape !== previous.landscape) {
      emit('landscape', summarise(state)!);
    }
    if (!session) return;
    if (session.step !== before?.step || session.history !== before?.history) {
      const wait = lastStepAt + stepIntervalMs - performance.now();
      if (wait <= 0 && pendingStep === null) sendStep();
      else pendingStep ??= setTimeout(sendStep, Math.max(0, wait));
    }
    if (session.divergedAt !== before?.divergedAt) {
      session.divergedAt.forEach((at, run) => {
        if (at >= 0 && (before?.divergedAt[run] ?? -1) < 0)
          emit('diverged', { run, name: session.info?.names[run] ?? `run ${run}`, step: at });
      });
    }
    if (session.error && session.error !== before?.error) emit('error', { message: session.error });
  });
  return {
    ready: (detail) => {
      const state = explorerState(handle);
      emit('ready', {
        backend: state.backend,
        runs: state.runs,
        totalSteps: state.totalSteps,
        firstLandscapeMs: detail.firstLandscapeMs,
      });
    },
    stop: () => {
      unsubscribe();
      if (pendingStep !== null) clearTimeout(pendingStep);
      pendingStep = null;
    },
  };
}

/** The explorer's state as plain data. */
export function explorerState(handle: ExplorerHandle): ExplorerState {
  const state = handle.store.getState();
  const session = state.session;
  return {
    backend: session?.backend?.name ?? null,
    runs: [...(session?.info?.names ?? [])],
    step: session?.step ?? 0,
    totalSteps: session?.info?.steps ?? 0,
    playing: session?.playing ?? false,
    finished: session?.finished ?? false,
    divergedAt: [...(session?.divergedAt ?? [])],
    losses: latestLosses(state),
    error: session?.error ?? null,
    notice: session?.notice ?? null,
    landscape: summarise(state),
    ready: handle.controller.firstLandscapeMs !== null,
    document: structuredClone({
      experiment: session?.config ?? DEFAULT_EXPERIMENT,
      view: session?.view,
      display: {
        viewMode: state.viewMode,
        height: state.height,
        speed: session?.speed,
        lecture: state.lecture,
        overshoot: state.overshoot,
        noiseEllipse: state.noiseEllipse,
      } satisfies DisplayInput,
    }) as AppConfigInput,
  };
}

/**
 * Opens `input` in a running explorer: the display at once, then the experiment and view in one
 * restart of the runs. Throws a `ConfigError` (one line per bad field) before changing anything.
 */
export async function applyDocument(handle: ExplorerHandle, input: AppConfigInput): Promise<void> {
  const doc = parseAppConfig(input);
  const state = handle.store.getState();
  state.setViewMode(doc.display.viewMode);
  state.setHeightOptions(doc.display.height);
  state.setLecture(doc.display.lecture);
  state.setOvershoot(doc.display.overshoot);
  state.setNoiseEllipse(doc.display.noiseEllipse);
  state.setMetric(doc.view.metric);
  // The restart below takes the view from the session.
  state.patchSession({ view: doc.view, viewError: null });
  await handle.controller.setSpeed(doc.display.speed);
  const experiment: ExperimentInput =
    (input.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT;
  const applied = await handle.controller.apply(experiment);
  if (!applied) {
    const problems = handle.store.getState().session?.problems ?? [];
    throw new Error(`The experiment could not be started:\n${problems.join('\n')}`);
  }
}

/** The commands of one explorer. */
export function explorerCommands(handle: ExplorerHandle): ExplorerCommands {
  const { controller } = handle;
  return {
    play: () => controller.play(),
    pause: () => controller.pause(),
    step: () => controller.step(),
    reset: () => controller.reset(),
    setConfig: (document) => applyDocument(handle, document),
    getState: () => explorerState(handle),
  };
}
