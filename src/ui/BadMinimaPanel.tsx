/**
 * Nearby bad minima (Huang et al. 2019): the user picks the good run, the poison ratio ρ and the
 * checkpoints of its path; one click trains bad runs from those checkpoints on train ∪ poison
 * until they fit the clean training set. While they train: each one's clean and poison accuracy
 * climbing. After: good vs bad side by side (decision boundaries, clean train loss, train and
 * test accuracy, λ_max; with C ≥ 3 classes the maps show the predicted class in its categorical
 * colour, and the test accuracy per class is drawn as bars, which stand in for the maps when the
 * inputs are not 2-D points, e.g. 8×8 digits), the interpolation good → bad (loss and accuracy, train solid, test
 * dashed), the distance of every bad minimum from the checkpoint it started at (‖·‖ and as a
 * fraction of the good path's length), and the plane through θ₀, good and bad with both paths.
 */
import { memo, useMemo, useState } from 'react';
import type { BadMinimaResult, MinimumMetrics } from '../config/result';
import type { BadMinimaFrame } from '../protocol/frames';
import { BadMinimaChart } from './BadMinimaChart';
import { BadMinimaClassBars } from './BadMinimaClassBars';
import { BadMinimaPlaneMap } from './BadMinimaPlaneMap';
import { JobFailure, JobProgress, RunSelect } from './JobControls';
import { BAD_COLOR, GOOD_COLOR, parseCheckpoints, percent, short } from './bad-minima-plot';
import { BoundaryPlot } from './panels/BoundaryPlot';
import type { DataPoints } from './panels/plot';
import './bad-minima.css';

export interface BadMinimaPanelProps {
  frame: BadMinimaFrame | null;
  names: readonly string[];
  /** The good run (an index into `names`). */
  run: number;
  onRun(run: number): void;
  rho: number;
  onRho(rho: number): void;
  /** The checkpoints as typed (fractions of the good path). */
  checkpoints: string;
  onCheckpoints(text: string): void;
  onFind(checkpoints: number[]): void;
  /** Cancels the bad runs' training (its Cancel button shows while they train). */
  onCancel(): void;
  /** Whether the good run has a recorded path (false before training). */
  canFind: boolean;
  /** The clean data, drawn on the decision boundaries. */
  points?: DataPoints;
  textSize?: number;
  lineScale?: number;
}

function Metrics({ m, title, color }: { m: MinimumMetrics; title: string; color: string }) {
  return (
    <dl
      className="bad-minima-metrics"
      data-testid={`metrics-${title.split(' ')[0]!.toLowerCase()}`}
    >
      <dt>Train loss (clean)</dt>
      <dd>{short(m.trainLoss)}</dd>
      <dt>Train accuracy</dt>
      <dd>{percent(m.trainAccuracy)}</dd>
      <dt>Test accuracy</dt>
      <dd style={{ color }} className="headline" data-testid="test-accuracy">
        {percent(m.testAccuracy)}
      </dd>
      <dt>λ_max</dt>
      <dd>{short(m.lambdaMax)}</dd>
    </dl>
  );
}

function Side({
  result,
  which,
  bad,
  points,
}: {
  result: BadMinimaResult;
  which: 'good' | 'bad';
  bad: number;
  points?: DataPoints;
}) {
  const b = result.bad[bad]!;
  const m = which === 'good' ? result.good : b;
  const color = which === 'good' ? GOOD_COLOR : BAD_COLOR;
  const values = useMemo(() => {
    const v = which === 'good' ? result.boundaries?.good : result.boundaries?.bad[bad];
    return v ? Float32Array.from(v) : null;
  }, [result, which, bad]);
  const title =
    which === 'good'
      ? `Good minimum · ${result.name}, step ${result.good.step}`
      : `Bad minimum · from ${percent(b.checkpoint).replace('.0 %', ' %')} of the path`;
  return (
    <div className={`bad-minima-side ${which}`} data-testid={`side-${which}`}>
      <h3 style={{ color }}>{title}</h3>
      {values && result.boundaries && (
        <BoundaryPlot
          values={values}
          n={result.boundaries.n}
          classes={result.boundaries.classes ?? 2}
          window={result.boundaries.window}
          name={which === 'good' ? 'good' : 'bad'}
          color={color}
          points={points}
          size={260}
        />
      )}
      <Metrics m={m} title={which} color={color} />
    </div>
  );
}

