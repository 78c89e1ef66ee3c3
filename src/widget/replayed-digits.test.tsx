// @vitest-environment happy-dom
/**
 * "Open result…" of a digits result: the digits card shows the file's predictions (its
 * `classification` block) with the bundled images of the same split — the very view the live
 * session shows at the θ the file was computed at — and the result exports again byte for byte.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { DEFAULT_CONFIG } from '../app/defaults';
import { SessionController } from '../client/controller';
import { fakeComputeClient } from '../client/fake-compute-client';
import { parseConfig } from '../config/parse';
import { DEFAULT_VIEW } from '../config/view';
import { buildExperiment } from '../experiment/build';
import { digitsView } from '../experiment/digits-view';
import { runExperiment } from '../experiment/run';
import { parseResultText, resultJson } from '../export/result';
import type { AnalysisJob } from '../protocol/jobs';
import type { SessionListener } from '../protocol/frames';
import { createAppStore, StoreProvider } from '../state/store';
import type { JobHost } from '../worker/jobs/host';
import { runDigitsViewJob } from '../worker/jobs/digits-view';
import { DigitsCard } from './DigitsCard';

beforeAll(async () => {
  await useNodeBackend('cpu');
});
afterEach(cleanup);

const CONFIG = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [8] },
  data: { kind: 'digits', points: 300 },
  runs: [
    { optimizer: 'adam', lr: 0.05 },
    { optimizer: 'sgd', lr: 0.5 },
  ],
  steps: 12,
};

describe('a replayed digits result', () => {
  it('shows the file’s confusion matrix and mistakes with the bundled digits; exports the same text', async () => {
    const config = parseConfig(CONFIG);
    const result = await runExperiment(config, 'cpu');
    const text = resultJson(result);
    const block = result.classification!;
    expect(block.classes).toBe(10);

    // The live view at the runs' final θ: what the replay must show.
    const experiment = buildExperiment(config);
    const p = experiment.problem.layout.size;
    const theta = new Float32Array(2 * p);
    result.runs.forEach((run, k) => theta.set(run.trajectory.at(-1)!.theta, k * p));
    const live = digitsView(experiment, theta, 12);
    experiment.problem.dispose();
    expect(live.runs[0]!.errors).toBe(block.runs[0]!.test!.misclassified.length);

    // The controller with a worker that runs the real digits view job (no experiment in it).
    let listener: SessionListener | null = null;
    let jobs = 0;
    const fake = fakeComputeClient({
      run: vi.fn(async (job: AnalysisJob) => {
        const host = {
          experiment: null,
          listener: listener!,
          begin: () => ({ jobId: ++jobs, signal: new AbortController().signal, end: () => {} }),
        } as unknown as JobHost;
        if (job.kind === 'digits-view') await runDigitsViewJob(host, job);
      }),
    });
    const store = createAppStore();
    const controller = new SessionController(
      store,
      () => fake.client,
      DEFAULT_CONFIG,
      DEFAULT_VIEW,
    );
    await controller.start(null, false);
    listener = fake.listener();
    await controller.loadResult(parseResultText(text), 'digits.json');
    await act(async () => {
      render(
        <StoreProvider store={store}>
          <DigitsCard controller={controller} />
        </StoreProvider>,
      );
    });
    await waitFor(() => expect(store.getState().session!.digitsView?.state).toBe('done'), {
      timeout: 30_000,
    });
    expect(fake.api.run).toHaveBeenCalledWith({
      kind: 'digits-view',
      replay: { config: expect.anything(), classification: block },
    });
    const shown = store.getState().session!.digitsView!.result!;
    // The same samples, counts and misclassified images (pixels from the asset) as live.
    expect(shown).toEqual(live);
    await waitFor(() => screen.getByTestId('digits-mistakes'));
    const s0 = block.runs[0]!.test!;
    expect(screen.getByTestId('digits-summary').textContent).toContain(
      `At step 12: ${block.runs[0]!.name} classifies`,
    );
    expect(screen.getByTestId('digits-summary').textContent).toContain(
      `(${s0.misclassified.length} wrong)`,
    );
    const captions = Array.from(
      screen.getByTestId('digits-mistakes').querySelectorAll('[data-mistake]'),
    ).map((g) => g.getAttribute('data-mistake'));
    const listed = Math.min(24, s0.misclassified.length);
    expect(listed).toBeGreaterThan(0);
    expect(captions).toEqual(
      s0.predicted
        .slice(0, listed)
        .map((pred, j) => `${live.runs[0]!.misclassified.labels[j]}→${pred}`),
    );
    // Re-exported unchanged: the same text.
    const again = await controller.exportResult();
    expect(resultJson(again!)).toBe(text);
  }, 120_000);
});
