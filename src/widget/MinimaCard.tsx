/**
 * The flat-vs-sharp card of an explorer (panel id `minima`): picks two runs (a and b; runs 0 and
 * 1 by default), compares their minima at the point on screen (the scrubbed recorded point, or the
 * newest) through the controller's minima job, shows its progress or why it failed, and the result
 * side by side (`ui/MinimaPanel`). The lesson 'flat-vs-sharp' runs the same job from a step.
 */
import { useEffect, useRef, useState } from 'react';
import type { SessionController } from '../client/controller';
import { runDisplayColor, LECTURE_LINE_SCALE } from '../scene/lecture-style';
import { useAppStore } from '../state/store';
import { JobFailure, JobProgress, RunSelect } from '../ui/JobControls';
import { MinimaPanel } from '../ui/MinimaPanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

/** The runs to compare: `picked`, or runs 0 and 1 when it names a run past the last of `count`. */
export function minimaRuns(picked: readonly [number, number], count: number): [number, number] {
  const [a, b] = picked;
  return a < count && b < count ? [a, b] : [0, 1];
}

export function MinimaCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.minima);
  const info = useAppStore((s) => s.session!.info);
  // A boolean, not the count: the card need not re-render with every batch of training frames.
  const recorded = useAppStore((s) => s.session!.history.steps.length > 0);
  const scrub = useAppStore((s) => s.scrub);
  const lecture = useAppStore((s) => s.lecture);
  const colormap = useAppStore((s) => s.colormap);
  const { textSize } = useChartSizes();
  const hidden = useHidden('minima');
  const lessonOpen = useAppStore((s) => s.lesson !== null);
  const [picked, setPicked] = useState<[number, number]>([0, 1]);
  const card = useRef<HTMLElement | null>(null);
  // A comparison a lesson step started lands below the fold: bring it into view when it is done.
  const doneJob = frame?.state === 'done' && frame.jobId >= 0 ? frame.jobId : null;
  useEffect(() => {
    if (doneJob !== null && lessonOpen) card.current?.scrollIntoView?.({ block: 'start' });
  }, [doneJob, lessonOpen]);
  if (!info || hidden || info.names.length < 2) return null;
  const runs = minimaRuns(picked, info.names.length);
  const colors = info.colors.map((c, k) => runDisplayColor(c, k, lecture));
  const running = frame?.state === 'running';
  const result = frame?.state === 'done' ? frame.result : undefined;
  const select = (side: 0 | 1) => (
    <label className="control">
      <span>{side === 0 ? 'Minimum a' : 'Minimum b'}</span>{' '}
      <RunSelect
        names={info.names}
        value={runs[side]}
        testId={`minima-run-${side === 0 ? 'a' : 'b'}`}
        onChange={(run) => {
          const next: [number, number] = [...runs];
          next[side] = run;
          setPicked(next);
        }}
      />
    </label>
  );
  return (
    <AnalysisCard
      testId="minima-card"
      title="Flat vs sharp"
      note="two runs’ minima side by side, at the same scale"
      ref={card}
    >
      <div className="card-actions minima-actions">
        {select(0)}
        {select(1)}
        <button
          type="button"
          className="button"
          data-testid="compare-minima"
          disabled={!recorded || runs[0] === runs[1] || running}
          onClick={() =>
            void controller.compareMinima({ runs }, scrub === null ? undefined : scrub)
          }
        >
          {result ? 'Compare again' : 'Compare minima'}
        </button>
        <JobProgress
          frame={frame}
          testId="minima-progress"
          label="Minima comparison progress"
          showCount
          cancelTestId="cancel-minima"
          cancelLabel="Cancel the comparison"
          onCancel={() => void controller.cancelJob('minima')}
        />
        {runs[0] === runs[1] && <span className="muted">Pick two different runs.</span>}
      </div>
      <JobFailure frame={frame} testId="minima-error" prefix="The comparison failed: " />
      {result && (
        <MinimaPanel
          result={result}
          names={info.names}
          colors={colors}
          colormap={colormap}
          textSize={textSize}
          lineScale={lecture ? LECTURE_LINE_SCALE : 1}
        />
      )}
      {!result && !running && frame?.state !== 'failed' && (
        <p className="muted">
          Train two runs to a minimum, then compare them: λ_max, trace, ε-sharpness, the landscape
          around each minimum on one colour scale, 1-D slices, the line from one to the other, and
          both Hessian spectra.
        </p>
      )}
    </AnalysisCard>
  );
}
