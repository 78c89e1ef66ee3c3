import { memo, useCallback, useDeferredValue, useMemo } from 'react';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { LossChart, type ChartSeries } from '../ui/LossChart';
import { BoundaryPlot } from '../ui/panels/BoundaryPlot';
import { CurvePlot } from '../ui/panels/CurvePlot';
import { LECTURE_LINE_SCALE, runDisplayColor } from '../scene/lecture-style';
import { useHidden } from '../ui/useHidden';

const EMPTY: never[] = [];

/**
 * Loss curves, and the selected run's decision boundary or every run's fitted curve. Each card
 * reads the store for itself, so a batch of training frames re-renders the loss chart (new
 * points) and the model's plot (a new boundary) but not each other; the loss chart renders at
 * lower priority (`useDeferredValue`: React may interrupt it to answer input, and skips to the
 * newest history when batches come faster than it draws).
 */
export function ChartsRow({ controller }: { controller: SessionController }) {
  // A classroom link may hide the loss chart and the model's plot.
  const hideLoss = useHidden('loss');
  const hideModel = useHidden('model');
  return (
    <div className="two-up">
      {!hideLoss && <LossCard />}
      {!hideModel && <ModelCard controller={controller} />}
    </div>
  );
}

/** The runs' colours as drawn (lecture mode: Okabe–Ito). */
function useRunColors(): string[] {
  const info = useAppStore((st) => st.session!.info);
  const lecture = useAppStore((st) => st.lecture);
  return useMemo(
    () => (info?.colors ?? EMPTY).map((c, k) => runDisplayColor(c, k, lecture)),
    [info, lecture],
  );
}

const LossCard = memo(function LossCard() {
  const info = useAppStore((st) => st.session!.info);
  const history = useDeferredValue(useAppStore((st) => st.session!.history));
  const divergedAt = useAppStore((st) => st.session!.divergedAt);
  const recording = useAppStore((st) => st.session!.recording);
  // Lecture mode: 20 px chart text, thicker lines, Okabe–Ito run colours.
  const lecture = useAppStore((st) => st.lecture);
  const textSize = lecture ? 20 : 15;
  const colors = useRunColors();
  // Training loss solid, test loss dashed, one colour per run (surfaces have no test set).
  const series = useMemo<ChartSeries[]>(() => {
    const names = info?.names ?? EMPTY;
    const line = (name: string, k: number, values: number[], dashed: boolean): ChartSeries => ({
      name,
      color: colors[k]!,
      values,
      divergedAt: (divergedAt[k] ?? -1) >= 0 ? divergedAt[k]! : null,
      dashed,
    });
    const train = names.map((name, k) => line(name, k, history.trainLoss[k] ?? EMPTY, false));
    if (info?.problem.task === 'surface') return train;
    return [...train, ...names.map((name, k) => line(name, k, history.testLoss[k] ?? EMPTY, true))];
  }, [info, history, divergedAt, colors]);
  return (
    <section className="card chart-card">
      <div className="card-head">
        <h2>
          Loss{' '}
          <span className="h2-note">
            {info ? `${info.loss}, ` : ''}log scale
            {info?.problem.task !== 'surface' ? ' · training solid, test dashed' : ''}
          </span>
        </h2>
      </div>
      {recording?.thinnedBefore != null && (
        <p className="muted recording-note" data-testid="recording-note">
          Long run: {recording.kept.toLocaleString('en')} recorded points kept (at most{' '}
          {recording.limit.toLocaleString('en')}, so memory stays bounded); before step{' '}
          {recording.thinnedBefore.toLocaleString('en')} the path is thinned to every other point,
          repeatedly.
        </p>
      )}
      <LossChart
        steps={history.steps}
        series={series}
        totalSteps={info?.steps || 1}
        yLabel="loss"
        title="Training (solid) and test (dashed) loss of each run against training step, logarithmic y-axis"
        textSize={textSize}
        lineScale={lecture ? LECTURE_LINE_SCALE : 1}
      />
    </section>
  );
});

/** The selected run's decision boundary (2-D classifiers) or every run's fitted curve (1-D). */
const ModelCard = memo(function ModelCard({ controller }: { controller: SessionController }) {
  const info = useAppStore((st) => st.session!.info);
  // At lower priority, as the loss chart: a new boundary or curve comes with every batch.
  const boundary = useDeferredValue(useAppStore((st) => st.session!.boundary));
  const curve = useDeferredValue(useAppStore((st) => st.session!.curve));
  const selectedRun = useAppStore((st) => st.session!.selectedRun);
  // The hard-margin SVM (ŵ, b) of an implicit-bias analysis, drawn on 2-D logistic regression.
  const svm = useAppStore((st) =>
    st.session!.implicitBias?.result?.kind === 'max-margin'
      ? st.session!.implicitBias.result.svm.theta
      : undefined,
  );
  // The exact (w, shift) view of the tanh model: the dynamic outliers it found, ringed on the data.
  const outliers = useAppStore((st) => st.session!.plane?.outliers);
  const lecture = useAppStore((st) => st.lecture);
  const textSize = lecture ? 20 : 15;
  const colors = useRunColors();
  const onSelectRun = useCallback((run: number) => void controller.selectRun(run), [controller]);
  if (!info?.points || !info.window) return null;
  if (boundary && info.problem.task === 'classification') {
    return (
      <section className="card chart-card">
        <div className="card-head">
          <h2>Decision boundary</h2>
          <RunPicker names={info.names} run={selectedRun} onRun={onSelectRun} />
        </div>
        <BoundaryPlot
          values={boundary.values}
          n={boundary.n}
          window={boundary.window}
          points={info.points}
          name={info.names[boundary.run]!}
          color={colors[boundary.run]!}
          size={lecture ? 360 : 240}
          svm={svm}
          classes={boundary.classes}
        />
      </section>
    );
  }
  if (curve && info.problem.task === 'regression') {
    return (
      <section className="card chart-card">
        <div className="card-head">
          <h2>Fitted curves</h2>
        </div>
        <CurvePlot
          x={curve.x}
          y={curve.y}
          colors={colors}
          names={info.names}
          textSize={textSize}
          points={info.points}
          window={info.window}
          outliers={outliers}
        />
      </section>
    );
  }
  return null;
});

/**
 * The run whose boundary is shown. Memoised: the boundary changes with every batch of frames, and
 * a select that re-renders has all its options walked by React DOM.
 */
const RunPicker = memo(function RunPicker({
  names,
  run,
  onRun,
}: {
  names: readonly string[];
  run: number;
  onRun(run: number): void;
}) {
  return (
    <label className="control">
      <span>Run</span>
      <select
        data-testid="boundary-run"
        value={run}
        onChange={(e) => onRun(Number(e.target.value))}
      >
        {names.map((name, k) => (
          <option key={name} value={k}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
});
