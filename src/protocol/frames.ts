/**
 * What crosses between the compute worker and the page (types only): the view the user chose,
 * and the frames (snapshots, landscapes, progress, status) a session reports. Plain numbers and
 * typed arrays.
 */
import type {
  BadMinimaResult,
  ConnectResult,
  CurvatureResult,
  ImplicitBiasResult,
  MinimaResult,
} from '../config/result';
import type { EnsembleResult } from '../config/ensemble-result';
import type { LANDSCAPE_METRICS } from '../config/schema';
import type { ViewSpec } from '../config/view';
import type { SessionInfo } from './session-info';
import type { ResultNoisePoint } from '../config/noise-result';
import type { DigitsViewFrame } from './digits-view';

export type { ViewSpec };
type LandscapeMetric = (typeof LANDSCAPE_METRICS)[number];

/** How much of the recording the worker keeps (it is bounded: older snapshots are thinned). */
export interface RecordingInfo {
  /** Recorded snapshots kept now. */
  kept: number;
  /** The most snapshots kept; beyond it the older half is thinned to every other point. */
  limit: number;
  /** Snapshots before this step are thinned; null while every recorded step is kept. */
  thinnedBefore: number | null;
}

/**
 * Recorded steps of every run, placed on the current plane: either the points recorded since the
 * previous frame (`replace: false`; frames are coalesced when the page falls behind, so one frame
 * may carry many points) or the whole recording (`replace: true`, after thinning or a restart).
 * Per-point arrays are row-major [T, K] (T points, K runs).
 */
export interface SnapshotFrame {
  /** The newest update taken (the last of `steps`, or the current step when T = 0). */
  step: number;
  replace: boolean;
  /** The plane the coordinates below refer to. */
  planeId: number;
  /** Recorded steps of the points in this frame [T]. */
  steps: Int32Array;
  trainLoss: Float32Array;
  /** NaN where there is no test data. */
  testLoss: Float32Array;
  trainAccuracy?: Float32Array;
  testAccuracy?: Float32Array;
  /** ‖∇L‖ of each run at the newest step [K]. */
  gradNorm: Float32Array;
  /** Update at which each run diverged, or −1 [K]. */
  divergedAt: Int32Array;
  /** Coordinates on the plane, the view metric at θ and at the projected point, off-plane ratio [T, K] (empty before a plane exists). */
  a: Float32Array;
  b: Float32Array;
  trueValue: Float32Array;
  planeValue: Float32Array;
  offPlaneRelative: Float32Array;
  /**
   * λ_max of every run's Hessian, tracked while playing (new entries since the previous frame;
   * every entry when `replace`): steps [S] and values row-major [S, K].
   */
  sharpness?: { steps: Int32Array; values: Float32Array };
  /**
   * 2-D classifiers: P(y = 1) of the selected run on an n×n grid of the input window, row-major
   * [n, n]; with `classes` C ≥ 3, the C class probabilities per grid point, row-major [n, n, C].
   */
  boundary?: {
    run: number;
    n: number;
    window: [number, number, number, number];
    values: Float32Array;
    /** Classes C (2: `values` is P(y = 1); C ≥ 3: C probabilities per point). Absent: 2. */
    classes?: number;
  };
  /** 1-D regression: every run's prediction at `x` [nx], row-major [K, nx]. */
  curve?: { x: Float32Array; y: Float32Array };
  recording: RecordingInfo;
}

