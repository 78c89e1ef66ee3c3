/**
 * The controller's replay of a result file: the store gets the file's landscape, paths, histories
 * and runs; the worker is paused and its frames are not shown; the view cannot change; a file that
 * cannot be shown changes nothing; Reset trains the file's experiment live.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../config/view';
import { parseResultText, ResultFileError, resultJson } from '../export/result';
import { smallResult } from '../export/result.fixture';
import { landscapeFrame, startedController } from './controller.fixture';
import { REPLAY_NOTICE, REPLAY_VIEW_MESSAGE } from './replay';

/** A live 5 × 5 landscape frame of two runs. */
const liveLandscape = () =>
  landscapeFrame({
    axis: [0, 1, 2, 3, 4],
    fill: 7,
    trueValue: 0,
    planeValue: 0,
    axisLabels: ['PC1', 'PC2'],
    explained: [0.9, 0.1],
  });

describe('replaying a result file', () => {
  it('shows the file, not the worker, until Reset trains it live', async () => {
    const { store, controller, api, listener } = await startedController();
    listener().landscape(liveLandscape());
    const text = resultJson(smallResult());
    await controller.loadResult(parseResultText(text), 'race.json');
    expect(api.pause).toHaveBeenCalled();
    expect(controller.replaying).toBe(true);
    let s = store.getState();
    expect(s.landscape!.n).toBe(2);
    expect(Array.from(s.landscape!.values)).toEqual([1, 2, 3, Number.NaN]);
    expect(s.trajectories.map((t) => [t.name, t.length, t.diverged])).toEqual([
      ['SGD', 2, false],
      ['Adam', 2, true],
    ]);
    expect(s.session!.history.steps).toEqual([0, 10]);
    expect(s.session!.step).toBe(10);
    expect(s.session!.finished).toBe(true);
    expect(s.session!.divergedAt).toEqual([-1, 7]);
    expect(s.session!.notice).toContain(`${REPLAY_NOTICE}: race.json`);
    expect(s.session!.info!.names).toEqual(['SGD', 'Adam']);

    // The worker's late frames do not reach the screen; nothing was asked of it.
    listener().landscape(liveLandscape());
    listener().status({ playing: true, step: 3, finished: false });
    s = store.getState();
    expect(s.landscape!.n).toBe(2);
    expect(s.session!.step).toBe(10);
    expect(controller.landscapeFrames).toBe(2);

    // The view cannot change; the export is the file again.
    await controller.setView({ ...DEFAULT_VIEW, n: 11 });
    expect(api.setView).not.toHaveBeenCalled();
    expect(store.getState().session!.viewError).toBe(REPLAY_VIEW_MESSAGE);
    expect(resultJson((await controller.exportResult())!)).toBe(text);
    expect(api.recorded).not.toHaveBeenCalled();

    // Reset trains the file's experiment live.
    await controller.reset();
    expect(controller.replaying).toBe(false);
    expect(api.configure).toHaveBeenLastCalledWith(smallResult().config, expect.anything());
    expect(store.getState().session!.notice).toBeNull();
    listener().landscape(liveLandscape());
    expect(store.getState().landscape!.n).toBe(5);
  });

  it('changes nothing when a file cannot be shown', async () => {
    const { store, controller, listener } = await startedController();
    listener().landscape(liveLandscape());
    const before = store.getState();
    const file = smallResult();
    file.landscape!.values = { sharpness: [1, 2, 3, 4] };
    await expect(controller.loadResult(file, 'odd.json')).rejects.toThrow(ResultFileError);
    const after = store.getState();
    expect(controller.replaying).toBe(false);
    expect(after.landscape).toBe(before.landscape);
    expect(after.session).toBe(before.session);
  });
});
