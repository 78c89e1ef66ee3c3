import { useMemo } from 'react';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { LossChart, type ChartSeries } from '../ui/LossChart';
import { BoundaryPlot } from '../ui/panels/BoundaryPlot';
import { CurvePlot } from '../ui/panels/CurvePlot';
import { LECTURE_LINE_SCALE, runDisplayColor } from '../scene/lecture-style';
import { useHidden } from '../ui/useHidden';

const EMPTY: never[] = [];

/** Loss curves, and the selected run's decision boundary or every run's fitted curve. */
export function ChartsRow({ controller }: { controller: SessionController }) {
  const info = useAppStore((st) => st.session!.info);
  const history = useAppStore((st) => st.session!.history);
  const divergedAt = useAppStore((st) => st.session!.divergedAt);
  const boundary = useAppStore((st) => st.session!.boundary);
  const curve = useAppStore((st) => st.session!.curve);
  const selectedRun = useAppStore((st) => st.session!.selectedRun);
  const recording = useAppStore((st) => st.session!.recording);
  // The hard-margin SVM (ŵ, b) of an implicit-bias analysis, drawn on 2-D logistic regression.
  const svm = useAppStore((st) =>
    st.session!.implicitBias?.result?.kind === 'max-margin'
      ? st.session!.implicitBias.result.svm.theta
      : undefined,
  );
  // The exact (w, shift) view of the tanh model: the dynamic outliers it found, ringed on the data.
  const outliers = useAppStore((st) => st.session!.plane?.outliers);
  // Lecture mode: 20 px chart text, thicker lines, Okabe–Ito run colours.
  const lecture = useAppStore((st) => st.lecture);
  const textSize = lecture ? 20 : 15;
  const colors = useMemo(
    () => (info?.colors ?? EMPTY).map((c, k) => runDisplayColor(c, k, lecture)),
    [info, lecture],
  );
  // A classroom link may hide the loss chart and the model's plot.
  const hideLoss = useHidden('loss');
  const hideModel = useHidden('model');
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
    <div className="two-up">
      {!hideLoss && (
        <section className="card">
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
              {recording.thinnedBefore.toLocaleString('en')} the path is thinned to every other
              point, repeatedly.
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
      )}
      {!hideModel &&
        info?.points &&
        info.window &&
        boundary &&
        info.problem.task === 'classification' && (
          <section className="card">
            <div className="card-head">
              <h2>Decision boundary</h2>
              <label className="control">
                <span>Run</span>
                <select
                  data-testid="boundary-run"
                  value={selectedRun}
                  onChange={(e) => void controller.selectRun(Number(e.target.value))}
                >
                  {info.names.map((name, k) => (
                    <option key={name} value={k}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
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
        )}
      {!hideModel && info?.points && info.window && curve && info.problem.task === 'regression' && (
        <section className="card">
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
      )}
    </div>
  );
}
