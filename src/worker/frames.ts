/**
 * What crosses between the compute session and the page: the view the user chose, and the frames
 * (snapshots, landscapes, progress, status) the session reports. Plain numbers and typed arrays.
 */
import type { LandscapeConfig } from '../config/schema';
import type { LandscapeMetric } from '../engine/landscape/metrics';
import type { SessionInfo } from './describe';

/** What the user chose to look at. */
export interface ViewSpec {
  directions: 'random' | 'pca' | 'points' | 'axes';
  /** Points per axis, 5 … 201. */
  n: number;
  /** [min, max] for both axes, or 'fit' to the paths. */
  range: 'fit' | [number, number];
  metric: LandscapeMetric;
  normalization: 'filter' | 'layer' | 'none';
  orthogonalize: boolean;
  /** 'points': three run points; default: run 0's start and end and run 1's end. */
  through?: LandscapeConfig['through'];
}

export const DEFAULT_VIEW: ViewSpec = {
  directions: 'pca',
  n: 41,
  range: 'fit',
  metric: 'trainLoss',
  normalization: 'filter',
  orthogonalize: false,
};

/** The state of every run at one recorded step, placed on the current plane. */
export interface SnapshotFrame {
  step: number;
  trainLoss: Float32Array;
  testLoss: Float32Array;
  gradNorm: Float32Array;
  trainAccuracy?: Float32Array;
  testAccuracy?: Float32Array;
  /** Update at which each run diverged, or −1 [K]. */
  divergedAt: Int32Array;
  /** The plane the coordinates below refer to. */
  planeId: number;
  /** Coordinates on the plane, the view metric at θ and at the projected point, off-plane ratio [K]. */
  a: Float32Array;
  b: Float32Array;
  trueValue: Float32Array;
  planeValue: Float32Array;
  offPlaneRelative: Float32Array;
  /** 2-D classifiers: P(y = 1) of the selected run on an n×n grid of the input window, row-major [n, n]. */
  boundary?: {
    run: number;
    n: number;
    window: [number, number, number, number];
    values: Float32Array;
  };
  /** 1-D regression: every run's prediction at `x` [nx], row-major [K, nx]. */
  curve?: { x: Float32Array; y: Float32Array };
}

/** A computed landscape with every recorded step of every run projected onto its plane. */
export interface LandscapeFrame {
  jobId: number;
  planeId: number;
  directions: ViewSpec['directions'];
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
}

export interface SessionListener {
  session(info: SessionInfo): void;
  snapshot(frame: SnapshotFrame): void;
  landscape(frame: LandscapeFrame): void;
  progress(job: { jobId: number; done: number; total: number }): void;
  status(status: { playing: boolean; step: number; finished: boolean }): void;
  error(message: string): void;
}
