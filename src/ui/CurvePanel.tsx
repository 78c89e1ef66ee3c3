/**
 * Mode connectivity (Garipov et al. 2018): the user picks two runs (their newest points are the
 * minima w₀, w₂) and the curve's shape, and one click trains the bend w₁. While it trains, and
 * after: the barrier heights of the straight segment and of the curve, the loss (train solid,
 * test dashed) and the accuracy along both paths (61 points), and the plane through w₀, w₁, w₂
 * with the landscape and both paths.
 */
import { memo } from 'react';
import type { ConnectPath } from '../config/result';
import type { ConnectFrame } from '../protocol/frames';
import { CurvePathChart, type PathSeries } from './CurvePathChart';
import { CurvePlaneMap } from './CurvePlaneMap';
import { JobFailure, JobProgress, RunSelect } from './JobControls';
import { CURVE_COLOR, SEGMENT_COLOR } from './curve-plot';
import './curves.css';

export type CurveShape = 'bezier' | 'chain';

export interface CurvePanelProps {
  frame: ConnectFrame | null;
  names: readonly string[];
  /** The two runs picked (indices into `names`) and the curve's shape. */
  runs: [number, number];
  type: CurveShape;
  onRuns(runs: [number, number]): void;
  onType(type: CurveShape): void;
  onTrain(): void;
  /** Cancels the bend's training (its Cancel button shows while it trains). */
  onCancel(): void;
  /** Whether both runs have a recorded point (false before the first frame). */
  canTrain: boolean;
  textSize?: number;
  lineScale?: number;
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? '–'
    : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0)
      ? x.toExponential(2)
      : x.toPrecision(3);

const SHAPES: { value: CurveShape; label: string }[] = [
  { value: 'bezier', label: 'Quadratic Bézier' },
  { value: 'chain', label: 'Polygonal chain' },
];

function series(
  segment: ConnectPath,
  curve: ConnectPath,
  train: 'trainLoss' | 'trainAccuracy',
  test: 'testLoss' | 'testAccuracy',
): PathSeries[] {
  return [
    { name: 'segment, train', color: SEGMENT_COLOR, values: segment[train] },
    { name: 'segment, test', color: SEGMENT_COLOR, values: segment[test], dashed: true },
    { name: 'curve, train', color: CURVE_COLOR, values: curve[train] },
    { name: 'curve, test', color: CURVE_COLOR, values: curve[test], dashed: true },
  ];
}

function CurvePanelImpl({
  frame,
  names,
  runs,
  type,
  onRuns,
  onType,
  onTrain,
  onCancel,
  canTrain,
  textSize = 15,
  lineScale = 1,
}: CurvePanelProps) {
  const result = frame?.result;
  const running = frame?.state === 'running';
  const distinct = runs[0] !== runs[1];
  const picker = (which: 0 | 1) => (
    <label>
      {which === 0 ? 'From w₀ = ' : 'to w₂ = '}
      <RunSelect
        names={names}
        value={runs[which]}
        testId={`curve-run-${which}`}
        onChange={(run) => {
          const next: [number, number] = [...runs];
          next[which] = run;
          onRuns(next);
        }}
      />
    </label>
  );
  return (
    <div className="curve-panel" data-testid="curve-panel">
      <div className="card-actions">
        {picker(0)}
        {picker(1)}
        <label>
          Curve{' '}
          <select
            data-testid="curve-type"
            value={type}
            onChange={(e) => onType(e.target.value as CurveShape)}
          >
            {SHAPES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="train-curve"
          onClick={onTrain}
          disabled={!canTrain || !distinct}
          title={distinct ? undefined : 'Pick two different runs'}
        >
          {result && !running ? 'Train again' : 'Train the curve'}
        </button>
        <JobProgress
          frame={frame}
          testId="curve-progress"
          label="Bend training progress"
          cancelTestId="cancel-curve"
          cancelLabel="Cancel the curve's training"
          onCancel={onCancel}
        />
        {result && (
          <span className="muted" data-testid="curve-status">
            {running ? 'training the bend' : 'trained'}: step {result.steps} of {frame!.total} ·{' '}
            {result.samples} values of t per step
          </span>
        )}
      </div>
      {!distinct && <p className="muted">Pick two different runs: the curve joins their points.</p>}
      <JobFailure frame={frame} testId="curve-error" />
      {result && (
        <>
          <div className="barriers" data-testid="curve-barriers">
            <div className="barrier segment">
              <span className="swatch" style={{ background: SEGMENT_COLOR }} />
              Straight segment: barrier{' '}
              <strong data-testid="segment-barrier">{fmt(result.segment.barrier)}</strong>
              {result.segment.testBarrier !== null && (
                <span className="muted"> (test {fmt(result.segment.testBarrier)})</span>
              )}
            </div>
            <div className="barrier curve">
              <span className="swatch" style={{ background: CURVE_COLOR }} />
              {result.type === 'chain' ? 'Polygonal chain' : 'Bézier curve'}: barrier{' '}
              <strong data-testid="curve-barrier">{fmt(result.curve.barrier)}</strong>
              {result.curve.testBarrier !== null && (
                <span className="muted"> (test {fmt(result.curve.testBarrier)})</span>
              )}
            </div>
            <p className="muted">
              Barrier = the highest training loss along the path minus the mean of its two ends.
            </p>
          </div>
          <div className="curve-views">
            <div className="curve-charts">
              <CurvePathChart
                t={result.t}
                series={series(result.segment, result.curve, 'trainLoss', 'testLoss')}
                yLabel="loss"
                testId="curve-loss-chart"
                title="Loss along the straight segment (grey) and along the trained curve (orange), train solid and test dashed, against t from w₀ to w₂"
                textSize={textSize}
                lineScale={lineScale}
              />
              {result.segment.trainAccuracy && (
                <CurvePathChart
                  t={result.t}
                  series={series(result.segment, result.curve, 'trainAccuracy', 'testAccuracy')}
                  yLabel="accuracy"
                  yRange={[0, 1]}
                  testId="curve-accuracy-chart"
                  title="Accuracy along the straight segment (grey) and along the trained curve (orange), train solid and test dashed"
                  textSize={textSize}
                  lineScale={lineScale}
                />
              )}
              <p className="legend">
                <span className="swatch" style={{ background: SEGMENT_COLOR }} /> segment{' '}
                <span className="swatch" style={{ background: CURVE_COLOR }} /> curve · solid:
                train, dashed: test
              </p>
            </div>
            {result.plane ? (
              <CurvePlaneMap plane={result.plane} textSize={textSize} lineScale={lineScale} />
            ) : (
              <p className="muted">
                The plane through w₀, w₁, w₂ appears once the bend has left the segment.
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}

export const CurvePanel = memo(CurvePanelImpl);