/** A computed landscape with every recorded step of every run projected onto its plane. */
export interface LandscapeFrame {
  jobId: number;
  planeId: number;
  /** How the plane was chosen ('explicit': numbers given, a config's or a plane file's). */
  directions: Extract<ViewSpec['directions'], string> | 'explicit';
  metric: LandscapeMetric;
  axisLabels: [string, string];
  explained: [number, number] | null;
  n: number;
  a: Float32Array;
  b: Float32Array;
  /** Row-major [n_b, n_a]. */
  values: Float32Array;
  /** Steps of the recorded points below. */
  steps: Int32Array;
  /** Per run, per recorded step. */
  trajectories: {
    a: Float32Array;
    b: Float32Array;
    trueValue: Float32Array;
    planeValue: Float32Array;
    offPlaneRelative: Float32Array;
  }[];
  /**
   * directions 'varpro' (a = w, b = shift): the dynamic outliers at the reference point (indices
   * into the training points, largest residual first) and the surface's local minima.
   */
  varpro?: {
    outliers: number[];
    minima: { w: number; s: number; loss: number; outliers: number[] }[];
  };
}

/** A landscape job that failed: why, and the view whose picture is still on screen (or null). */
export interface LandscapeFailure {
  jobId: number;
  message: string;
  view: ViewSpec | null;
}

/** A curvature job's progress, result or failure (one frame type for all three). */
export interface CurvatureFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** When done. */
  result?: CurvatureResult;
  /** When failed: why, in words. */
  message?: string;
}

/** A minima (flat vs sharp) job's progress, result or failure (one frame type for all three). */
export interface MinimaFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** When done. */
  result?: MinimaResult;
  /** When failed: why, in words. */
  message?: string;
}

/**
 * A curve job's progress, result or failure: while running, `result` is the curve so far (the
 * paths, barriers and plane at step `done` of `total`); when done, the trained curve.
 */
export interface ConnectFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result?: ConnectResult;
  /** When failed: why, in words. */
  message?: string;
}

/**
 * A bad-minima job's progress, result or failure. While the bad runs train, `training` holds their
 * accuracies on the clean training set and on the poison set [K] (climbing) at update `done` of
 * `total`; `phase` 'measuring' follows (metrics, λ_max, interpolations, plane); then the result.
 */
export interface BadMinimaFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  training?: {
    phase: 'training' | 'measuring';
    cleanAccuracy: number[];
    poisonAccuracy: number[];
    stopped: boolean[];
  };
  result?: BadMinimaResult;
  /** When failed: why, in words. */
  message?: string;
}

/**
 * An implicit-bias job's progress, result or failure: per run, every recorded θ against the SVM
 * direction (logistic regression) or A⁺b (least squares).
 */
export interface ImplicitBiasFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result?: ImplicitBiasResult;
  /** When failed: why, in words (e.g. the data are not linearly separable). */
  message?: string;
}

/** An ensemble job's progress (steps trained), result or failure (experiment/ensemble.ts). */
export interface EnsembleFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result?: EnsembleResult;
  /** When failed: why, in words. */
  message?: string;
}

/** A gradient-noise job's result (one run's ellipse at one recorded point) or failure. */
export interface NoiseFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** The recorded step index the result is for. */
  at?: number;
  result?: ResultNoisePoint;
  /** The grid `result.sampled.landscape` is on (the job's `grid`), when it was computed. */
  grid?: { a: number[]; b: number[] };
  message?: string;
}

/**
 * What the session reports. `snapshot` may return a promise: the session sends at most two
 * unacknowledged snapshot frames and coalesces the rest, so a page that draws slowly receives
 * fewer, larger frames instead of a growing queue.
 */
export interface SessionListener {
  session(info: SessionInfo): void;
  snapshot(frame: SnapshotFrame): void | Promise<void>;
  landscapeFailed(failure: LandscapeFailure): void;
  landscape(frame: LandscapeFrame): void;
  curvature(frame: CurvatureFrame): void;
  minima(frame: MinimaFrame): void;
  connect(frame: ConnectFrame): void;
  badMinima(frame: BadMinimaFrame): void;
  implicitBias(frame: ImplicitBiasFrame): void;
  ensemble(frame: EnsembleFrame): void;
  noise(frame: NoiseFrame): void;
  digitsView(frame: DigitsViewFrame): void;
  progress(job: { jobId: number; done: number; total: number }): void;
  status(status: { playing: boolean; step: number; finished: boolean }): void;
  error(message: string): void;
}
