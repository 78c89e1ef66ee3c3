/**
 * SGD's temperature (SCIENCE.md §7, Zancato & Chiuso): one click trains seed ensembles at several
 * temperatures η/B (the worker's ensemble job). Shows every temperature's cloud of members on the
 * view plane with its 2σ covariance ellipse at a recorded step (a slider, and Play to animate the
 * clouds spreading), the stationary spread against η/B with its error bars and the least-squares
 * line, the fraction of each ensemble that escaped the minimum it started in, and a table.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import type { EnsembleResult } from '../config/ensemble-result';
import type { EnsembleFrame } from '../protocol/frames';
import { EnsembleCloudMap, EnsembleXYChart, TEMPERATURE_COLORS } from './EnsembleCharts';
import { fmt } from './ImplicitBiasPanel';
import { JobFailure, JobProgress } from './JobControls';
import './implicit-bias.css';

export interface EnsemblePanelProps {
  frame: EnsembleFrame | null;
  onRun(): void;
  onCancel(): void;
  textSize?: number;
  lineScale?: number;
}

/** "η 0.002, B 4" */
export function temperatureLabel(t: { lr: number; batchSize: number }): string {
  return `η ${fmt(t.lr)}, B ${t.batchSize}`;
}

/** The plane window holding every member at every recorded step (with a 5 % margin). */
export function cloudExtent(result: EnsembleResult): [number, number, number, number] {
  let [a0, a1, b0, b1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const t of result.temperatures)
    t.a.forEach((row, s) =>
      row.forEach((a, j) => {
        const b = t.b[s]![j];
        if (a === null || b === null || b === undefined) return;
        if (!Number.isFinite(a) || !Number.isFinite(b)) return;
        a0 = Math.min(a0, a);
        a1 = Math.max(a1, a);
        b0 = Math.min(b0, b);
        b1 = Math.max(b1, b);
      }),
    );
  if (!Number.isFinite(a0)) return [-1, 1, -1, 1];
  const pad = 0.05 * Math.max(a1 - a0, b1 - b0, 1e-9);
  return [a0 - pad, a1 + pad, b0 - pad, b1 + pad];
}

