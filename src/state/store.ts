/**
 * The view state of one app or widget instance: a zustand store FACTORY, handed down through a
 * React context, so two widgets on one page never share state (zustand docs, "Initialize state
 * with props").
 *
 *   const store = createAppStore({ viewMode: 'contour' });
 *   <StoreProvider store={store}> … </StoreProvider>      // or <StoreProvider initial={…}>
 *   const mode = useAppStore((s) => s.viewMode);          // in a component below it
 *
 * Fast-changing data stays out of React renders: the landscape grid and the trajectories are typed
 * arrays that a producer may mutate in place (a streamed grid row, a new trajectory point); it then
 * calls `touch('landscape' | 'trajectories')`, which bumps the version counters. The 3-D scene and
 * the contour map subscribe to those counters with `store.subscribe` and update their GPU buffers
 * / SVG nodes directly; only small widgets (legend, readouts) re-render through React.
 */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  HeightOptions,
  LandscapeMetric,
  LandscapeView,
  TrajectoryView,
  ViewMode,
} from './view-types';
import { DEFAULT_DISPLAY, DEFAULT_VIEW, type DisplayConfig } from '../config/app';
import type { SessionState } from './session';

/** The data of the store (what `createAppStore` may be given). */
export interface AppData {
  /** The training session: worker reports and the user's edits (see ./session). */
  session: SessionState | null;
  /** The landscape on screen, or null before the first one arrives. */
  landscape: LandscapeView | null;
  /** One per run, in legend order. */
  trajectories: TrajectoryView[];
  /**
   * Index of the trajectory point shown as "now" (the marker; the path is drawn up to it), or null
   * to follow the newest point (live training).
   */
  scrub: number | null;
  height: HeightOptions;
  /** The metric the user asked for (the landscape's own `metric` says what it holds). */
  metric: LandscapeMetric;
  viewMode: ViewMode;
  /** The colour map of the surface and the contour map (the document's `display.colormap`). */
  colormap: Colormap;
  /** Lecture mode: large type, thick lines, high-contrast colours, the sidebar folded away. */
  lecture: boolean;
  /**
   * Surfaces: the selected run's step drawn with its second-order Taylor model (the document's
   * `display.overshoot`).
   */
  overshoot: boolean;
  /** Data problems: the selected run's gradient-noise ellipse (`display.noiseEllipse`). */
  noiseEllipse: boolean;
  /** The lesson open in this explorer and the index of its text step shown, or null. */
  lesson: LessonPosition | null;
  /**
   * Controls and panels hidden from the learner (a classroom link's `hide`): field paths of the
   * field table (`experiment.runs[].lr`), panel ids and control ids (`config/controls.ts`).
   */
  hidden: readonly string[];
  /** Bumped on every change of the landscape or the trajectories, including in-place mutation. */
  version: number;
  /** Bumped when the landscape (or its values, in place) changed. */
  landscapeVersion: number;
  /** Bumped when the trajectories (or their points, in place) changed. */
  trajectoryVersion: number;
}

export interface AppActions {
  /** Merges a partial update into the session state. */
  patchSession(patch: Partial<SessionState>): void;
  /** Replaces the landscape (or clears it with null). */
  setLandscape(view: LandscapeView | null): void;
  /** Replaces the list of trajectories. */
  setTrajectories(trajectories: TrajectoryView[]): void;
  /** Tells the views that typed arrays were mutated in place. */
  touch(what?: 'landscape' | 'trajectories' | 'all'): void;
  /** Shows point `index` as "now" (clamped at ≥ 0), or follows the newest point with null. */
  setScrub(index: number | null): void;
  /** Changes the height scale and/or clip quantile; clip must be in (0, 1]. */
  setHeightOptions(options: Partial<HeightOptions>): void;
  setMetric(metric: LandscapeMetric): void;
  setViewMode(mode: ViewMode): void;
  setColormap(colormap: Colormap): void;
  setLecture(on: boolean): void;
  setOvershoot(on: boolean): void;
  setNoiseEllipse(on: boolean): void;
  /** Opens a lesson at a step (the caller applies the step's document), or closes it with null. */
  setLesson(lesson: LessonPosition | null): void;
  setHidden(hidden: readonly string[]): void;
}

/** Which lesson (its registry id) and which of its text steps (0-based). */
export interface LessonPosition {
  id: string;
  step: number;
}

