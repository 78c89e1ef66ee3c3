/**
 * The controller's ensemble analysis: `runEnsemble` asks the worker for the job (with its spec),
 * its frames reach `session.ensemble` (the newest job's only), Cancel stops it and drops its late
 * frames, and a new experiment clears it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../app/defaults';
import type { EnsembleResult } from '../config/ensemble-result';
import { DEFAULT_VIEW } from '../config/view';
import type { SessionInfo } from '../protocol/session-info';
import { createAppStore } from '../state/store';
import { SessionController } from './controller';
import { fakeComputeClient } from './fake-compute-client';

const fakeClient = () => fakeComputeClient();

const INFO: SessionInfo = {
  names: ['GD', 'Adagrad'],
  colors: ['#4e79a7', '#f28e2b'],
  steps: 100,
  problem: { name: 'logistic', task: 'classification', parameters: 3, layout: '' },
  model: 'logistic regression',
  data: 'linear',
  loss: 'binary cross-entropy',
};

const RESULT = { run: 0, members: 2, steps: [0, 10] } as unknown as EnsembleResult;

async function started() {
  const store = createAppStore();
  const fake = fakeClient();
  const controller = new SessionController(store, () => fake.client, DEFAULT_CONFIG, DEFAULT_VIEW);
  await controller.start(null, false);
  return { store, controller, ...fake };
}

describe('the controller’s ensemble analysis', () => {
  it('runs the job with its spec; the newest job’s frames reach session.ensemble; a new experiment clears it', async () => {
    const { store, controller, api, listener } = await started();
    const l = listener();
    l.session(INFO);
    await controller.runEnsemble({ members: 8 });
    expect(api.run).toHaveBeenLastCalledWith({ kind: 'ensemble', spec: { members: 8 } });
    l.ensemble({ jobId: 5, state: 'running', done: 10, total: 100 });
    expect(store.getState().session!.ensemble).toEqual({
      jobId: 5,
      state: 'running',
      done: 10,
      total: 100,
    });
    // A replaced job reports late: ignored.
    l.ensemble({ jobId: 4, state: 'done', done: 100, total: 100, result: RESULT });
    expect(store.getState().session!.ensemble!.jobId).toBe(5);
    l.ensemble({ jobId: 5, state: 'done', done: 100, total: 100, result: RESULT });
    expect(store.getState().session!.ensemble!.result).toBe(RESULT);
    l.session(INFO);
    expect(store.getState().session!.ensemble).toBeNull();
  });

  it('Cancel asks the worker to stop it, clears the card and drops late frames until a new one starts', async () => {
    const { store, controller, api, listener } = await started();
    const l = listener();
    l.session(INFO);
    await controller.runEnsemble();
    l.ensemble({ jobId: 7, state: 'running', done: 1, total: 2 });
    await controller.cancelJob('ensemble');
    expect(api.cancel).toHaveBeenLastCalledWith('ensemble');
    expect(store.getState().session!.ensemble).toBeNull();
    l.ensemble({ jobId: 7, state: 'done', done: 2, total: 2, result: RESULT });
    expect(store.getState().session!.ensemble).toBeNull();
    await controller.runEnsemble();
    l.ensemble({ jobId: 8, state: 'running', done: 0, total: 2 });
    expect(store.getState().session!.ensemble).toMatchObject({ jobId: 8, done: 0 });
  });
});
