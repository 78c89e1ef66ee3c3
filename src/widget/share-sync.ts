/**
 * Tells a host when the explorer's shareable state (`state/share-state.ts`) changes: once at
 * start, then on every change of what a link would carry (not on training frames).
 */
import { useEffect, useRef } from 'react';
import type { ShareState } from '../config/share';
import {
  samePartsAs,
  selectShareState,
  shareStateKey,
  shareStateParts,
} from '../state/share-state';
import type { AppStore } from '../state/store';

/** Calls `onChange` with the store's shareable state whenever it changes (the newest callback). */
export function useShareStateChange(
  store: AppStore,
  onChange: ((state: ShareState) => void) | undefined,
): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    let key = '';
    let parts: readonly unknown[] = [];
    const report = () => {
      const s = store.getState();
      // Most store changes are training frames: nothing a link carries changed.
      const nextParts = shareStateParts(s);
      if (samePartsAs(parts, nextParts)) return;
      parts = nextParts;
      // An edit may make an equal state (the same view object rebuilt): compare the JSON too.
      const next = shareStateKey(s);
      if (next === key || next === '') return;
      key = next;
      const state = selectShareState(s);
      if (state) callback.current?.(state);
    };
    report();
    return store.subscribe(report);
  }, [store]);
}
