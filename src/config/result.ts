/**
 * The result file: what `npm run cli` writes and what the app's "Export → Result (JSON)" writes,
 * and what "Open result…" reads back. One shape for both (`ExperimentResult`), one schema that
 * validates a file (`ResultFileSchema`).
 *
 * JSON has no NaN or ±Infinity: `JSON.stringify` writes them as null, so every measured number
 * (losses, accuracies, gradient norms, grid values, projected coordinates) may be null in a file;
 * readers turn null back into NaN. Both threads use this module (the CLI writes the shape, the page
 * reads it), so it lives in config/ beside the experiment schema.
 */
import type { ViewConfig } from './app';
import type { NoiseResult } from './noise-result';
import type { OptimizerHyper, OptimizerName } from './optimizer-defaults';
import type { ExperimentConfig } from './schema';
import type { EnsembleResult } from './ensemble-result';
import type { ClassificationResult } from './classification-result';

/** A run's optimiser settings as the engine resolved them (engine's `RunHyper`, field by field). */
export interface ResultRunHyper extends OptimizerHyper {
  optimizer: OptimizerName;
  batchSize: number;
  schedule: {
    kind: 'constant' | 'step' | 'cosine';
    warmupSteps: number;
    stepSize: number;
    gamma: number;
    minLrFactor: number;
  };
  samRho: number;
}

/** One tensor of the flat θ (engine's `ParameterEntry`). */
export interface ResultParameterEntry {
  readonly name: string;
  readonly shape: readonly number[];
  /** Index of the first element in θ. */
  readonly offset: number;
  readonly kind: 'weight' | 'bias';
  readonly unitAxis?: number;
}

/** One recorded point of one run's trajectory. */
export interface TrajectoryPoint {
  step: number;
  /** θ at this step [P]; empty where the writer did not keep θ. */
  theta: number[];
  trainLoss: number;
  /** null when the test split is empty (see `ExperimentResult.unavailable`). */
  testLoss: number | null;
  /** ‖∇L‖ at this step; null where it was not recorded (the app records it for the newest step only). */
  gradNorm: number | null;
  trainAccuracy?: number;
  /** null when the test split is empty. */
  testAccuracy?: number | null;
}

/** Metrics a run's trajectory cannot report. */
export type UnavailableMetric = 'testLoss' | 'testAccuracy';

/** One run's path projected onto the landscape's plane; every array has one entry per recorded point. */
export interface ResultProjectedTrajectory {
  name: string;
  a: number[];
  b: number[];
  /** The landscape's metric at θ itself (what the optimiser saw). */
  trueLoss: number[];
  /** The metric at θ's projection onto the plane (the surface below the point). */
  planeLoss: number[];
  /** ‖θ − proj(θ)‖ (absolute; empty where the writer only had the relative distance). */
  offPlane: number[];
  /** ‖θ − proj(θ)‖ / ‖θ − θ_centre‖. */
  offPlaneRelative: number[];
}

/** The landscape of a result: the plane, the grid and every run projected onto it. */
export interface ResultLandscape {
  directions: string;
  explained: [number, number] | null;
  axisLabels: [string, string];
  n: number;
  /** [n] coordinates along direction 1. */
  a: number[];
  /** [n] coordinates along direction 2. */
  b: number[];
  /** One grid per metric; grids are row-major [n_b, n_a]: the value at (a[i], b[j]) is [j·n + i]. */
  values: Record<string, number[]>;
  /** Per run, in run order. */
  trajectories: ResultProjectedTrajectory[];
  /** directions 'varpro' only: the exact (w, shift) surface's reference, outliers and minima. */
  varpro?: ResultVarPro;
}

/**
 * The tanh model's exact landscape (a = w, b = s, the mean shift of the centres from `reference`):
 * the dynamic outliers (training-point indices, largest |residual| first) at the reference point
 * (w of the landscape's centre θ, s = 0) and the local minima of the train-loss surface, each with
 * its own outliers.
 */
export interface ResultVarPro {
  reference: number[];
  outliers: { w: number; s: number; indices: number[]; residuals: number[] };
  minima: { w: number; s: number; loss: number; outliers: number[] }[];
}

