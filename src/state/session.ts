/**
 * The session part of the app's state: what the compute worker reported (backend, the running
 * experiment, progress, histories, the selected run's decision boundary or fit) and what the user
 * is editing (the config, the view). Small values only: the landscape grid and the trajectory
 * buffers live in the view part of the store (typed arrays mutated in place).
 */
import type { ExperimentInput } from '../config/schema';
import type { ViewSpec } from '../config/view';
import { DEFAULT_DISPLAY } from '../config/app';
import type { BackendStatus } from '../protocol/backends';
import type { SessionInfo } from '../protocol/session-info';
import type { DigitsViewFrame } from '../protocol/digits-view';
import type {
  BadMinimaFrame,
  ConnectFrame,
  CurvatureFrame,
  EnsembleFrame,
  ImplicitBiasFrame,
  NoiseFrame,
  MinimaFrame,
  RecordingInfo,
  SnapshotFrame,
} from '../protocol/frames';

export type { BackendStatus };

export interface SessionState {
  backend: BackendStatus | null;
  info: SessionInfo | null;
  playing: boolean;
  finished: boolean;
  /** Updates taken so far. */
  step: number;
  /** Recorded steps and, per run, the losses at them ([run][point]). */
  history: { steps: number[]; trainLoss: number[][]; testLoss: number[][] };
  /** Update at which each run diverged, or −1. */
  divergedAt: number[];
  boundary: SnapshotFrame['boundary'] | null;
  curve: SnapshotFrame['curve'] | null;
  /** λ_max of every run tracked while playing: steps [S] and values per run ([run][S]). */
  sharpness: { steps: number[]; values: number[][] };
  /** The newest curvature analysis: running (progress), done (its result) or failed (why). */
  curvature: CurvatureFrame | null;
  /**
   * The newest flat-vs-sharp comparison: running (progress), done (its result) or failed (why);
   * a replayed result file's comparison (jobId −1) while it is shown.
   */
  minima: MinimaFrame | null;
  /** The newest mode-connecting curve: training (the curve so far), done or failed (why). */
  connect: ConnectFrame | null;
  /** The newest bad-minima analysis: training (accuracies climbing), done or failed (why). */
  badMinima: BadMinimaFrame | null;
  /** The newest implicit-bias analysis: running, done (per run vs the SVM or A⁺b) or failed (why). */
  implicitBias: ImplicitBiasFrame | null;
  /** The newest ensemble analysis: training (steps done), done (clouds, spread vs η/B) or failed. */
  ensemble: EnsembleFrame | null;
  /** The selected run's gradient-noise ellipse at its newest point (display.noiseEllipse). */
  noise: NoiseFrame | null;
  /** The newest digits data view: samples and, at the newest θ, confusion matrices and mistakes. */
  digitsView: DigitsViewFrame | null;
  /** Landscape job progress, null when none runs. */
  progress: { done: number; total: number } | null;
  /** Directions and explained variance of the landscape on screen. */
  plane: {
    directions: string;
    explained: [number, number] | null;
    /** directions 'varpro': the dynamic outliers (training-point indices) and the surface's minima. */
    outliers?: number[];
    minima?: { w: number; s: number; loss: number; outliers: number[] }[];
  } | null;
  error: string | null;
  /** Something the user should know that is not an error (e.g. the worker was restarted). */
  notice: string | null;
  /** Why the last change of view could not be shown (the controls show the view on screen). */
  viewError: string | null;
  /** Why there is no landscape on screen, when its computation failed. */
  landscapeError: string | null;
  /** How much of the recording the worker keeps (null before the first frame). */
  recording: RecordingInfo | null;
  /** The config being edited, and the validation messages it got. */
  config: ExperimentInput;
  problems: string[];
  view: ViewSpec;
  /** Updates per recorded frame while playing. */
  speed: number;
  selectedRun: number;
}

export function initialSession(config: ExperimentInput, view: ViewSpec): SessionState {
  return {
    backend: null,
    info: null,
    playing: false,
    finished: false,
    step: 0,
    history: { steps: [], trainLoss: [], testLoss: [] },
    divergedAt: [],
    boundary: null,
    curve: null,
    curvature: null,
    minima: null,
    connect: null,
    badMinima: null,
    implicitBias: null,
    ensemble: null,
    noise: null,
    digitsView: null,
    sharpness: { steps: [], values: [] },
    progress: null,
    plane: null,
    error: null,
    notice: null,
    viewError: null,
    landscapeError: null,
    recording: null,
    config,
    problems: [],
    view,
    speed: DEFAULT_DISPLAY.speed,
    selectedRun: 0,
  };
}
