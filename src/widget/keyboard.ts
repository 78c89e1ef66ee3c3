/**
 * The explorer's keyboard: space play/pause, → one step, R reset, F fullscreen, L lecture mode,
 * 1–9 the lesson's steps, ? the list of keys, Esc closes what is open.
 *
 * Keys act wherever focus is, except while the user types: text fields, selects, text areas and
 * editable content keep their keys. Space never scrolls the page. With `scope: 'page'` (the app
 * page, one explorer) the keys are page-wide; with `scope: 'focus'` (an embedded widget, perhaps
 * several on a page) they act only while focus or the pointer is inside that explorer.
 *
 * The listener sits on the explorer's own document (`root.ownerDocument`), so the widget touches
 * no globals; it is removed on unmount.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** Where the keys act: the whole page, only inside the explorer, or nowhere. */
export type KeyScope = 'page' | 'focus' | 'none';

/** What a key asks for. */
export type KeyCommand =
  | { kind: 'toggle-play' }
  | { kind: 'step' }
  | { kind: 'reset' }
  | { kind: 'fullscreen' }
  | { kind: 'lecture' }
  | { kind: 'help' }
  | { kind: 'escape' }
  | { kind: 'lesson-step'; index: number };

/** One row of the help overlay: the key as printed and what it does. */
export interface KeyBinding {
  keys: string;
  what: string;
}

/** The keys, in the order the help overlay lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: 'Space', what: 'play or pause' },
  { keys: '→', what: 'one step (while paused)' },
  { keys: 'R', what: 'reset the runs to the start' },
  { keys: 'F', what: 'fullscreen on or off' },
  { keys: 'L', what: 'lecture mode on or off' },
  { keys: '1 – 9', what: 'go to that step of the open lesson' },
  { keys: '?', what: 'show or hide this list' },
  { keys: 'Esc', what: 'close this list or the settings drawer' },
];

/** The parts of a keyboard event the explorer reads. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The command of a key press, or null for a key the explorer leaves alone. */
export function keyCommand(event: KeyLike): KeyCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const { key } = event;
  if (key === ' ' || key === 'Spacebar') return { kind: 'toggle-play' };
  if (key === 'ArrowRight') return { kind: 'step' };
  if (key === 'Escape') return { kind: 'escape' };
  if (key === '?') return { kind: 'help' };
  if (/^[1-9]$/.test(key)) return { kind: 'lesson-step', index: Number(key) - 1 };
  switch (key.toLowerCase()) {
    case 'r':
      return { kind: 'reset' };
    case 'f':
      return { kind: 'fullscreen' };
    case 'l':
      return { kind: 'lecture' };
    default:
      return null;
  }
}

/** Input types whose keys are the user's typing (every type but the button-like ones). */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether key presses on `target` are typing (text fields, selects, text areas, editable content). */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    return !NON_TEXT_INPUTS.has(type);
  }
  return element.isContentEditable === true;
}

/**
 * Whether `command` must leave `target` its own key: a range slider keeps its arrows, a checkbox
 * or radio button its space (the explorer has other keys for those).
 */
function keepsOwnKey(target: EventTarget | null, command: KeyCommand): boolean {
  if (!target || (target as Element).tagName?.toLowerCase() !== 'input') return false;
  const type = ((target as HTMLInputElement).type ?? '').toLowerCase();
  if (command.kind === 'step') return type === 'range';
  if (command.kind === 'toggle-play') return type === 'checkbox' || type === 'radio';
  return false;
}

export interface ExplorerKeysOptions {
  scope: KeyScope;
  /** The explorer's root element (for 'focus' scope, and to find its document). */
  root: RefObject<HTMLElement | null>;
  /** Runs a command; called only for keys that act. */
  onCommand(command: KeyCommand): void;
}

/** Installs the explorer's key handler for `scope` (see the module comment). */
export function useExplorerKeys({ scope, root, onCommand }: ExplorerKeysOptions): void {
  // The latest callback, without re-installing the listeners on every render.
  const command = useRef(onCommand);
  command.current = onCommand;

  useEffect(() => {
    const element = root.current;
    if (scope === 'none' || !element) return;
    const doc = element.ownerDocument;
    let pointerInside = false;
    /** Space was taken on keydown: its keyup must not click the focused button either. */
    let swallowSpaceUp = false;
    const inScope = (target: EventTarget | null) =>
      scope === 'page' ||
      pointerInside ||
      (target instanceof Node && element.contains(target)) ||
      element.contains(doc.activeElement);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.composedPath()[0] ?? event.target;
      if (isTyping(target) || !inScope(target)) return;
      const action = keyCommand(event);
      if (!action || keepsOwnKey(target, action)) return;
      // The key is the explorer's: no page scroll (space, arrows), no button activation.
      event.preventDefault();
      if (action.kind === 'toggle-play') {
        swallowSpaceUp = true;
        if (event.repeat) return;
      }
      command.current(action);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (swallowSpaceUp && (event.key === ' ' || event.key === 'Spacebar')) {
        swallowSpaceUp = false;
        event.preventDefault();
      }
    };
    const enter = () => (pointerInside = true);
    const leave = () => (pointerInside = false);
    doc.addEventListener('keydown', onKeyDown);
    doc.addEventListener('keyup', onKeyUp, true);
    element.addEventListener('pointerenter', enter);
    element.addEventListener('pointerleave', leave);
    return () => {
      doc.removeEventListener('keydown', onKeyDown);
      doc.removeEventListener('keyup', onKeyUp, true);
      element.removeEventListener('pointerenter', enter);
      element.removeEventListener('pointerleave', leave);
    };
  }, [scope, root]);
}