/** The output of a headless run (the CLI's JSON), and the app's export of what it shows. */
export interface ExperimentResult {
  config: ExperimentConfig;
  /** The document's view when one was given (then `landscape` is the one it shows). */
  view?: ViewConfig;
  backend: string;
  problem: { name: string; parameters: number; layout: readonly ResultParameterEntry[] };
  /**
   * The metrics that could not be computed, each with the reason (e.g. an empty test split); their
   * values in every trajectory point are null. Empty when everything was computed.
   */
  unavailable: Partial<Record<UnavailableMetric, string>>;
  runs: {
    name: string;
    hyper: ResultRunHyper;
    /** True when the run diverged; it was frozen at its last finite θ. */
    diverged: boolean;
    /** The update at which it diverged (1-based), or null. */
    divergedAt: number | null;
    trajectory: TrajectoryPoint[];
  }[];
  /**
   * Present when the config asks for a landscape, or a view was given (then it is the landscape
   * that view shows when training has finished, and the config's own `landscape` is not used).
   * `values` has one grid per metric (the view's one metric).
   */
  landscape?: ResultLandscape;
  /**
   * Multi-class classification (C ≥ 3): each run's confusion matrices and misclassified examples
   * at its last recorded θ (classification-result.ts).
   */
  classification?: ClassificationResult;
  /** Present when the config has a `curvature` block: the analyses of each chosen run's point. */
  curvature?: CurvatureResult;
  /** Present when the config has a `minima` block: the flat-vs-sharp comparison of two runs. */
  minima?: MinimaResult;
  /** Present when the config has a `connect` block: the trained curve between two runs' minima. */
  connect?: ConnectResult;
  /** Present when the config has a `badMinima` block: a good run's minimum vs nearby bad ones. */
  badMinima?: BadMinimaResult;
  /** Present when the config has an `implicitBias` block: each run against the exact solution. */
  implicitBias?: ImplicitBiasResult;
  /** Present when the config has an `ensemble` block: seed ensembles at several temperatures. */
  ensemble?: EnsembleResult;
  /** Present when the config has a `noise` block: gradient-noise ellipses (noise-result.ts). */
  noise?: NoiseResult;
}

/**
 * Logistic regression on separable data: each recorded θ = (w, b) against the hard-margin SVM
 * direction of the signed augmented training points zᵢ = yᵢ(xᵢ, 1), yᵢ = ±1 (the bias is part of
 * the direction, as gradient descent on (w, b) treats it; SCIENCE.md §8). Series are per recorded
 * point of the run (`steps` are its recorded steps).
 */
export interface MaxMarginBiasResult {
  kind: 'max-margin';
  svm: {
    /** ŵ = argmin ‖θ‖ s.t. yᵢ θ·(xᵢ, 1) ≥ 1, layout of θ ([P]). */
    theta: number[];
    /** ŵ/‖ŵ‖ ([P]). */
    direction: number[];
    /** γ = 1/‖ŵ‖, the largest normalised margin any θ reaches. */
    margin: number;
    /** Indices (into the training split) of the support vectors. */
    support: number[];
  };
  runs: {
    name: string;
    steps: number[];
    /** Angle (radians) between θ(t) and ŵ. */
    angle: number[];
    /** min_i yᵢ θ(t)·(xᵢ, 1) / ‖θ(t)‖ (negative while a point is misclassified; → γ). */
    margin: number[];
    /** ‖θ(t)‖ (grows like log t under gradient descent). */
    norm: number[];
  }[];
}

/**
 * Least squares with more parameters than training points: each recorded θ against the
 * minimum-norm solution A⁺b of the training design (SCIENCE.md §8).
 */
export interface MinNormBiasResult {
  kind: 'min-norm';
  minNorm: {
    /** A⁺b ([P]). */
    theta: number[];
    norm: number;
    /** Mean squared error of A⁺b on the training and test splits (test null without a test set). */
    trainLoss: number;
    testLoss: number | null;
  };
  runs: {
    name: string;
    steps: number[];
    /** ‖θ(t) − A⁺b‖. */
    distance: number[];
    /** ‖θ(t) − A⁺b‖ / ‖A⁺b‖. */
    relativeDistance: number[];
    /** ‖θ(t)‖. */
    norm: number[];
  }[];
}

export type ImplicitBiasResult = MaxMarginBiasResult | MinNormBiasResult;

/** Metrics at the 61 points t = i/60 of a path, and its barrier heights (max − mean of the ends). */
export interface ConnectPath {
  trainLoss: number[];
  /** Null without a test split (surfaces, an empty test set). */
  testLoss: number[] | null;
  trainAccuracy: number[] | null;
  testAccuracy: number[] | null;
  /** Barrier of the training loss: max_t L(φ(t)) − ½(L(w₀) + L(w₂)). */
  barrier: number;
  /** The same on the test loss (null without one). */
  testBarrier: number | null;
}

