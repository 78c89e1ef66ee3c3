/**
 * What the worker recorded of a session, in the result file's shape (types only): the experiment,
 * the problem and every run's trajectory (θ and metrics at each recorded step). The page adds
 * what it shows (the landscape, divergence, the backend) to make the result file.
 */
import type { ExperimentResult } from '../config/result';

export type RecordedRun = Omit<ExperimentResult['runs'][number], 'diverged' | 'divergedAt'>;

export interface RecordedResult {
  config: ExperimentResult['config'];
  problem: ExperimentResult['problem'];
  unavailable: ExperimentResult['unavailable'];
  runs: RecordedRun[];
}
