/**
 * The data contract between whoever computes a landscape (the engine, through the worker) and the
 * views that draw it. Everything is plain numbers and typed arrays: no tensors, no three.js.
 *
 * Producers may mutate the typed arrays in place (streamed grid rows, growing trajectories) and
 * then bump the store's version counter (`touch` in src/state/store.ts); views redraw from the
 * arrays without going through a React render.
 */

/** What a landscape grid holds at each point. */
/** What a landscape holds: the app's one metric vocabulary (config's). */
export type { LandscapeMetric } from '../config/schema';
import type { LandscapeMetric } from '../config/schema';

/** A scalar field over a plane in parameter space, sampled on an n × n grid. */
export interface LandscapeView {
  /** Points per axis (the grid is n × n). */
  n: number;
  /** [n] coordinates along direction 1 (drawn as x), strictly increasing. */
  a: Float32Array;
  /** [n] coordinates along direction 2 (drawn as depth, b increasing away from the viewer), strictly increasing. */
  b: Float32Array;
  /**
   * Row-major [n_b, n_a]: the value at (a[i], b[j]) is `values[j * n + i]`. May hold NaN or
   * ±Infinity (a diverged region): views clip those to the top of the scale and flag them.
   */
  values: Float32Array;
  metric: LandscapeMetric;
  /** Labels of the two directions, e.g. `['PC1 (72.4 %)', 'PC2 (11.0 %)']` or `['δ (filter-normalised)', 'η (filter-normalised)']`. */
  axisLabels: [string, string];
}

/** One optimiser's path, projected onto the landscape's plane. */
export interface TrajectoryView {
  name: string;
  /** CSS colour, e.g. `#4e79a7`. */
  color: string;
  /** [capacity] coordinate along direction 1 of each recorded point. */
  a: Float32Array;
  /** [capacity] coordinate along direction 2. */
  b: Float32Array;
  /** [capacity] the loss at the point itself (drawn: a path is shown at its true height). */
  trueLoss: Float32Array;
  /** [capacity] the loss at the point's projection onto the plane (the surface below it). */
  planeLoss: Float32Array;
  /** [capacity] ‖θ − proj(θ)‖ / ‖θ − θ_centre‖: 0 on the plane, ~1 when the path is mostly off it. */
  offPlane: Float32Array;
  /** Points in use; the buffers may be preallocated longer. */
  length: number;
  diverged: boolean;
}

/** How values become heights. */
export interface HeightOptions {
  /** `linear`: height ∝ v − min; `log`: height ∝ log10(v − min + ε). */
  scale: 'linear' | 'log';
  /** Quantile in (0, 1] of the finite values; values above it are clipped to it (e.g. 0.95). */
  clip: number;
}

/** Which of the two drawings of the landscape is shown. */
export type ViewMode = '3d' | 'contour';
