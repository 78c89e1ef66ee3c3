/**
 * Analysis jobs the worker runs on a session's recording, by kind (types only). Each kind has one
 * handler module in `worker/jobs/` and reports through the session's listener; a job of a kind
 * replaces the running one of the same kind (cancelled), and never blocks training or the controls.
 *
 * To add an analysis: an engine module, a job kind here, a handler in `worker/jobs/`, a panel.
 */
import type {
  BadMinimaSchema,
  ConnectSchema,
  CurvatureSchema,
  MinimaSchema,
} from '../config/schema';
import type { EnsembleSchema } from '../config/ensemble-schema';
import type { ViewSpec } from '../config/view';
import type { DigitsViewJob } from './digits-view';
import type { z } from 'zod';

/** The loss landscape on the view's plane, with every run's recorded path projected onto it. */
export interface LandscapeJob {
  kind: 'landscape';
  /** The view to compute (the session's current view when omitted). */
  view?: ViewSpec;
}

/**
 * The curvature of every chosen run's point (top Hessian eigenpairs, trace, spectral density,
 * ε-sharpness): the config's `curvature` block settings; `at` is an index into the recording
 * (default: the newest recorded point), and replaces the block's `at`.
 */
export interface CurvatureJob {
  kind: 'curvature';
  spec?: z.input<typeof CurvatureSchema>;
  at?: number;
}

/**
 * Flat vs sharp: two runs' minima compared (the config `minima` block's settings: λ_max, trace,
 * ε-sharpness, spectral density, a random plane and slices around each, the interpolation between
 * them); `at` is an index into the recording (default: the newest recorded point).
 */
export interface MinimaJob {
  kind: 'minima';
  spec?: z.input<typeof MinimaSchema>;
  at?: number;
}

/**
 * A curve with one trained bend between two runs' newest recorded points (Garipov et al. 2018):
 * the config's `connect` block settings (its defaults without one), with `spec`'s fields replacing
 * them. Frames arrive while the bend trains (the paths, barriers and plane so far).
 */
export interface CurveJob {
  kind: 'curve';
  spec?: Partial<z.input<typeof ConnectSchema>>;
}

/**
 * Nearby bad minima (Huang et al. 2019) of one run's recorded path: the config's `badMinima` block
 * settings (its defaults without one), with `spec`'s fields replacing them. Frames arrive while
 * the bad runs train (their accuracies climbing), then the result.
 */
export interface BadMinimaJob {
  kind: 'bad-minima';
  spec?: Partial<z.input<typeof BadMinimaSchema>>;
}

/**
 * Implicit bias (Srebro et al.; SCIENCE.md §8) of every run's recorded path: logistic regression on
 * separable data against the hard-margin SVM direction, least squares with more parameters than
 * training points against A⁺b (experiment/implicit-bias.ts). No settings.
 */
export interface ImplicitBiasJob {
  kind: 'implicit-bias';
}

/**
 * Seed ensembles at several temperatures η/B (SCIENCE.md §7; experiment/ensemble.ts), trained from
 * the experiment's θ₀: the config's `ensemble` block (its defaults without one), with `spec`'s
 * fields replacing them.
 */
export interface EnsembleJob {
  kind: 'ensemble';
  spec?: Partial<z.input<typeof EnsembleSchema>>;
}

/**
 * The mini-batch gradient-noise covariance (SCIENCE.md §7) of one run at one recorded point,
 * projected on the session's plane (experiment/noise.ts): the ellipse drawn at its marker.
 */
export interface NoiseJob {
  kind: 'noise';
  /** The run (default: 0). */
  run?: number;
  /** A recording index (default: the newest point). */
  at?: number;
  /**
   * The landscape grid on screen (plane coordinates [n] each): for an importance-sampled run the
   * result then also holds L and the sampler's L_p on it (`result.sampled.landscape`).
   */
  grid?: { a: number[]; b: number[] };
}

export type AnalysisJob =
  | LandscapeJob
  | CurvatureJob
  | MinimaJob
  | CurveJob
  | BadMinimaJob
  | ImplicitBiasJob
  | EnsembleJob
  | NoiseJob
  | DigitsViewJob;
export type AnalysisKind = AnalysisJob['kind'];
