/**
 * The compute worker's API as the page sees it (types only). One worker serves every explorer on
 * a page; each explorer is a session with its own id, its own experiment and its own jobs.
 * Calls travel through Comlink; results come back through the session's listener.
 */
import type { ViewSpec } from '../config/view';
import type { BackendStatus } from './backends';
import type { SessionListener } from './frames';
import type { AnalysisJob, AnalysisKind } from './jobs';
import type { ResultParameterEntry } from '../config/result';
import type { RecordedResult } from './recorded';

/** Figures for tests and the endurance script. */
export interface SessionStats {
  tensors: number;
  bytes: number;
  recorded: number;
  recordLimit: number;
  framesInFlight: number;
  step: number;
  /** Threads that evaluated the latest landscape grid on the host program (0: none yet). */
  landscapeThreads: number;
}

export interface ComputeApi {
  /**
   * Holds the Web Lock `name` for as long as the worker lives (the page's death watch); resolves
   * true once held, false where the worker has no Web Locks.
   */
  holdLock(name: string): Promise<boolean>;
  /** Ends the worker at once, as a crash would (recovery tests). */
  crash(): void;
  /**
   * Opens session `id`: chooses the backend (once per worker; `requested` forces one) and
   * configures the experiment. Rejects with every config problem listed.
   */
  open(
    id: number,
    requested: string | null,
    listener: SessionListener,
    input: unknown,
    view: ViewSpec,
  ): Promise<BackendStatus>;
  /** Frees session `id` and its device state. */
  close(id: number): Promise<void>;
  configure(id: number, input: unknown, view: ViewSpec): Promise<void>;
  play(id: number): void;
  /** Pauses; resolves with the update it stopped at (its status is sent before). */
  pause(id: number): Promise<number>;
  step(id: number, count: number): Promise<void>;
  /** Plays until update `step`, then pauses (a restarted worker's replay). */
  playUntil(id: number, step: number): Promise<void>;
  setSpeed(id: number, speed: number): void;
  selectRun(id: number, run: number): void;
  setView(id: number, view: ViewSpec): Promise<void>;
  /** Runs an analysis job (by kind) on the session's recording; its frames go to the listener. */
  run(id: number, job: AnalysisJob): Promise<void>;
  /**
   * Cancels the running job of `kind` (the user's Cancel): it stops within one unit of its work
   * and reports nothing more. Nothing happens when none runs.
   */
  cancel(id: number, kind: AnalysisKind): void;
  stats(id: number): SessionStats | null;
  /** What session `id` recorded, in the result file's shape (null before a session). */
  recorded(id: number): RecordedResult | null;
  /** The plane of session `id`'s landscape (centre, d₁, d₂ [P]) and its id, or null before one. */
  plane(id: number): ShownPlane | null;
}

/** θ(a, b) = centre + a·d₁ + b·d₂ of the landscape with `planeId` (README's parameter layout). */
export interface ShownPlane {
  planeId: number;
  /** The problem the vectors belong to: its name, P and the layout of θ. */
  problem: { name: string; parameters: number; layout: readonly ResultParameterEntry[] };
  centre: Float32Array;
  d1: Float32Array;
  d2: Float32Array;
  /** The grid's ranges along d₁ and d₂ as computed (float64: the plane export's exact ranges). */
  ranges?: { aRange: [number, number]; bRange: [number, number] };
}

/** One session's calls, with its id bound (what a controller holds). */
export type SessionApi = {
  [K in Exclude<keyof ComputeApi, 'holdLock' | 'crash' | 'open'>]: ComputeApi[K] extends (
    id: number,
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
} & {
  open(
    requested: string | null,
    listener: SessionListener,
    input: unknown,
    view: ViewSpec,
  ): Promise<BackendStatus>;
  crash(): Promise<void>;
};