/**
 * The plane through w₀, w₂, w₁ (centre w₀, first axis along the segment w₀ → w₂, second towards
 * the bend) with the training loss on an n × n grid and both paths in plane coordinates.
 */
export interface ConnectPlane {
  axisLabels: [string, string];
  n: number;
  /** Grid coordinates [n] along each axis. */
  a: number[];
  b: number[];
  /** Training loss, row-major [n_b, n_a]: the value at (a[i], b[j]) is [j·n + i]. */
  values: number[];
  /** The 61 points of each path; the curve's distances from the plane (≈ 0: it lies in it). */
  segment: { a: number[]; b: number[] };
  curve: { a: number[]; b: number[]; offPlane: number[] };
  /** w₀, w₁, w₂ in plane coordinates. */
  points: { a: [number, number, number]; b: [number, number, number] };
}

/** A curve with one trained bend between two runs' final points (Garipov et al. 2018). */
export interface ConnectResult {
  type: 'bezier' | 'chain';
  runs: [number, number];
  names: [string, string];
  /** Updates of the bend taken (the config's steps when finished). */
  steps: number;
  /** Values of t per update. */
  samples: number;
  /** The 61 values of t at which both paths are evaluated. */
  t: number[];
  /** The sampled curve loss (1/K) Σ_k L(φ(t_k)) of every update, in order. */
  history: number[];
  /** The straight segment (1 − t)w₀ + t w₂ and the curve φ(t). */
  segment: ConnectPath;
  curve: ConnectPath;
  /** The bend w₁ [P]. */
  bend: number[];
  /** Null while the bend is on the segment's line (no plane through three collinear points). */
  plane: ConnectPlane | null;
}

/** Metrics of one minimum on the clean data (train: the clean training set, without the poison). */
export interface MinimumMetrics {
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** λ_max of the clean training loss's Hessian (Lanczos); null when not asked for. */
  lambdaMax: number | null;
}

/** Metrics along θ(t) = (1 − t)·θ_good + t·θ_bad at the result's `t` values. */
export interface InterpolationMetrics {
  trainLoss: number[];
  testLoss: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
}

/** A bad minimum: trained on train ∪ poison from a checkpoint of the good path. */
export interface BadMinimumResult extends MinimumMetrics {
  /** The checkpoint as a fraction of the good path (0: θ₀, 1: the good minimum). */
  checkpoint: number;
  /** The recorded step of the good run it started from. */
  startStep: number;
  /** Updates taken on train ∪ poison. */
  steps: number;
  /** True when it fitted the clean set 100 % and the poison fit; false when the budget ran out. */
  reached: boolean;
  /** True when it classifies the clean training set 100 % right (always when `reached`). */
  fitsClean: boolean;
  /** Accuracy on the poison set (how much of the random labels it memorised). */
  poisonAccuracy: number;
  /** ‖θ_bad − θ_start‖, and that distance as a fraction of the good path's length. */
  distance: number;
  distanceFraction: number;
  /** ‖θ_bad − θ_good‖. */
  distanceToGood: number;
  theta: number[];
  interpolation: InterpolationMetrics;
}

/** A path projected onto the bad-minima plane, with the clean training loss along it. */
export interface BadMinimaPlanePath {
  a: number[];
  b: number[];
  /** L(θ_t), the loss the path really has. */
  trueLoss: number[];
  /** ‖θ_t − proj(θ_t)‖ / ‖θ_t − θ₀‖. */
  offPlaneRelative: number[];
}

/**
 * The plane through θ₀ (centre), the good minimum (first axis) and one bad minimum (second
 * axis, Gram–Schmidt), with the clean training and test loss on an n × n grid.
 */
export interface BadMinimaPlane {
  /** The bad minimum it goes through (an index into `bad`). */
  bad: number;
  n: number;
  a: number[];
  b: number[];
  /** Row-major [n_b, n_a]: the value at (a[i], b[j]) is [j·n + i]. */
  trainLoss: number[];
  testLoss: number[];
  /** θ₀, good, bad in plane coordinates. */
  points: { a: [number, number, number]; b: [number, number, number] };
  good: BadMinimaPlanePath;
  badPath: BadMinimaPlanePath;
}

