/**
 * The shareable state (`config/share.ts`) of one explorer, derived from its store: the experiment
 * as applied and written (`session.config`, defaults implicit), the view on screen, how it is
 * drawn (`viewMode`, `height`, `session.speed`, `colormap`, `lecture`), the open lesson and the
 * hidden controls. Links, the embed page and hosts (`Explorer`'s `onShareStateChange`) read it.
 */
import { parseShareState, type ShareState, type ShareStateInput } from '../config/share';
import type { AppState } from './store';

/** The store's shareable state as written (not yet validated), or null before a session. */
export function selectShareInput(s: AppState): ShareStateInput | null {
  const session = s.session;
  if (!session) return null;
  const input: ShareStateInput = {
    experiment: session.config,
    view: session.view,
    display: {
      viewMode: s.viewMode,
      height: s.height,
      speed: session.speed,
      colormap: s.colormap,
      lecture: s.lecture,
    },
    hide: [...s.hidden],
  };
  if (s.lesson) input.lesson = { id: s.lesson.id, step: s.lesson.step };
  return input;
}

/**
 * The store's shareable state, validated, or null before a session (or, should the store ever
 * hold something the schema rejects, null rather than a link that would not open).
 */
export function selectShareState(s: AppState): ShareState | null {
  const input = selectShareInput(s);
  if (!input) return null;
  try {
    return parseShareState(input);
  } catch {
    return null;
  }
}

/**
 * A key that changes exactly when the shareable state does (its JSON): for subscriptions that
 * must not fire on every store change (frames arrive many times a second).
 */
export function shareStateKey(s: AppState): string {
  const input = selectShareInput(s);
  return input ? JSON.stringify(input) : '';
}
