/**
 * The minima job (flat vs sharp): the config `minima` block's comparison (experiment/minima.ts) of
 * two runs' recorded points — the newest ones, or those at the recording index the job names (a
 * scrubbed step). Progress, the result and a failure all arrive as `MinimaFrame`s; cancellable (a
 * newer minima job, Reset and Apply abort it within one unit of work).
 */
import { MinimaSchema } from '../../config/schema';
import { experimentMinima } from '../../experiment/minima';
import type { MinimaJob } from '../../protocol/jobs';
import type { JobHost } from './host';
import { analyseRecordedPoints, parseJobSpec, runAnalysisJob } from './analysis-job';

export async function runMinimaJob(host: JobHost, job: MinimaJob): Promise<void> {
  return runAnalysisJob(host, 'minima', host.listener.minima.bind(host.listener), async (run) => {
    const spec = parseJobSpec(MinimaSchema, job.spec ?? {}, 'minima', (path) =>
      path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
    );
    const runs = run.experiment.runs.length;
    spec.runs.forEach((r, i) => {
      if (r >= runs)
        throw new RangeError(
          `minima.runs[${i}]: refers to run ${r}, but there ${runs === 1 ? 'is 1 run' : `are ${runs} runs`}`,
        );
    });
    if (spec.runs[0] === spec.runs[1])
      throw new RangeError('minima.runs: must name two different runs, e.g. [0, 1]');
    await analyseRecordedPoints(
      host,
      run,
      (count) => job.at ?? count - 1,
      (points, steps, options) => experimentMinima(run.experiment, points, steps, spec, options),
    );
  });
}
