/**
 * The `noise` section of a result (`result.noise`, written when the config has a `noise` block):
 * the mini-batch gradient-noise covariance at chosen recorded points, projected on the
 * experiment's landscape plane. See README `### experiment.noise`.
 */

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface ResultSymmetric2 {
  xx: number;
  xy: number;
  yy: number;
}

/** A 2×2 covariance with its ellipse axes. */
export interface ResultEllipse {
  /** The matrix. */
  covariance: ResultSymmetric2;
  /** Eigenvalues, largest first. */
  eigenvalues: [number, number];
  /** Unit eigenvectors [x, y] of the two eigenvalues. */
  axes: [[number, number], [number, number]];
  /** Major-axis angle from the first plane axis (radians). */
  angle: number;
  trace: number;
}

/** Noise covariance in two units: of the projected gradient, and of one SGD step in plane coordinates. */
export interface ResultNoiseTerm {
  /** DᵀCD: covariance of the mini-batch gradient's components along d₁, d₂. */
  gradient: ResultEllipse;
  /** η²(DᵀD)⁻¹DᵀCD(DᵀD)⁻¹: covariance of one SGD step's plane coordinates (i.i.d. draws). */
  step: ResultEllipse;
}

export interface ResultNoisePoint {
  run: number;
  name: string;
  /** The recorded step. */
  step: number;
  /** The point's plane coordinates (its least-squares projection). */
  a: number;
  b: number;
  /** Mini-batch size B and learning rate η (at this step) used. */
  batchSize: number;
  lr: number;
  /** 'uniform' or 'importance' (with its temperature U_c). */
  sampling: 'uniform' | 'importance';
  temperature?: number;
  /**
   * Factor to apply to C for the run's actual sampler: (m − B)/(m − 1) for uniform batches drawn
   * without replacement within an epoch (0 for full batch), 1 for i.i.d. importance draws.
   */
  samplerFactor: number;
  /** C = (1/B)(Σᵢ pᵢ∇ℓᵢ∇ℓᵢᵀ − ∇L_p∇L_pᵀ) on the plane, p uniform or the importance probabilities. */
  total: ResultNoiseTerm;
  /** Squared loss on teacher data, uniform sampling: intrinsic + exploration = E_ε[total]. */
  split?: {
    intrinsic: ResultNoiseTerm;
    exploration: ResultNoiseTerm;
    expectedTotal: ResultNoiseTerm;
  };
  /** Importance-sampled runs: the training loss, the sampler's loss L_p = Σ pᵢℓᵢ and 1/Σpᵢ². */
  sampled?: {
    trainLoss: number;
    sampledLoss: number;
    effectiveExamples: number;
    /** L and L_p on the landscape grid (row-major over b then a, like `landscape.values`). */
    landscape?: { trainLoss: number[]; sampledLoss: number[] };
  };
}

export interface NoiseResult {
  /** The plane's axis labels and the grid the sampled landscapes use (the landscape's). */
  axisLabels: [string, string];
  n: number;
  a: number[];
  b: number[];
  /** Training examples m. */
  examples: number;
  points: ResultNoisePoint[];
}
