/**
 * The controller's ensemble analysis: `runEnsemble` asks the worker for the job (with its spec),
 * its frames reach `session.ensemble` (the newest job's only), Cancel stops it and drops its late
 * frames, and a new experiment clears it.
 */
import { describe, expect, it } from 'vitest';
import type { EnsembleResult } from '../config/ensemble-result';
import { logisticSessionInfo, startedController } from './controller.fixture';

const INFO = logisticSessionInfo();

const RESULT = { run: 0, members: 2, steps: [0, 10] } as unknown as EnsembleResult;

describe('the controller’s ensemble analysis', () => {
  it('runs the job with its spec; the newest job’s frames reach session.ensemble; a new experiment clears it', async () => {
    const { store, controller, api, listener } = await startedController();
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
    const { store, controller, api, listener } = await startedController();
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
