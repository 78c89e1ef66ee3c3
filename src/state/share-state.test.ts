import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT, DEFAULT_VIEW } from '../config/app';
import { parseShareState } from '../config/share';
import { initialSession } from './session';
import {
  samePartsAs,
  selectShareInput,
  selectShareState,
  shareStateKey,
  shareStateParts,
} from './share-state';
import { createAppStore } from './store';

function storeWithSession() {
  const store = createAppStore();
  store.setState({ session: initialSession({ ...DEFAULT_EXPERIMENT, steps: 80 }, DEFAULT_VIEW) });
  return store;
}

describe('the store’s shareable state', () => {
  it('is null before a session', () => {
    const store = createAppStore();
    expect(selectShareInput(store.getState())).toBeNull();
    expect(selectShareState(store.getState())).toBeNull();
    expect(shareStateKey(store.getState())).toBe('');
  });

  it('holds the applied experiment, the view, the display, the lesson and the hidden controls', () => {
    const store = storeWithSession();
    const s = store.getState();
    s.setViewMode('contour');
    s.setHeightOptions({ scale: 'linear', clip: 0.9 });
    s.setColormap('magma');
    s.setLecture(true);
    s.setLesson({ id: 'ravine', step: 2 });
    s.setHidden(['play', 'experiment.runs[].lr']);
    s.patchSession({ speed: 20, view: { ...DEFAULT_VIEW, n: 61 } });
    expect(selectShareState(store.getState())).toEqual(
      parseShareState({
        experiment: { ...DEFAULT_EXPERIMENT, steps: 80 },
        view: { n: 61 },
        display: {
          viewMode: 'contour',
          height: { scale: 'linear', clip: 0.9 },
          speed: 20,
          colormap: 'magma',
          lecture: true,
        },
        lesson: { id: 'ravine', step: 2 },
        hide: ['play', 'experiment.runs[].lr'],
      }),
    );
  });

  it('its key changes with the settings, not with training', () => {
    const store = storeWithSession();
    const before = shareStateKey(store.getState());
    const parts = shareStateParts(store.getState());
    store.getState().patchSession({ step: 40, playing: true, progress: { done: 1, total: 4 } });
    store.getState().setScrub(3);
    store.getState().touch('landscape');
    expect(samePartsAs(shareStateParts(store.getState()), parts)).toBe(true);
    expect(shareStateKey(store.getState())).toBe(before);
    store.getState().setHidden(['reset']);
    expect(samePartsAs(shareStateParts(store.getState()), parts)).toBe(false);
    expect(shareStateKey(store.getState())).not.toBe(before);
  });
});
