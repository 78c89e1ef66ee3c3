import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ViewSpec } from '../config/view';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { LandscapeControls } from '../ui/LandscapeControls';
import { Transport } from '../ui/panels/Transport';
import { ViewSettings } from '../ui/ViewSettings';
import { useHidden } from '../ui/useHidden';
import type { ShareState } from '../config/share';
import { CopyLinkButton } from './CopyLink';

const EMPTY: never[] = [];

/**
 * The toolbar above the landscape: transport (play, step, speed, timeline), then the drawing's
 * options (3-D or contour, height scale, clip, metric) and the plane's settings, wrapping.
 */
export function ControlsCard({
  controller,
  linkFor,
  lead = null,
}: {
  controller: SessionController;
  /** The host's link to a state: shows "Copy link" (none when left out). */
  linkFor?: (state: ShareState) => string;
  /** Shown first in the toolbar (the lesson picker and its step text). */
  lead?: ReactNode;
}) {
  const s = useAppStore(
    useShallow((st) => ({
      playing: st.session!.playing,
      finished: st.session!.finished,
      step: st.session!.step,
      speed: st.session!.speed,
      view: st.session!.view,
      progress: st.session!.progress,
      viewError: st.session!.viewError,
      explained: st.session!.plane?.explained ?? null,
      frames: st.session!.history.steps.length,
      scrubStep: st.scrub === null ? undefined : st.session!.history.steps[st.scrub],
      totalSteps: st.session!.info?.steps ?? 0,
      surface: st.session!.info?.problem.task === 'surface',
      tanh: st.session!.info?.problem.name === 'tanh-regression',
      runNames: st.session!.info?.names ?? EMPTY,
      parameters: st.session!.info?.problem.parameters ?? null,
      layout: st.session!.info?.problem.layout ?? '',
      scrub: st.scrub,
    })),
  );
  const setScrub = useAppStore((st) => st.setScrub);
  const metric = useAppStore((st) => st.metric);
  // Where the toolbar is narrow (or in lecture mode) the plane's settings fold behind a button.
  const [planeOpen, setPlaneOpen] = useState(false);
  // A classroom link may hide the transport and the view's panel.
  const hideTransport = useHidden('transport');
  const hideView = useHidden('view');

  // The toolbar's metric picker changes what the worker evaluates.
  useEffect(() => {
    // One vocabulary: the picker's metric is the view's (no mapping, nothing collapsed).
    const wanted: ViewSpec['metric'] = metric;
    if (wanted === s.view.metric) return;
    // The worker answers a metric this problem has no data for (accuracy of a regression, test
    // loss with no test set) with a message, and the picker goes back to the metric on screen.
    void controller.setView({ ...s.view, metric: wanted });
  }, [metric, s.view, controller]);

  return (
    <section className="card toolbar" data-testid="toolbar">
      {lead}
      {!hideTransport && (
        <Transport
          playing={s.playing}
          finished={s.finished}
          step={s.step}
          totalSteps={s.totalSteps}
          frames={s.frames}
          scrub={s.scrub}
          scrubStep={s.scrubStep}
          speed={s.speed}
          onPlay={() => void controller.play()}
          onPause={() => void controller.pause()}
          onStep={() => void controller.step()}
          onReset={() => void controller.reset()}
          onSpeed={(n) => void controller.setSpeed(n)}
          onScrub={setScrub}
        />
      )}
      {linkFor && <CopyLinkButton linkFor={linkFor} />}
      {!hideView && (
        <div className="toolbar-view">
          <LandscapeControls showScrubber={false} />
          <button
            type="button"
            className="button plane-toggle"
            aria-expanded={planeOpen}
            onClick={() => setPlaneOpen(!planeOpen)}
          >
            Plane {planeOpen ? '▴' : '▾'}
          </button>
          <div className={planeOpen ? 'plane-settings open' : 'plane-settings'}>
            <ViewSettings
              view={s.view}
              surface={s.surface}
              tanh={s.tanh}
              onChange={(view) => void controller.setView(view)}
              onRecompute={() => void controller.recompute()}
              progress={s.progress}
              error={s.viewError}
              explained={s.explained}
              runNames={s.runNames}
              model={s.parameters ? { parameters: s.parameters, layout: s.layout } : null}
            />
          </div>
        </div>
      )}
    </section>
  );
}
