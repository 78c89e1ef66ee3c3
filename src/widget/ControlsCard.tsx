import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ViewSpec } from '../config/view';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { Transport } from '../ui/panels/Transport';
import { ViewSettings } from '../ui/ViewSettings';

const EMPTY: never[] = [];

/** Transport (play, step, speed, timeline) and the view settings of the landscape. */
export function ControlsCard({ controller }: { controller: SessionController }) {
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
      runNames: st.session!.info?.names ?? EMPTY,
      scrub: st.scrub,
    })),
  );
  const setScrub = useAppStore((st) => st.setScrub);
  const metric = useAppStore((st) => st.metric);

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
    <section className="card">
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
      <ViewSettings
        view={s.view}
        surface={s.surface}
        onChange={(view) => void controller.setView(view)}
        onRecompute={() => void controller.recompute()}
        progress={s.progress}
        error={s.viewError}
        explained={s.explained}
        runNames={s.runNames}
      />
    </section>
  );
}
