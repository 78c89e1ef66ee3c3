/** What the in-page benchmark reports (bench/browser-page/main.ts → bench/browser.ts). */
export interface BrowserBenchResult {
  /** The tfjs backend the figures were measured on. */
  backend: string;
  /** Seconds to import, start and check the backend (the app's probes). */
  startSeconds: number;
  landscape: LandscapeFigure;
  training: { optimizers: TrainingFigure; ensemble: TrainingFigure };
  /** Issue 14's goals, model-steps per second (bench/training.ts). */
  goals: { optimizers: number; ensemble: number };
}

/** The 51×51 reference landscape: the specialised evaluator against the generic one. */
export interface LandscapeFigure {
  n: number;
  /** Median seconds of the specialised ('fast') evaluator, and of the generic θ-rows baseline. */
  seconds: number;
  baselineSeconds: number;
  /** Grid points per second of each, and their ratio (fast / generic). */
  pointsPerSecond: number;
  baselinePointsPerSecond: number;
  ratio: number;
  /** Timings whose median is reported (fewer on slow backends, to keep the run short). */
  repeats: number;
}

/** Model-steps per second (runs × steps / s) on the default path and on the tensor program. */
export interface TrainingFigure {
  runs: number;
  /** What 'auto' ran: the host gradient (cpu, wasm) or the tensor program. */
  engine: 'host' | 'tensor';
  steps: number;
  stepsPerSecond: number;
  baselineSteps: number;
  tensorStepsPerSecond: number;
  ratio: number;
}

declare global {
  interface Window {
    /** The figures, once the page has measured them. */
    __bench?: BrowserBenchResult;
    /** Why it could not. */
    __benchError?: string;
  }
}
