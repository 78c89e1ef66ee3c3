/**
 * The controller's flat-vs-sharp comparison: `compareMinima` asks the worker for a minima job, its
 * frames reach `session.minima` (the newest job's only), a new experiment clears it; a replayed
 * result file shows its own comparison, cannot start a new one, and exports it unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { MinimaResult, MinimumAnalysis } from '../config/result';
import { parseResultText, resultJson } from '../export/result';
import { smallResult } from '../export/result.fixture';
import { sessionInfo, startedController } from './controller.fixture';

const INFO = sessionInfo({ names: ['small batch', 'full batch'], data: 'xor' });

/** A hand-made comparison of two minima (3-point slices, 2 × 2 planes, 3 values of t). */
export function smallMinima(): MinimaResult {
  const minimum = (run: number, lambda: number): MinimumAnalysis => ({
    run,
    name: run === 0 ? 'SGD' : 'Adam',
    step: 10,
    trainLoss: 0.1 * (run + 1),
    testLoss: null,
    trainAccuracy: null,
    testAccuracy: null,
    lambdaMax: lambda,
    lambdaResidual: 1e-6,
    trace: { value: 2 * lambda, standardError: 0.1, probes: 30 },
    sharpness: [{ epsilon: 1e-3, value: lambda / 10, loss: 0.1, maxLoss: 0.2 }],
    density: { grid: [0, 1, 2], density: [0.2, 0.6, 0.2], sigma: 0.1 },
    plane: { coords: [-1, 1], values: [1, 2, 3, Number.NaN] },
    slices: {
      eigen: {
        direction: 'eigen',
        coords: [-1, 0, 1],
        trainLoss: [1, 0.1, 1],
        testLoss: null,
        trainAccuracy: null,
        testAccuracy: null,
      },
      random: {
        direction: 'random',
        coords: [-1, 0, 1],
        trainLoss: [0.5, 0.1, 0.5],
        testLoss: null,
        trainAccuracy: null,
        testAccuracy: null,
      },
    },
  });
  return {
    split: 'train',
    batch: 'full',
    minima: [minimum(0, 0.5), minimum(1, 3.5)],
    interpolation: {
      t: [0, 0.5, 1],
      trainLoss: [0.1, 0.9, 0.2],
      testLoss: null,
      trainAccuracy: null,
      testAccuracy: null,
    },
  };
}

describe('the controller’s minima comparison', () => {
  it('Cancel asks the worker to stop the job, clears the card and drops the job’s late frames until a new one starts', async () => {
    const { store, controller, api, listener } = await startedController();
    const l = listener();
    l.session(INFO);
    await controller.compareMinima();
    l.minima({ jobId: 7, state: 'running', done: 3, total: 40 });
    await controller.cancelJob('minima');
    expect(api.cancel).toHaveBeenLastCalledWith('minima');
    expect(store.getState().session!.minima).toBeNull();
    // Frames already on their way from the cancelled job are dropped.
    l.minima({ jobId: 7, state: 'running', done: 4, total: 40 });
    expect(store.getState().session!.minima).toBeNull();
    // A new comparison shows its frames again.
    await controller.compareMinima();
    l.minima({ jobId: 9, state: 'running', done: 1, total: 40 });
    expect(store.getState().session!.minima).toMatchObject({ jobId: 9, done: 1 });
    // The other analyses are cancelled by their own kind, into their own fields.
    l.curvature({ jobId: 10, state: 'running', done: 1, total: 5 });
    await controller.cancelJob('curvature');
    expect(api.cancel).toHaveBeenLastCalledWith('curvature');
    expect(store.getState().session!.curvature).toBeNull();
    expect(store.getState().session!.minima).toMatchObject({ jobId: 9 });
  });

  it('runs a minima job; the newest job’s frames reach session.minima; a new experiment clears it', async () => {
    const { store, controller, api, listener } = await startedController();
    const l = listener();
    l.session(INFO);
    await controller.compareMinima({ runs: [1, 0] }, 3);
    expect(api.run).toHaveBeenLastCalledWith({ kind: 'minima', spec: { runs: [1, 0] }, at: 3 });
    await controller.compareMinima();
    expect(api.run).toHaveBeenLastCalledWith({ kind: 'minima', spec: undefined, at: undefined });
    l.minima({ jobId: 5, state: 'running', done: 3, total: 40 });
    expect(store.getState().session!.minima).toEqual({
      jobId: 5,
      state: 'running',
      done: 3,
      total: 40,
    });
    // The cancelled job 4 reports late: ignored.
    l.minima({ jobId: 4, state: 'running', done: 30, total: 40 });
    expect(store.getState().session!.minima!.done).toBe(3);
    const result = smallMinima();
    l.minima({ jobId: 5, state: 'done', done: 1, total: 1, result });
    expect(store.getState().session!.minima!.result!.minima[1].lambdaMax).toBe(3.5);
    l.minima({ jobId: 6, state: 'failed', done: 0, total: 1, message: 'nothing is recorded yet' });
    expect(store.getState().session!.minima).toMatchObject({
      state: 'failed',
      message: 'nothing is recorded yet',
    });
    l.session(INFO);
    expect(store.getState().session!.minima).toBeNull();
  });

  it('a replayed file shows its comparison, starts none, and exports it again unchanged', async () => {
    const { store, controller, api, listener } = await startedController();
    const file = { ...smallResult(), minima: smallMinima() };
    const text = resultJson(file);
    await controller.loadResult(parseResultText(text), 'minima.json');
    const shown = store.getState().session!.minima!;
    expect(shown.state).toBe('done');
    // null in the file (NaN when written) is NaN again; whole-list nulls stay null.
    expect(shown.result!.minima[0].plane.values[3]).toBeNaN();
    expect(shown.result!.minima[0].slices.eigen.testLoss).toBeNull();
    expect(shown.result!.minima[1].lambdaMax).toBe(3.5);
    await controller.compareMinima();
    expect(api.run).not.toHaveBeenCalled();
    // Live frames of the paused worker are not shown over the file's.
    listener().minima({ jobId: 9, state: 'running', done: 1, total: 2 });
    expect(store.getState().session!.minima).toBe(shown);
    expect(resultJson((await controller.exportResult())!)).toBe(text);
    // A file without a comparison clears the one on screen.
    await controller.loadResult(parseResultText(resultJson(smallResult())), 'plain.json');
    expect(store.getState().session!.minima).toBeNull();
  });

  it('a file whose comparison has lists of the wrong length is refused, naming the field', () => {
    const bad = smallMinima();
    bad.minima[1].plane.values = [1, 2, 3];
    bad.interpolation.trainLoss = [1];
    expect(() => parseResultText(resultJson({ ...smallResult(), minima: bad }))).toThrow(
      /minima\.minima\[1\]\.plane\.values: must hold n² = 4 values[\s\S]*minima\.interpolation\.trainLoss: must hold one value per t \(3\)/,
    );
  });
});
