/**
 * The job table: one handler per analysis kind (see protocol/jobs.ts). A new analysis registers
 * its handler here.
 */
import type { AnalysisJob, AnalysisKind } from '../../protocol/jobs';
import type { JobHost } from './host';
import { runBadMinimaJob } from './bad-minima';
import { runCurvatureJob } from './curvature';
import { runCurveJob } from './curve';
import { runEnsembleJob } from './ensemble';
import { runDigitsViewJob } from './digits-view';
import { runImplicitBiasJob } from './implicit-bias';
import { runLandscapeJob } from './landscape';
import { runMinimaJob } from './minima';
import { runNoiseJob } from './noise';

type Handler<K extends AnalysisKind> = (
  host: JobHost,
  job: Extract<AnalysisJob, { kind: K }>,
) => Promise<void>;

/** Runs `job` with its kind's handler. */
export function runJob(host: JobHost, job: AnalysisJob): Promise<void> {
  switch (job.kind) {
    case 'landscape':
      return JOB_HANDLERS.landscape(host, job);
    case 'curvature':
      return JOB_HANDLERS.curvature(host, job);
    case 'minima':
      return JOB_HANDLERS.minima(host, job);
    case 'curve':
      return JOB_HANDLERS.curve(host, job);
    case 'bad-minima':
      return JOB_HANDLERS['bad-minima'](host, job);
    case 'implicit-bias':
      return JOB_HANDLERS['implicit-bias'](host, job);
    case 'ensemble':
      return JOB_HANDLERS.ensemble(host, job);
    case 'noise':
      return JOB_HANDLERS.noise(host, job);
    case 'digits-view':
      return JOB_HANDLERS['digits-view'](host, job);
  }
}

export const JOB_HANDLERS: { [K in AnalysisKind]: Handler<K> } = {
  landscape: runLandscapeJob,
  curvature: runCurvatureJob,
  minima: runMinimaJob,
  curve: runCurveJob,
  'bad-minima': runBadMinimaJob,
  'implicit-bias': runImplicitBiasJob,
  ensemble: runEnsembleJob,
  noise: runNoiseJob,
  'digits-view': runDigitsViewJob,
};