/** Nearby bad minima (Huang et al. 2019): a good run's minimum vs bad ones next to its path. */
export interface BadMinimaResult {
  run: number;
  name: string;
  rho: number;
  /** m clean training points, n poison points. */
  trainSize: number;
  poisonSize: number;
  /** Σ ‖θ_{t+1} − θ_t‖ over the good run's recorded path. */
  pathLength: number;
  good: MinimumMetrics & { step: number; theta: number[] };
  bad: BadMinimumResult[];
  /** The 61 values of t of every interpolation, −0.5 … 1.5 (t = 0: good, t = 1: bad). */
  t: number[];
  /** Null when the three points span no plane, or when no plane was asked for. */
  plane: BadMinimaPlane | null;
  /**
   * 2-D classifiers: P(y = 1) on an n × n grid of the input window, row-major [n, n]; with
   * `classes` C ≥ 3, the C class probabilities (softmax) of each grid point, row-major [n, n, C].
   */
  boundaries: {
    n: number;
    window: [number, number, number, number];
    /** C, the number of classes (absent in older files: 2). */
    classes?: number;
    good: number[];
    bad: number[][];
  } | null;
  /**
   * Test accuracy per class [C] of the good minimum and of every bad one ([K][C]): the share of the
   * test points of class c predicted c (NaN: no test point of class c). Absent in older files.
   */
  classAccuracy?: { good: number[]; bad: number[][] };
  /** The poison set: inputs row-major [n, d] and random labels [n]. */
  poison: { x: number[]; y: number[] };
}

/** The curvature of one run's point. Vectors are [P] lists. */
export interface RunCurvature {
  run: number;
  name: string;
  /** The recorded step analysed. */
  step: number;
  eigen?: { values: number[]; residuals: number[]; vectors: number[][]; steps: number };
  trace?: { value: number; standardError: number; probes: number };
  density?: { grid: number[]; density: number[]; sigma: number; moments: [number, number] };
  sharpness?: { epsilon: number; value: number; loss: number; maxLoss: number }[];
}

export interface CurvatureResult {
  split: 'train' | 'test';
  batch: 'full' | number;
  runs: RunCurvature[];
}

/**
 * A 1-D slice of the loss through a minimum θ*: the metrics at θ* + s·d for every s in `coords`.
 * 'eigen': d is the unit top Hessian eigenvector at θ* (s is a distance in parameter space, so the
 * slice's curvature at s = 0 is λ_max); 'random': d is a filter-normalised random direction (Li et
 * al. 2018; s is in units of the filters' own norms, comparable between two minima).
 */
export interface LossSlice {
  direction: 'eigen' | 'random';
  /** [n] coordinates s, increasing, symmetric about 0. */
  coords: number[];
  /** [n] each. */
  trainLoss: number[];
  testLoss: number[] | null;
  trainAccuracy: number[] | null;
  testAccuracy: number[] | null;
}

/** One minimum of a flat-vs-sharp comparison: its curvature, its metrics and the views around it. */
export interface MinimumAnalysis {
  run: number;
  name: string;
  /** The recorded step analysed. */
  step: number;
  trainLoss: number;
  testLoss: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  /** Top Hessian eigenvalue (Lanczos) and its residual ‖Hv − λv‖. */
  lambdaMax: number;
  lambdaResidual: number;
  /** Hutchinson trace of the Hessian. */
  trace: { value: number; standardError: number; probes: number };
  /** Keskar ε-sharpness for each ε (as in `RunCurvature.sharpness`). */
  sharpness: { epsilon: number; value: number; loss: number; maxLoss: number }[];
  /** SLQ spectral density (integrates to 1); `grid` is shared by both minima of a comparison. */
  density: { grid: number[]; density: number[]; sigma: number };
  /**
   * The 2-D train-loss landscape around θ* on a filter-normalised random plane (Li et al. Fig. 4
   * style): `values` is row-major [n, n], the value at (coords[i], coords[j]) is [j·n + i]. Both
   * minima use the same `coords`, so the two pictures share one scale.
   */
  plane: { coords: number[]; values: number[] };
  slices: { eigen: LossSlice; random: LossSlice };
}

/**
 * Flat vs sharp: two runs' minima side by side (Keskar et al. 2017, Li et al. 2018), plus the
 * parametric interpolation θ(t) = t·θ_b + (1−t)·θ_a for t in [`from`, `to`] (t = 0 is minimum a,
 * t = 1 minimum b).
 */
export interface MinimaResult {
  split: 'train' | 'test';
  batch: 'full' | number;
  minima: [MinimumAnalysis, MinimumAnalysis];
  interpolation: {
    /** [n] values of t. */
    t: number[];
    trainLoss: number[];
    testLoss: number[] | null;
    trainAccuracy: number[] | null;
    testAccuracy: number[] | null;
  };
}
