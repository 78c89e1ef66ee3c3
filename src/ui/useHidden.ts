/**
 * Classroom `hide` lists: whether a control or panel is hidden from the learner. A target is a
 * field path of the field table with `[]` for any entry (`experiment.runs[].lr`), a panel id
 * (`runs`) or a control id (`play`), as listed in `config/controls.ts`; the store's `hidden` list
 * holds the ones hidden (a link's `hide`, a lesson's, the custom element's attribute).
 *
 * Outside an explorer (a panel rendered on its own, as in its tests) nothing is hidden.
 */
import { useContext } from 'react';
import { useStore } from 'zustand';
import { createAppStore, StoreContext, type AppState } from '../state/store';

/** A store with nothing hidden, for components rendered outside an explorer. */
const NOTHING_HIDDEN = createAppStore();

/** Whether `target` is hidden in the nearest explorer. */
export function useHidden(target: string): boolean {
  const store = useContext(StoreContext) ?? NOTHING_HIDDEN;
  return useStore(store, (s: AppState) => isHidden(s.hidden, target));
}

/**
 * Whether `target` is in `hidden`; a concrete field path (`experiment.runs[2].lr`) counts as its
 * general one (`experiment.runs[].lr`).
 */
export function isHidden(hidden: readonly string[], target: string): boolean {
  if (hidden.length === 0) return false;
  return hidden.includes(target) || hidden.includes(target.replace(/\[\d+\]/g, '[]'));
}
