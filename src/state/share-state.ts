/**
 * The shareable state (`config/share.ts`) of one explorer, derived from its store: the experiment
 * as applied and written (`session.config`, defaults implicit), the view on screen, how it is
 * drawn (`viewMode`, `height`, `session.speed`, `colormap`, `lecture`, `overshoot`), the open
 * lesson and the hidden controls. Links, the embed page and hosts (`Explorer`'s `onShareStateChange`) read it.
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
      overshoot: s.overshoot,
      noiseEllipse: s.noiseEllipse,
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
 * The store values the shareable state is made of, by reference: when none of them changed, the
 * state did not (training frames change other values many times a second; comparing these few
 * references is cheap, unlike writing a custom data set's JSON).
 */
export function shareStateParts(s: AppState): readonly unknown[] {
  const session = s.session;
  return [
    session?.config,
    session?.view,
    session?.speed,
    s.viewMode,
    s.height,
    s.colormap,
    s.lecture,
    s.overshoot,
    s.noiseEllipse,
    s.lesson,
    s.hidden,
  ];
}

/** Whether two `shareStateParts` are the same values. */
export function samePartsAs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** A key that changes exactly when the shareable state does (its JSON). */
export function shareStateKey(s: AppState): string {
  const input = selectShareInput(s);
  return input ? JSON.stringify(input) : '';
}
