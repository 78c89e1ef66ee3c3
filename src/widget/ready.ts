/**
 * The explorer's one "ready" report: the first complete landscape on screen, drawn by the 3-D
 * view (its first frame) or, when the explorer opens on the contour map (a link may say so), by
 * the contour map (its first landscape committed). Reported once, whichever comes first.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import type { ReadyDetail } from './types';

/** Returns the 3-D view's first-frame callback; reports the contour map's first landscape itself. */
export function useReadyReport(
  controller: SessionController,
  onReady: ((detail: ReadyDetail) => void) | undefined,
): () => void {
  const reported = useRef(false);
  const callback = useRef(onReady);
  callback.current = onReady;
  const report = useCallback(() => {
    if (reported.current) return;
    reported.current = true;
    callback.current?.({ firstLandscapeMs: controller.firstLandscapeMs ?? 0 });
  }, [controller]);
  const contourShown = useAppStore((st) => st.viewMode === 'contour' && st.landscape !== null);
  useEffect(() => {
    if (contourShown) report();
  }, [contourShown, report]);
  return report;
}
