/**
 * Asks the worker for the selected run's gradient-noise ellipse (`controller.measureNoise`) while
 * `display.noiseEllipse` is on and training is paused: on pause, after a step, when another run is
 * selected or a new landscape (plane) arrives. Renders nothing; the contour map draws the result
 * (`scene/NoiseEllipses.tsx`).
 */
import { useEffect } from 'react';
import type { SessionController } from '../client/controller';
import type { AppState } from '../state/store';
import { useStoreApi } from '../state/store';

/** What a request depends on; a change of any of these asks again. */
function requestKey(s: AppState): string | null {
  const session = s.session;
  if (!s.noiseEllipse || !session || session.playing || !s.landscape) return null;
  if (session.info?.problem.task === 'surface') return null;
  return `${session.step}|${session.selectedRun}|${s.landscapeVersion}`;
}

export function NoiseEllipseRequests({ controller }: { controller: SessionController }) {
  const store = useStoreApi();
  useEffect(() => {
    let last: string | null = null;
    const check = (s: AppState) => {
      const key = requestKey(s);
      if (key === null || key === last) {
        if (key === null) last = null;
        return;
      }
      last = key;
      void controller.measureNoise(s.session!.selectedRun);
    };
    check(store.getState());
    return store.subscribe(check);
  }, [store, controller]);
  return null;
}
