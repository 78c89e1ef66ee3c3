/**
 * `result.ensemble`: seed ensembles at several temperatures η/B (see `ensemble-schema.ts` and
 * `src/experiment/ensemble.ts`). Plain JSON (the CLI writes it, the worker posts it).
 */

/** One temperature's ensemble. S = recorded steps, N = members. */
export interface EnsembleTemperatureResult {
  lr: number;
  /** The batch size used (the config's, at most the training-set size). */
  batchSize: number;
  /** η/B. */
  temperature: number;
  /** Members that diverged; they are left out of every statistic below. */
  diverged: number;
  /** Each member's plane coordinates per recorded step, [S][N] (diverged members: null). */
  a: (number | null)[][];
  b: (number | null)[][];
  /** Cloud mean in the plane per recorded step [S]. */
  mean: [number, number][];
  /** Cloud covariance in the plane per recorded step, [caa, cab, cbb] (unbiased, N − 1). */
  cov: [number, number, number][];
  /** Trace of the cloud's covariance in full θ per recorded step [S] (unbiased). */
  trace: number[];
  /** Mean full-batch training loss of the members per recorded step [S]. */
  loss: number[];
  /** Stationary spread: the mean of `trace` over the window (null with fewer than 2 members). */
  spread: number | null;
  /**
   * Standard error of `spread`: the members' own window averages of ‖θ_j − θ̄‖²·N/(N − 1) are
   * independent draws whose mean is `spread`; their standard deviation / √N.
   */
  spreadError: number | null;
  /** Mean of `cov` over the window (the stationary covariance ellipse in the plane). */
  planeCov: [number, number, number] | null;
  /** Escape (when the config asks): members whose quenched end is off the start's minimum. */
  escape?: {
    escaped: number;
    /** escaped / healthy members. */
    fraction: number;
    /** Full-batch loss of each member's quenched end [N] (diverged members: null). */
    quenchedLoss: (number | null)[];
    /** Each member escaped? [N] (diverged members: false). */
    escapedMembers: boolean[];
  };
}

export interface EnsembleResult {
  /** The run the members copy. */
  run: number;
  members: number;
  /** Recorded steps [S]. */
  steps: number[];
  /** The stationary window: recorded steps from `from` to `to` (inclusive). */
  window: { from: number; to: number };
  plane: {
    kind: 'pca' | 'axes';
    /** θ at the plane's origin [P]. */
    origin: number[];
    /** Unit directions [P] each. */
    directions: [number[], number[]];
    /** PCA: the fraction of the window's variance each direction explains; axes: null. */
    explained: [number, number] | null;
    axisLabels: [string, string];
  };
  temperatures: EnsembleTemperatureResult[];
  /** Least-squares line spread ≈ intercept + slope·(η/B) over the temperatures (null: < 2 usable). */
  fit: { slope: number; intercept: number; r2: number } | null;
  /** Additive gradient noise (analytic surfaces). */
  noise?: { sigma: number; examples: number };
  /** How escape was decided, and the minimum the members started in. */
  escape?: {
    radius: number;
    quenchSteps: number;
    quenchLr: number;
    /** The quenched θ₀ [P] and its loss. */
    reference: { theta: number[]; loss: number };
  };
}