function EnsemblePanelImpl({
  frame,
  onRun,
  onCancel,
  textSize = 15,
  lineScale = 1,
}: EnsemblePanelProps) {
  const result = frame?.state === 'done' ? frame.result : undefined;
  const running = frame?.state === 'running';
  const last = result ? result.steps.length - 1 : 0;
  const [index, setIndex] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const shown = Math.min(index ?? last, last);
  useEffect(() => setIndex(null), [result]);
  useEffect(() => {
    if (!playing || !result) return;
    const timer = setInterval(() => {
      setIndex((i) => {
        const next = (i ?? last) >= last ? 0 : (i ?? 0) + 1;
        if (next >= last) setPlaying(false);
        return next;
      });
    }, 120);
    return () => clearInterval(timer);
  }, [playing, result, last]);
  const extent = useMemo(() => (result ? cloudExtent(result) : null), [result]);
  const start = useMemo((): [number, number] => {
    if (!result) return [0, 0];
    const first = result.temperatures[0]!;
    return [first.mean[0]![0], first.mean[0]![1]];
  }, [result]);
  const color = (i: number) => TEMPERATURE_COLORS[i % TEMPERATURE_COLORS.length]!;
  return (
    <div className="implicit-bias-panel ensemble-panel" data-testid="ensemble-panel">
      <div className="card-actions">
        <button
          type="button"
          className="button"
          data-testid="run-ensemble"
          onClick={onRun}
          disabled={running}
        >
          {result ? 'Train the ensembles again' : 'Train seed ensembles'}
        </button>
        <JobProgress
          frame={frame}
          testId="ensemble-progress"
          label="Ensemble training progress"
          cancelTestId="cancel-ensemble"
          cancelLabel="Cancel the ensembles"
          onCancel={onCancel}
        />
      </div>
      <JobFailure frame={frame} testId="ensemble-error" />
      {result && extent && (
        <>
          <p className="muted" data-testid="ensemble-summary">
            {result.members} members per temperature, differing only in their mini-batch seed;
            stationary window: steps {result.window.from}–{result.window.to}.
            {result.fit &&
              ` Spread ≈ ${fmt(result.fit.intercept)} + ${fmt(result.fit.slope)}·η/B (R² ${fmt(result.fit.r2)}).`}
          </p>
          <div className="card-actions">
            <button
              type="button"
              className="button"
              data-testid="ensemble-play"
              onClick={() => {
                if (!playing && shown >= last) setIndex(0);
                setPlaying((p) => !p);
              }}
            >
              {playing ? 'Pause' : 'Play'}
            </button>
            <label>
              step{' '}
              <input
                type="range"
                min={0}
                max={last}
                value={shown}
                data-testid="ensemble-step"
                aria-label="Recorded step shown"
                onChange={(e) => {
                  setPlaying(false);
                  setIndex(Number(e.target.value));
                }}
              />{' '}
              <strong data-testid="ensemble-step-value">{result.steps[shown]}</strong>
            </label>
          </div>
          <div className="ensemble-map">
            <EnsembleCloudMap
              clouds={result.temperatures.map((t, i) => ({
                label: temperatureLabel(t),
                color: color(i),
                a: t.a[shown]!,
                b: t.b[shown]!,
                mean: t.mean[shown]!,
                cov: t.cov[shown]!,
              }))}
              extent={extent}
              axisLabels={result.plane.axisLabels}
              start={start}
              textSize={textSize}
              lineScale={lineScale}
            />
          </div>
          <div className="implicit-bias-charts">
            <EnsembleXYChart
              points={result.temperatures.map((t, i) => ({
                x: t.temperature,
                y: t.spread ?? NaN,
                error: t.spreadError ?? 0,
                color: color(i),
              }))}
              line={result.fit}
              xLabel="temperature η/B"
              yLabel="spread tr Cov(θ)"
              testId="ensemble-spread-chart"
              title="Stationary spread of each ensemble against its temperature η/B, with error bars and the least-squares line dashed"
              textSize={textSize}
              lineScale={lineScale}
            />
            {result.escape && (
              <EnsembleXYChart
                points={result.temperatures.map((t, i) => ({
                  x: t.temperature,
                  y: t.escape?.fraction ?? NaN,
                  color: color(i),
                }))}
                xLabel="temperature η/B"
                yLabel="fraction escaped"
                yRange={[0, 1]}
                testId="ensemble-escape-chart"
                title="Fraction of each ensemble that left the minimum it started in, against η/B"
                textSize={textSize}
                lineScale={lineScale}
              />
            )}
          </div>
          <table className="implicit-bias-table" data-testid="ensemble-table">
            <thead>
              <tr>
                <th>Temperature</th>
                <th>η/B</th>
                <th>spread ± s.e.</th>
                {result.escape && <th>escaped</th>}
              </tr>
            </thead>
            <tbody>
              {result.temperatures.map((t, i) => (
                <tr key={i}>
                  <td>
                    <span className="swatch" style={{ background: color(i) }} />
                    {temperatureLabel(t)}
                  </td>
                  <td>{fmt(t.temperature)}</td>
                  <td data-testid={`ensemble-spread-${i}`} data-value={t.spread ?? NaN}>
                    {fmt(t.spread)} ± {fmt(t.spreadError)}
                  </td>
                  {result.escape && (
                    <td
                      data-testid={`ensemble-escaped-${i}`}
                      data-value={t.escape?.fraction ?? NaN}
                    >
                      {t.escape ? `${t.escape.escaped} of ${result.members - t.diverged}` : '–'}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export const EnsemblePanel = memo(EnsemblePanelImpl);
