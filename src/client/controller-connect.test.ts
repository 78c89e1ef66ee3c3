/** The controller's half of the curve job: the request it sends and the frames it keeps. */
import { describe, expect, it } from 'vitest';
import type { ConnectResult } from '../config/result';
import { parseResultText, resultJson } from '../export/result';
import { smallResult } from '../export/result.fixture';
import type { ConnectFrame } from '../protocol/frames';
import { sessionInfo, startedController } from './controller.fixture';

const INFO = sessionInfo({ names: ['seed 1', 'seed 2'], data: 'circles' });

const frame = (jobId: number, state: ConnectFrame['state'], done: number): ConnectFrame => ({
  jobId,
  state,
  done,
  total: 300,
});

describe('SessionController and the curve job', () => {
  it('asks the worker for a curve job and keeps the newest job’s frames', async () => {
    const { store, controller: c, api, listener } = await startedController();
    const l = listener();
    l.session(INFO);
    await c.trainCurve({ runs: [1, 0], type: 'chain' });
    expect(api.run).toHaveBeenCalledWith({ kind: 'curve', spec: { runs: [1, 0], type: 'chain' } });
    l.connect(frame(4, 'running', 30));
    expect(store.getState().session!.connect).toMatchObject({ jobId: 4, done: 30 });
    // A cancelled older job reporting late is not shown.
    l.connect(frame(3, 'running', 250));
    expect(store.getState().session!.connect).toMatchObject({ jobId: 4, done: 30 });
    l.connect(frame(4, 'done', 300));
    expect(store.getState().session!.connect!.state).toBe('done');
    // A new experiment clears the curve of the old one.
    l.session(INFO);
    expect(store.getState().session!.connect).toBeNull();
  });
});

/** A curve between the fixture's two runs (a surface: no test metrics). */
function curve(): ConnectResult {
  const t = Array.from({ length: 61 }, (_, i) => i / 60);
  const path = (h: number) => ({
    trainLoss: t.map((x) => h * 4 * x * (1 - x)),
    testLoss: null,
    trainAccuracy: null,
    testAccuracy: null,
    barrier: h,
    testBarrier: null,
  });
  return {
    type: 'chain',
    runs: [0, 1],
    names: ['SGD', 'Adam'],
    steps: 20,
    samples: 4,
    t,
    history: Array.from({ length: 20 }, (_, i) => 1 / (i + 1)),
    segment: path(2),
    curve: path(0.5),
    bend: [0.5, 0.5],
    plane: null,
  };
}

describe('a result file with a curve', () => {
  it('replays the file’s curve in the card and exports it again', async () => {
    const { store, controller: c } = await startedController();
    const text = resultJson({ ...smallResult(), connect: curve() });
    await c.loadResult(parseResultText(text), 'curve.json');
    const shown = store.getState().session!.connect!;
    expect(shown).toMatchObject({ state: 'done', done: 20, total: 20 });
    expect(shown.result!.curve.barrier).toBe(0.5);
    expect(resultJson((await c.exportResult())!)).toBe(text);
  });
});
