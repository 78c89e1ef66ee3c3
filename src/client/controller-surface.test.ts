/**
 * An imported surface file in place of the live landscape: the file (the h5py fixture in the
 * loss-landscape tool's layout) is drawn, training pauses, live frames wait; "back" (or Play)
 * puts the live landscape back, with the newest frame that arrived meanwhile; the plane export
 * asks the worker only for the live plane on screen.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeSurfaceHdf5 } from '../export/hdf5';
import { surfaceLandscape, surfaceTrajectories } from '../export/surface';
import { landscapeFrame, startedController } from './controller.fixture';

const FIXTURE = path.resolve(__dirname, '../../tests/fixtures/reference-surface.h5');

/** The worker's answer to `plane`: the live plane on screen. */
const livePlane = () =>
  vi.fn(async () => ({
    planeId: 1,
    problem: { name: 'mlp', parameters: 2, layout: [] },
    centre: Float32Array.of(1, 2),
    d1: Float32Array.of(1, 0),
    d2: Float32Array.of(0, 1),
  }));

/** A live 5 × 5 landscape of random directions, every value `fill`, with three one-point paths. */
const liveLandscape = (planeId: number, fill: number) =>
  landscapeFrame({
    planeId,
    fill,
    axis: [0, 1, 2, 3, 4],
    runs: 3,
    trueValue: 0,
    planeValue: 0,
    directions: 'random',
    axisLabels: ['δ₁', 'δ₂'],
    explained: null,
  });

describe('an imported surface', () => {
  it('replaces the live landscape until back, Play or a new view', async () => {
    const { store, controller, ...fake } = await startedController({ plane: livePlane() });
    fake.listener().landscape(liveLandscape(1, 7));
    const live = store.getState().landscape!;
    expect(await controller.shownPlane()).toMatchObject({ centre: Float32Array.of(1, 2) });

    const { surface } = await decodeSurfaceHdf5(new Uint8Array(await readFile(FIXTURE)));
    const view = surfaceLandscape(surface, 'testLoss');
    await controller.showSurface(
      view,
      surfaceTrajectories(surface, 'testLoss'),
      { directions: 'imported', explained: null },
      'reference-surface.h5',
    );
    expect(fake.api.pause).toHaveBeenCalled();
    let s = store.getState();
    expect(s.landscape).toBe(view);
    expect(s.landscape!.n).toBe(9);
    expect(s.landscape!.values[5]).toBeNaN(); // the tool's −1: not computed
    expect(s.metric).toBe('testLoss');
    // The view's metric follows (the toolbar asks for no live landscape of it).
    expect(s.session!.view.metric).toBe('testLoss');
    expect(fake.api.setView).not.toHaveBeenCalled();
    expect(s.trajectories).toEqual([]);
    expect(s.session!.plane).toEqual({ directions: 'imported', explained: null });
    expect(s.session!.notice).toMatch(
      /^Showing an imported surface: reference-surface\.h5 \(testLoss, 9 × 9\)/,
    );
    expect(controller.importedSurface).toBe('reference-surface.h5');
    // The plane of an imported surface is the file's: the worker is not asked.
    fake.api.plane.mockClear();
    expect(await controller.shownPlane()).toBeNull();
    expect(fake.api.plane).not.toHaveBeenCalled();

    // A live landscape arriving meanwhile waits.
    fake.listener().landscape(liveLandscape(2, 9));
    expect(store.getState().landscape).toBe(view);

    controller.closeSurface();
    s = store.getState();
    expect(controller.importedSurface).toBeNull();
    expect(s.landscape).not.toBe(live);
    expect(s.landscape!.values[0]).toBe(9); // the newest live frame
    expect(s.metric).toBe('trainLoss');
    expect(s.session!.view.metric).toBe('trainLoss');
    expect(s.session!.notice).toBeNull();
    expect(s.trajectories).toHaveLength(3);

    // Play goes back to the live landscape too.
    await controller.showSurface(view, [], { directions: 'imported', explained: null }, 'x.h5');
    await controller.play();
    expect(controller.importedSurface).toBeNull();
    expect(store.getState().landscape!.values[0]).toBe(9);
    expect(fake.api.play).toHaveBeenCalled();
  });
});
