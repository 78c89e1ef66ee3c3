/**
 * `window.__lle`: a read-only view of one app instance for end-to-end tests and embedding pages.
 * `state()` returns plain numbers (no typed arrays shared with the views).
 */
import type { RootState } from '@react-three/fiber';
import { pixelStats, type PixelStats } from '../scene/pixels';
import type { AppStore } from '../state/store';
import type { SessionController } from '../client/controller';

export interface LleState {
  backend: string | null;
  fallbacks: { name: string; reason: string }[];
  names: string[];
  step: number;
  totalSteps: number;
  playing: boolean;
  finished: boolean;
  divergedAt: number[];
  error: string | null;
  notice: string | null;
  viewError: string | null;
  /** Per run: recorded points on the current plane, and the newest one. */
  trajectories: {
    name: string;
    length: number;
    a: number;
    b: number;
    trueLoss: number;
    offPlane: number;
  }[];
  landscape: {
    n: number;
    axisLabels: [string, string];
    min: number;
    max: number;
    directions: string | null;
  } | null;
  trainLoss: number[];
  /** The newest step in the loss history (−1 when empty): frames may trail the status. */
  historyStep: number;
  /** Milliseconds from navigation to the first complete landscape in the store. */
  firstLandscapeMs: number | null;
  /** Values of the first landscape (row-major), for cross-backend comparisons. */
  firstLandscape: number[] | null;
  /** A saved result is replayed (nothing trains, nothing is recomputed). */
  replaying: boolean;
  /** Landscape frames the worker has sent since the page opened. */
  landscapeFrames: number;
}

/** The landscape on screen as plain numbers (NaN where the grid has none). */
export interface LleGrid {
  n: number;
  metric: string;
  a: number[];
  b: number[];
  /** Row-major [n_b, n_a]. */
  values: number[];
}

export interface LleHandle {
  state(): LleState;
  /** Renders the 3-D view once and counts its pixels; null before it exists. */
  pixels(): PixelStats | null;
  /** Ends the compute worker as a crash would (the page must recover). */
  crashWorker(): void;
  /** The worker's figures: tensors, recorded snapshots, frames in flight (null before a session). */
  workerStats(): Promise<unknown>;
  /** three.js GPU objects of the 3-D view (geometries, textures, programs), or null. */
  gpuObjects(): { geometries: number; textures: number; programs: number } | null;
  /** The landscape grid on screen, or null. */
  grid(): LleGrid | null;
  /**
   * The loss history so far (copies): the recorded steps and, per run, the training loss and the
   * path's plane coordinates at each (the path on a surface's own axes is θ itself).
   */
  history(): LleHistory;
}

/** What `history()` returns. */
export interface LleHistory {
  steps: number[];
  trainLoss: number[][];
  /** Per run: plane coordinates of the recorded points on the current plane. */
  paths: { a: number[]; b: number[] }[];
  /** λ_max tracked while playing: the steps measured and, per run, the values there. */
  sharpness: { steps: number[]; values: number[][] };
}

declare global {
  interface Window {
    __lle?: LleHandle;
  }
}

export function exposeHandle(
  store: AppStore,
  controller: SessionController,
  scene: () => RootState | null,
): () => void {
  const handle: LleHandle = {
    crashWorker: () => controller.crashWorker(),
    workerStats: () => controller.workerStats(),
    gpuObjects: () => {
      const gl = scene()?.gl;
      if (!gl) return null;
      return {
        geometries: gl.info.memory.geometries,
        textures: gl.info.memory.textures,
        programs: gl.info.programs?.length ?? 0,
      };
    },
    history: () => {
      const s = store.getState();
      return {
        steps: [...(s.session?.history.steps ?? [])],
        trainLoss: (s.session?.history.trainLoss ?? []).map((l) => [...l]),
        paths: s.trajectories.map((t) => ({
          a: Array.from(t.a.subarray(0, t.length)),
          b: Array.from(t.b.subarray(0, t.length)),
        })),
        sharpness: {
          steps: [...(s.session?.sharpness.steps ?? [])],
          values: (s.session?.sharpness.values ?? []).map((v) => [...v]),
        },
      };
    },
    grid: () => {
      const l = store.getState().landscape;
      if (!l) return null;
      const list = (x: Float32Array) => Array.from(x);
      return { n: l.n, metric: l.metric, a: list(l.a), b: list(l.b), values: list(l.values) };
    },
    pixels: () => {
      const state = scene();
      return state ? pixelStats(state, store.getState().trajectories) : null;
    },
    state: () => {
      const s = store.getState();
      const session = s.session;
      const values = s.landscape?.values;
      let min = Infinity;
      let max = -Infinity;
      if (values)
        for (const v of values)
          if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
      return {
        backend: session?.backend?.name ?? null,
        fallbacks: session?.backend?.fallbacks ?? [],
        names: session?.info?.names ?? [],
        step: session?.step ?? 0,
        totalSteps: session?.info?.steps ?? 0,
        playing: session?.playing ?? false,
        finished: session?.finished ?? false,
        divergedAt: session?.divergedAt ?? [],
        error: session?.error ?? null,
        notice: session?.notice ?? null,
        viewError: session?.viewError ?? null,
        trajectories: s.trajectories.map((t) => ({
          name: t.name,
          length: t.length,
          a: t.a[t.length - 1] ?? 0,
          b: t.b[t.length - 1] ?? 0,
          trueLoss: t.trueLoss[t.length - 1] ?? 0,
          offPlane: t.offPlane[t.length - 1] ?? 0,
        })),
        landscape: s.landscape
          ? {
              n: s.landscape.n,
              axisLabels: s.landscape.axisLabels,
              min,
              max,
              directions: session?.plane?.directions ?? null,
            }
          : null,
        trainLoss: session?.history.trainLoss.map((l) => l[l.length - 1] ?? Number.NaN) ?? [],
        historyStep: session?.history.steps.at(-1) ?? -1,
        firstLandscapeMs: controller.firstLandscapeMs,
        firstLandscape: controller.firstLandscape ? Array.from(controller.firstLandscape) : null,
        replaying: controller.replaying,
        landscapeFrames: controller.landscapeFrames,
      };
    },
  };
  window.__lle = handle;
  return () => {
    if (window.__lle === handle) delete window.__lle;
  };
}
