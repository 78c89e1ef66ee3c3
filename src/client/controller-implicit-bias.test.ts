/**
 * The controller's implicit-bias analysis: `measureImplicitBias` asks the worker for the job, its
 * frames reach `session.implicitBias` (the newest job's only), Cancel stops it and drops its late
 * frames, and a new experiment clears it.
 */
import { describe, expect, it } from 'vitest';
import type { MaxMarginBiasResult } from '../config/result';
import { logisticSessionInfo, startedController } from './controller.fixture';

const INFO = logisticSessionInfo();

const RESULT: MaxMarginBiasResult = {
  kind: 'max-margin',
  svm: { theta: [3, 4, 0], direction: [0.6, 0.8, 0], margin: 0.2, support: [1, 2] },
  runs: ['GD', 'Adagrad'].map((name, k) => ({
    name,
    steps: [0, 100],
    angle: [NaN, 0.04 * (k + 1)],
    margin: [NaN, 0.15],
    norm: [0, 10],
  })),
};

describe('the controller’s implicit-bias analysis', () => {
  it('runs the job; the newest job’s frames reach session.implicitBias; a new experiment clears it', async () => {
    const { store, controller, api, listener } = await startedController();
    const l = listener();
    l.session(INFO);
    await controller.measureImplicitBias();
    expect(api.run).toHaveBeenLastCalledWith({ kind: 'implicit-bias' });
    l.implicitBias({ jobId: 5, state: 'running', done: 1, total: 2 });
    expect(store.getState().session!.implicitBias).toEqual({
      jobId: 5,
      state: 'running',
      done: 1,
      total: 2,
    });
    // A replaced job reports late: ignored.
    l.implicitBias({ jobId: 4, state: 'done', done: 2, total: 2, result: RESULT });
    expect(store.getState().session!.implicitBias!.jobId).toBe(5);
    l.implicitBias({ jobId: 5, state: 'done', done: 2, total: 2, result: RESULT });
    const shown = store.getState().session!.implicitBias!.result as MaxMarginBiasResult;
    expect(shown.runs.map((r) => r.angle[1])).toEqual([0.04, 0.08]);
    const message = 'implicitBias: needs problem ’logistic’ or ’linear-regression’, not ’mlp’';
    l.implicitBias({ jobId: 6, state: 'failed', done: 0, total: 1, message });
    expect(store.getState().session!.implicitBias).toMatchObject({ state: 'failed', message });
    l.session(INFO);
    expect(store.getState().session!.implicitBias).toBeNull();
  });

  it('Cancel asks the worker to stop it, clears the card and drops late frames until a new one starts', async () => {
    const { store, controller, api, listener } = await startedController();
    const l = listener();
    l.session(INFO);
    await controller.measureImplicitBias();
    l.implicitBias({ jobId: 7, state: 'running', done: 1, total: 2 });
    await controller.cancelJob('implicit-bias');
    expect(api.cancel).toHaveBeenLastCalledWith('implicit-bias');
    expect(store.getState().session!.implicitBias).toBeNull();
    l.implicitBias({ jobId: 7, state: 'done', done: 2, total: 2, result: RESULT });
    expect(store.getState().session!.implicitBias).toBeNull();
    await controller.measureImplicitBias();
    l.implicitBias({ jobId: 8, state: 'running', done: 0, total: 2 });
    expect(store.getState().session!.implicitBias).toMatchObject({ jobId: 8, done: 0 });
  });
});
