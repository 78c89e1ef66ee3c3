/** The digits data view job and its frames (types only; the result is `config/digits-view.ts`). */
import type { DigitsViewResult } from '../config/digits-view';

/** The digits view job: samples and, at the newest recorded θ, every run's predictions. */
export interface DigitsViewJob {
  kind: 'digits-view';
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
