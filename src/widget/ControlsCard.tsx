import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
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
 *
 * Two parts that read the store each for themselves: the transport re-renders with every batch
 * of training frames (its step counter and timeline), the view's controls only when the view,
 * its progress or its plane change (their selects and inputs are not touched while training).
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
  const view = useAppStore((st) => st.session!.view);
  const metric = useAppStore((st) => st.metric);
  // A classroom link may hide the transport and the view's panel.
  const hideTransport = useHidden('transport');
  const hideView = useHidden('view');

  // The toolbar's metric picker changes what the worker evaluates.
  useEffect(() => {
    // One vocabulary: the picker's metric is the view's (no mapping, nothing collapsed).
    const wanted: ViewSpec['metric'] = metric;
    if (wanted === view.metric) return;
    // The worker answers a metric this problem has no data for (accuracy of a regression, test
    // loss with no test set) with a message, and the picker goes back to the metric on screen.
    void controller.setView({ ...view, metric: wanted });
  }, [metric, view, controller]);

  return (
    <section className="card toolbar" data-testid="toolbar">
      {lead}
      {!hideTransport && <TransportBar controller={controller} />}
      {linkFor && <CopyLinkButton linkFor={linkFor} />}
      {!hideView && <ViewBar controller={controller} />}
    </section>
  );
}

/** The transport, fed from the store (the part of the toolbar that follows training). */
const TransportBar = memo(function TransportBar({ controller }: { controller: SessionController }) {
  const s = useAppStore(
    useShallow((st) => ({
      playing: st.session!.playing,
      finished: st.session!.finished,
      step: st.session!.step,
      speed: st.session!.speed,
      frames: st.session!.history.steps.length,
      scrubStep: st.scrub === null ? undefined : st.session!.history.steps[st.scrub],
      totalSteps: st.session!.info?.steps ?? 0,
      scrub: st.scrub,
    })),
  );
  const setScrub = useAppStore((st) => st.setScrub);
  // Stable callbacks: the transport's memoised parts (the speed picker) keep their props.
  const actions = useMemo(
    () => ({
      onPlay: () => void controller.play(),
      onPause: () => void controller.pause(),
      onStep: () => void controller.step(),
      onReset: () => void controller.reset(),
      onSpeed: (n: number) => void controller.setSpeed(n),
    }),
    [controller],
  );
  return <Transport {...s} {...actions} onScrub={setScrub} />;
});

/** The drawing's options and the plane's settings (nothing here changes with a training step). */
const ViewBar = memo(function ViewBar({ controller }: { controller: SessionController }) {
  const s = useAppStore(
    useShallow((st) => ({
      view: st.session!.view,
      progress: st.session!.progress,
      viewError: st.session!.viewError,
      explained: st.session!.plane?.explained ?? null,
      surface: st.session!.info?.problem.task === 'surface',
      tanh: st.session!.info?.problem.name === 'tanh-regression',
      runNames: st.session!.info?.names ?? EMPTY,
      parameters: st.session!.info?.problem.parameters ?? null,
      layout: st.session!.info?.problem.layout ?? '',
    })),
  );
  // Where the toolbar is narrow (or in lecture mode) the plane's settings fold behind a button.
  const [planeOpen, setPlaneOpen] = useState(false);
  return (
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
  );
});
