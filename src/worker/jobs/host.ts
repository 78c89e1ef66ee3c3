/**
 * What a job handler may use of its session: the experiment, the recording, the view, the
 * listener, the plane live frames are projected onto, and job bookkeeping (ids, cancellation).
 */
import type { ViewSpec } from '../../config/view';
import type { Plane } from '../../engine/landscape/plane';
import type { Experiment } from '../../experiment/build';
import type { VarProMap } from '../../experiment/landscape-varpro';
import type { SessionListener } from '../../protocol/frames';
import type { AnalysisKind } from '../../protocol/jobs';

export interface JobHost {
  readonly experiment: Experiment | null;
  /** Recorded steps, θ of every run ([K, P] each) and metrics, oldest first. */
  readonly recording: { steps: number[]; thetas: Float32Array[] };
  /** The view asked for; `shownView` is the one whose picture is on screen (null: none yet). */
  view: ViewSpec;
  shownView: ViewSpec | null;
  readonly listener: SessionListener;
  /** Starts a job of `kind` (aborting the running one of that kind); call `end` when done. */
  begin(kind: AnalysisKind): { jobId: number; signal: AbortSignal; end(): void };
  /** Per run: its recorded θ, row-major [T, P]. */
  trajectories(): Float32Array[];
  /** The view metric of one run at every recorded step [T]. */
  history(run: number): Float32Array;
  /**
   * The session's linear plane (live frames are projected onto it), or null before the first and
   * in the tanh model's exact (w, shift) view (not a linear plane).
   */
  readonly currentPlane: Plane | null;
  /**
   * Makes `plane` (or the tanh model's exact (w, shift) map) the session's plane; returns its id.
   * `ranges`: the grid's ranges along d₁ and d₂ as computed (float64), for the plane export.
   */
  setPlane(
    plane: Plane | VarProMap,
    ranges?: { aRange: [number, number]; bRange: [number, number] },
  ): number;
  /** The view metric at plane points (a, b) [T] on the session's plane. */
  planeValues(a: Float32Array, b: Float32Array): Float32Array;
}
