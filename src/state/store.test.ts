import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { LandscapeView, TrajectoryView } from './view-types';
import {
  DEFAULT_HEIGHT_OPTIONS,
  StoreProvider,
  createAppStore,
  useAppStore,
  useStoreApi,
} from './store';

const view = (): LandscapeView => ({
  n: 2,
  a: Float32Array.from([0, 1]),
  b: Float32Array.from([0, 1]),
  values: Float32Array.from([1, 2, 3, 4]),
  metric: 'trainLoss',
  axisLabels: ['PC1 (72.4 %)', 'PC2 (11.0 %)'],
});

const trajectory = (name: string): TrajectoryView => ({
  name,
  color: '#4e79a7',
  a: new Float32Array(8),
  b: new Float32Array(8),
  trueLoss: new Float32Array(8),
  planeLoss: new Float32Array(8),
  offPlane: new Float32Array(8),
  length: 0,
  diverged: false,
});

describe('createAppStore', () => {
  it('starts empty with defaults, and takes initial data', () => {
    const s = createAppStore().getState();
    expect(s.landscape).toBeNull();
    expect(s.trajectories).toEqual([]);
    expect(s.scrub).toBeNull();
    expect(s.height).toEqual(DEFAULT_HEIGHT_OPTIONS);
    expect(s.viewMode).toBe('3d');
    expect(s.metric).toBe('trainLoss');
    expect([s.version, s.landscapeVersion, s.trajectoryVersion]).toEqual([0, 0, 0]);

    const v = view();
    const t = createAppStore({
      landscape: v,
      viewMode: 'contour',
      metric: 'testAccuracy',
    }).getState();
    expect(t.landscape).toBe(v);
    expect(t.viewMode).toBe('contour');
    expect(t.metric).toBe('testAccuracy');
    expect(() => createAppStore({ height: { scale: 'log', clip: 0 } })).toThrow(/height.clip/);
  });

  it('makes independent stores (one per widget instance)', () => {
    const one = createAppStore();
    const two = createAppStore();
    one.getState().setViewMode('contour');
    one.getState().setLandscape(view());
    expect(two.getState().viewMode).toBe('3d');
    expect(two.getState().landscape).toBeNull();
  });

  it('bumps the version counters on replacement and on in-place mutation', () => {
    const store = createAppStore();
    const { setLandscape, setTrajectories, touch } = store.getState();
    const v = view();
    setLandscape(v);
    expect(store.getState()).toMatchObject({
      version: 1,
      landscapeVersion: 1,
      trajectoryVersion: 0,
    });

    const runs = [trajectory('SGD'), trajectory('Adam')];
    setTrajectories(runs);
    expect(store.getState()).toMatchObject({
      version: 2,
      landscapeVersion: 1,
      trajectoryVersion: 1,
    });

    // A producer appends a point in place, then touches: same objects, new versions.
    runs[0]!.a[0] = 0.5;
    runs[0]!.length = 1;
    touch('trajectories');
    expect(store.getState().trajectories[0]).toBe(runs[0]);
    expect(store.getState()).toMatchObject({
      version: 3,
      landscapeVersion: 1,
      trajectoryVersion: 2,
    });

    v.values[0] = 9;
    touch('landscape');
    expect(store.getState()).toMatchObject({
      version: 4,
      landscapeVersion: 2,
      trajectoryVersion: 2,
    });
    touch();
    expect(store.getState()).toMatchObject({
      version: 5,
      landscapeVersion: 3,
      trajectoryVersion: 3,
    });
    expect(store.getState().landscape).toBe(v);
  });

  it('notifies subscribers of in-place changes without new data objects', () => {
    const store = createAppStore({ trajectories: [trajectory('SGD')] });
    const seen = vi.fn();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.trajectoryVersion !== prev.trajectoryVersion) seen(s.trajectoryVersion);
    });
    for (let k = 0; k < 5; k++) store.getState().touch('trajectories');
    store.getState().setViewMode('contour');
    unsubscribe();
    store.getState().touch('trajectories');
    expect(seen.mock.calls.map((c) => c[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('clamps the scrub index and rejects bad height options with a message', () => {
    const store = createAppStore();
    const s = store.getState();
    s.setScrub(3.7);
    expect(store.getState().scrub).toBe(3);
    s.setScrub(-2);
    expect(store.getState().scrub).toBe(0);
    s.setScrub(null);
    expect(store.getState().scrub).toBeNull();
    expect(() => s.setScrub(NaN)).toThrow(/scrub/);

    s.setHeightOptions({ scale: 'linear' });
    expect(store.getState().height).toEqual({ scale: 'linear', clip: DEFAULT_HEIGHT_OPTIONS.clip });
    s.setHeightOptions({ clip: 1 });
    expect(store.getState().height).toEqual({ scale: 'linear', clip: 1 });
    expect(() => s.setHeightOptions({ clip: 1.2 })).toThrow(
      'height.clip: must be > 0 and ≤ 1 (got 1.2)',
    );
    expect(() => s.setHeightOptions({ scale: 'cubic' as 'log' })).toThrow(/height.scale/);
    expect(store.getState().height).toEqual({ scale: 'linear', clip: 1 });
  });
});

describe('StoreProvider and useAppStore', () => {
  function Probe() {
    const mode = useAppStore((s) => s.viewMode);
    const n = useAppStore((s) => s.landscape?.n ?? 0);
    const api = useStoreApi();
    return createElement('span', null, `${mode}:${n}:${typeof api.getState().touch}`);
  }

  it('reads the store of the nearest provider, created from initial data', () => {
    const html = renderToString(
      createElement(
        StoreProvider,
        { initial: { viewMode: 'contour', landscape: view() } },
        createElement(Probe),
      ),
    );
    expect(html).toContain('contour:2:function');
  });

  it('uses a store passed in, and keeps providers apart', () => {
    // (Server rendering reads a store's initial state, so the difference is made at creation.)
    const store = createAppStore({ viewMode: 'contour' });
    const html = renderToString(
      createElement(
        'div',
        null,
        createElement(StoreProvider, { store }, createElement(Probe)),
        createElement(StoreProvider, null, createElement(Probe)),
      ),
    );
    expect(html).toContain('contour:0:function');
    expect(html).toContain('3d:0:function');
  });

  it('explains itself when used outside a provider', () => {
    expect(() => renderToString(createElement(Probe))).toThrow(/inside a <StoreProvider>/);
  });
});