export type AppState = AppData & AppActions;
export type Colormap = DisplayConfig['colormap'];
export type AppStore = StoreApi<AppState>;

/** The document's default display (config/app.ts): log heights clipped at the 95 % quantile. */
export const DEFAULT_HEIGHT_OPTIONS: HeightOptions = DEFAULT_DISPLAY.height;

const HEIGHT_SCALES: readonly HeightOptions['scale'][] = ['linear', 'log'];

function checkHeightOptions(options: HeightOptions): HeightOptions {
  if (!HEIGHT_SCALES.includes(options.scale)) {
    throw new RangeError(
      `height.scale: must be 'linear' or 'log' (got '${String(options.scale)}')`,
    );
  }
  if (!(options.clip > 0 && options.clip <= 1)) {
    throw new RangeError(`height.clip: must be > 0 and ≤ 1 (got ${options.clip})`);
  }
  return options;
}

/** Creates one store; `initial` overrides the defaults (an empty scene, log heights clipped at 95 %). */
export function createAppStore(initial: Partial<AppData> = {}): AppStore {
  const data: AppData = {
    session: null,
    landscape: null,
    trajectories: [],
    scrub: null,
    height: DEFAULT_HEIGHT_OPTIONS,
    metric: DEFAULT_VIEW.metric,
    viewMode: DEFAULT_DISPLAY.viewMode,
    colormap: DEFAULT_DISPLAY.colormap,
    lecture: false,
    overshoot: DEFAULT_DISPLAY.overshoot,
    noiseEllipse: DEFAULT_DISPLAY.noiseEllipse,
    lesson: null,
    hidden: [],
    version: 0,
    landscapeVersion: 0,
    trajectoryVersion: 0,
    ...initial,
  };
  checkHeightOptions(data.height);
  return createStore<AppState>()((set) => ({
    ...data,
    patchSession: (patch) =>
      set((s) => ({ session: s.session ? { ...s.session, ...patch } : null })),
    setLandscape: (landscape) =>
      set((s) => ({
        landscape,
        version: s.version + 1,
        landscapeVersion: s.landscapeVersion + 1,
      })),
    setTrajectories: (trajectories) =>
      set((s) => ({
        trajectories,
        version: s.version + 1,
        trajectoryVersion: s.trajectoryVersion + 1,
      })),
    touch: (what = 'all') =>
      set((s) => ({
        version: s.version + 1,
        landscapeVersion: s.landscapeVersion + (what === 'trajectories' ? 0 : 1),
        trajectoryVersion: s.trajectoryVersion + (what === 'landscape' ? 0 : 1),
      })),
    setScrub: (index) => {
      if (index !== null && !Number.isFinite(index)) {
        throw new RangeError(`scrub: must be a finite index or null (got ${index})`);
      }
      set({ scrub: index === null ? null : Math.max(0, Math.floor(index)) });
    },
    setHeightOptions: (options) =>
      set((s) => ({ height: checkHeightOptions({ ...s.height, ...options }) })),
    setMetric: (metric) => set({ metric }),
    setViewMode: (viewMode) => set({ viewMode }),
    setColormap: (colormap) => set({ colormap }),
    setLecture: (lecture) => set({ lecture }),
    setOvershoot: (overshoot) => set({ overshoot }),
    setNoiseEllipse: (noiseEllipse) => set({ noiseEllipse }),
    setLesson: (lesson) => set({ lesson }),
    setHidden: (hidden) => set({ hidden }),
  }));
}

/** The store of the nearest `StoreProvider` (null outside one). */
export const StoreContext = createContext<AppStore | null>(null);

export interface StoreProviderProps {
  /** A store made elsewhere (e.g. by the code that also feeds it); else one is created. */
  store?: AppStore;
  /** Initial data for the store created here (read once, on first render). */
  initial?: Partial<AppData>;
  children?: ReactNode;
}

/** Provides one store to everything below it; the store lives as long as the provider. */
export function StoreProvider({ store, initial, children }: StoreProviderProps) {
  const [own] = useState(() => store ?? createAppStore(initial));
  return createElement(StoreContext.Provider, { value: store ?? own }, children);
}

/** The store of the nearest `StoreProvider` (for subscriptions outside React renders). */
export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore/useStoreApi must be used inside a <StoreProvider>');
  return store;
}

/** Selects from the nearest store; the component re-renders when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
