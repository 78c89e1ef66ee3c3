/**
 * Fullscreen of the explorer's root element (the Fullscreen API), through the element's own
 * document: no globals. `active` follows the browser (Esc, the browser's own controls).
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface Fullscreen {
  /** The explorer's root is the fullscreen element. */
  active: boolean;
  /** The browser offers fullscreen for elements (false in some embedded frames). */
  available: boolean;
  /** Enters fullscreen, or leaves it when the explorer is fullscreen. */
  toggle(): void;
}

export function useFullscreen(root: RefObject<HTMLElement | null>): Fullscreen {
  const [active, setActive] = useState(false);
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const doc = element.ownerDocument;
    setAvailable(doc.fullscreenEnabled === true && typeof element.requestFullscreen === 'function');
    const onChange = () => setActive(doc.fullscreenElement === element);
    doc.addEventListener('fullscreenchange', onChange);
    return () => doc.removeEventListener('fullscreenchange', onChange);
  }, [root]);
  const toggle = useCallback(() => {
    const element = root.current;
    if (!element) return;
    const doc = element.ownerDocument;
    // A refusal (no user gesture, a frame without allow="fullscreen") leaves the page as it is.
    const ignore = () => undefined;
    if (doc.fullscreenElement === element) void doc.exitFullscreen?.().catch(ignore);
    else void element.requestFullscreen?.().catch(ignore);
  }, [root]);
  return { active, available, toggle };
}
