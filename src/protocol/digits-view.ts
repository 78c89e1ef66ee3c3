/** The digits data view job and its frames (types only; the result is `config/digits-view.ts`). */
import type { ClassificationResult } from '../config/classification-result';
import type { DigitsViewResult } from '../config/digits-view';
import type { ExperimentConfig } from '../config/schema';

/**
 * The digits view job: samples and, at the newest recorded θ, every run's predictions; or, with
 * `replay`, a saved result's predictions (its `classification` block) shown with the bundled
 * images of the same split (nothing is computed but the split).
 */
export interface DigitsViewJob {
  kind: 'digits-view';
  replay?: DigitsReplay;
}

/** A replayed result's digits: its config (data and seed give the split) and predictions. */
export interface DigitsReplay {
  config: ExperimentConfig;
  classification: ClassificationResult;
}

/** A digits view job's result or failure. */
export interface DigitsViewFrame {
  jobId: number;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result?: DigitsViewResult;
  /** When failed: why, in words. */
  message?: string;
}