function BadMinimaPanelImpl({
  frame,
  names,
  run,
  onRun,
  rho,
  onRho,
  checkpoints,
  onCheckpoints,
  onFind,
  onCancel,
  canFind,
  points,
  textSize = 15,
  lineScale = 1,
}: BadMinimaPanelProps) {
  const result = frame?.result;
  const running = frame?.state === 'running';
  const parsed = parseCheckpoints(checkpoints);
  const [picked, setPicked] = useState<number | null>(null);
  // The checkpoints of the job on screen, to name its bad runs while they train.
  const [asked, setAsked] = useState<number[] | null>(null);
  const bad = result
    ? Math.min(picked ?? result.plane?.bad ?? result.bad.length - 1, result.bad.length - 1)
    : 0;
  const b = result?.bad[bad];
  return (
    <div className="bad-minima-panel" data-testid="bad-minima-panel">
      <div className="card-actions">
        <label>
          Good run <RunSelect names={names} value={run} onChange={onRun} testId="bad-minima-run" />
        </label>
        <label>
          Poison ρ{' '}
          <input
            type="number"
            data-testid="bad-minima-rho"
            min={0.1}
            max={8}
            step={0.5}
            value={rho}
            onChange={(e) => onRho(Number(e.target.value))}
          />
        </label>
        <label>
          Checkpoints{' '}
          <input
            type="text"
            data-testid="bad-minima-checkpoints"
            value={checkpoints}
            size={14}
            onChange={(e) => onCheckpoints(e.target.value)}
            aria-invalid={typeof parsed === 'string'}
            title="Fractions of the good run's recorded path: 0 is θ₀, 1 its last point"
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="find-bad-minima"
          disabled={!canFind || typeof parsed === 'string' || !(rho > 0 && rho <= 8)}
          onClick={() => {
            if (typeof parsed === 'string') return;
            setAsked(parsed);
            onFind(parsed);
          }}
        >
          {result && !running ? 'Find again' : 'Find bad minima'}
        </button>
        <JobProgress
          frame={frame}
          testId="bad-minima-progress"
          label="Bad runs' training progress"
          cancelTestId="cancel-bad-minima"
          cancelLabel="Cancel the search for bad minima"
          onCancel={onCancel}
        />
      </div>
      <p className="muted">
        Poison: ρ·m extra points from the same distribution with random labels. Bad runs train on
        train ∪ poison from each checkpoint until they classify the clean training set 100 % right.
      </p>
      {typeof parsed === 'string' && (
        <p className="error" role="alert">
          Checkpoints: {parsed}
        </p>
      )}
      {!(rho > 0 && rho <= 8) && (
        <p className="error" role="alert">
          ρ must be {'>'} 0 and ≤ 8
        </p>
      )}
      <JobFailure frame={frame} testId="bad-minima-error" />
      {running && frame.training && (
        <div className="bad-minima-training" data-testid="bad-minima-training">
          <p>
            {frame.training.phase === 'training'
              ? `Training the bad runs on train ∪ poison: update ${frame.done} of at most ${frame.total}`
              : 'Measuring both minima (λ_max, interpolation, plane)…'}
          </p>
          <table>
            <thead>
              <tr>
                <th>bad run</th>
                <th>clean train accuracy</th>
                <th>poison accuracy</th>
              </tr>
            </thead>
            <tbody>
              {frame.training.cleanAccuracy.map((c, r) => (
                <tr key={r}>
                  <td>
                    {asked?.[r] !== undefined
                      ? `from ${percent(asked[r]).replace('.0 %', ' %')} of the path`
                      : `#${r + 1}`}
                  </td>
                  <td>
                    <meter min={0} max={1} value={c} /> {percent(c)}
                  </td>
                  <td>
                    <meter min={0} max={1} value={frame.training!.poisonAccuracy[r]} />{' '}
                    {percent(frame.training!.poisonAccuracy[r])}
                    {frame.training!.stopped[r] ? ' ✓' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && b && (
        <>
          <div className="bad-minima-pick">
            <label>
              Bad minimum shown{' '}
              <select
                data-testid="bad-minima-pick"
                value={bad}
                onChange={(e) => setPicked(Number(e.target.value))}
              >
                {result.bad.map((x, r) => (
                  <option key={r} value={r}>
                    from {percent(x.checkpoint).replace('.0 %', ' %')} of the path (step{' '}
                    {x.startStep})
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">
              {' '}
              ρ = {result.rho}: {result.poisonSize} poison points for {result.trainSize} training
              points
            </span>
          </div>
          <div className="bad-minima-sides" data-testid="bad-minima-sides">
            <Side result={result} which="good" bad={bad} points={points} />
            <Side result={result} which="bad" bad={bad} points={points} />
          </div>
          {result.classAccuracy && (!result.boundaries || (result.boundaries.classes ?? 2) > 2) && (
            <div className="bad-minima-classes" data-testid="bad-minima-classes">
              <h3>Test accuracy per class, good vs bad</h3>
              {!result.boundaries && (
                <p className="muted" data-testid="bad-minima-no-map">
                  No decision map: the inputs are not points of a plane (e.g. 8×8 images have 64
                  dimensions), so the minima are compared class by class instead.
                </p>
              )}
              <BadMinimaClassBars
                good={result.classAccuracy.good}
                bad={result.classAccuracy.bad[bad] ?? []}
                textSize={textSize}
              />
            </div>
          )}
          {!b.fitsClean && (
            <p className="muted" data-testid="bad-minima-budget">
              This bad run spent its step budget before it fitted the clean training set (
              {percent(b.trainAccuracy)}).
            </p>
          )}
          <div className="bad-minima-views">
            <div>
              <BadMinimaChart
                t={result.t}
                train={b.interpolation.trainLoss}
                test={b.interpolation.testLoss}
                yLabel="loss"
                testId="bad-minima-interpolation-loss"
                title="Loss along the line from the good minimum (t = 0) to the bad one (t = 1), train solid and test dashed"
                textSize={textSize}
                lineScale={lineScale}
              />
              <BadMinimaChart
                t={result.t}
                train={b.interpolation.trainAccuracy}
                test={b.interpolation.testAccuracy}
                yLabel="accuracy"
                yRange={[0, 1]}
                testId="bad-minima-interpolation-accuracy"
                title="Accuracy along the line from the good minimum to the bad one, train solid and test dashed"
                textSize={textSize}
                lineScale={lineScale}
              />
              <p className="legend">solid: clean train · dashed: test</p>
            </div>
            {result.plane ? (
              <BadMinimaPlaneMap plane={result.plane} textSize={textSize} lineScale={lineScale} />
            ) : (
              <p className="muted">No plane: θ₀, the good and the bad minimum are on one line.</p>
            )}
          </div>
          <table className="bad-minima-table" data-testid="bad-minima-table">
            <caption>
              Every bad minimum and how far it is from where it started (the good path is{' '}
              {short(result.pathLength)} long)
            </caption>
            <thead>
              <tr>
                <th>start</th>
                <th>updates</th>
                <th>train acc.</th>
                <th>poison acc.</th>
                <th>test acc.</th>
                <th>λ_max</th>
                <th>‖θ_bad − θ_start‖</th>
                <th>÷ path length</th>
              </tr>
            </thead>
            <tbody>
              <tr className="good-row">
                <td style={{ color: GOOD_COLOR }}>good (step {result.good.step})</td>
                <td>–</td>
                <td>{percent(result.good.trainAccuracy)}</td>
                <td>–</td>
                <td>{percent(result.good.testAccuracy)}</td>
                <td>{short(result.good.lambdaMax)}</td>
                <td>–</td>
                <td>–</td>
              </tr>
              {result.bad.map((x, r) => (
                <tr key={r} className={r === bad ? 'shown' : undefined}>
                  <td style={{ color: BAD_COLOR }}>
                    {percent(x.checkpoint).replace('.0 %', ' %')} (step {x.startStep})
                  </td>
                  <td>
                    {x.steps}
                    {x.reached ? '' : ' (budget)'}
                  </td>
                  <td>{percent(x.trainAccuracy)}</td>
                  <td>{percent(x.poisonAccuracy)}</td>
                  <td>{percent(x.testAccuracy)}</td>
                  <td>{short(x.lambdaMax)}</td>
                  <td>{short(x.distance)}</td>
                  <td>{short(x.distanceFraction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export const BadMinimaPanel = memo(BadMinimaPanelImpl);
