/**
 * The job table: one handler per analysis kind (see protocol/jobs.ts). A new analysis registers
 * its handler here.
 */
import type { AnalysisJob, AnalysisKind } from '../../protocol/jobs';
import type { JobHost } from './host';
import { runLandscapeJob } from './landscape';

type Handler<K extends AnalysisKind> = (
  host: JobHost,
  job: Extract<AnalysisJob, { kind: K }>,
) => Promise<void>;

export const JOB_HANDLERS: { [K in AnalysisKind]: Handler<K> } = {
  landscape: runLandscapeJob,
};
