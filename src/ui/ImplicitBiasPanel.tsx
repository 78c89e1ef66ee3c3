/**
 * Implicit bias (Srebro et al.; SCIENCE.md §8): one click compares every run's recorded path with
 * the solution the theory predicts. Logistic regression on separable data: the angle between θ(t)
 * and the hard-margin SVM direction (log y) and the normalised margin min yᵢθ·(xᵢ,1)/‖θ‖ with the
 * SVM's γ dashed, both against the step on a log axis. Least squares with P > m: ‖θ(t) − A⁺b‖/‖A⁺b‖
 * and ‖θ(t)‖ with ‖A⁺b‖ dashed. A table gives each run's final angle or distance and its training
 * and test losses (same loss, different answers).
 */
import { memo } from 'react';
import type { ImplicitBiasResult } from '../config/result';
import type { ImplicitBiasFrame } from '../protocol/frames';
import { ImplicitBiasChart, type BiasSeries } from './ImplicitBiasChart';
import { JobFailure, JobProgress } from './JobControls';
import './implicit-bias.css';

export interface ImplicitBiasPanelProps {
  frame: ImplicitBiasFrame | null;
  /** Run colours [K] (the result's runs are the session's, in order). */
  colors: readonly string[];
  /** Each run's newest training and test loss [K] (NaN: none). */
  finalLoss: { train: readonly number[]; test: readonly number[] };
  canMeasure: boolean;
  onMeasure(): void;
  onCancel(): void;
  textSize?: number;
  lineScale?: number;
}

/** 3 significant digits; small and large numbers in e-notation; '–' for none. */
export const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? '–'
    : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0)
      ? x.toExponential(2)
      : x.toPrecision(3);

/** One row per run: its name and its final angle (rad) or relative distance to A⁺b. */
export function finalRows(result: ImplicitBiasResult): { name: string; value: number }[] {
  return result.kind === 'max-margin'
    ? result.runs.map((r) => ({ name: r.name, value: r.angle.at(-1) ?? NaN }))
    : result.runs.map((r) => ({ name: r.name, value: r.relativeDistance.at(-1) ?? NaN }));
}

function ImplicitBiasPanelImpl({
  frame,
  colors,
  finalLoss,
  canMeasure,
  onMeasure,
  onCancel,
  textSize = 15,
  lineScale = 1,
}: ImplicitBiasPanelProps) {
  const result = frame?.state === 'done' ? frame.result : undefined;
  const running = frame?.state === 'running';
  const series = (pick: (k: number) => readonly number[]): BiasSeries[] =>
    (result?.runs ?? []).map((run, k) => ({
      name: run.name,
      color: colors[k] ?? '#3a3a3a',
      values: pick(k),
    }));
  const steps = result?.runs[0]?.steps ?? [];
  const chartProps = { textSize, lineScale, steps };
  return (
    <div className="implicit-bias-panel" data-testid="implicit-bias-panel">
      <div className="card-actions">
        <button
          type="button"
          className="button"
          data-testid="measure-implicit-bias"
          onClick={onMeasure}
          disabled={!canMeasure || running}
        >
          {result ? 'Measure again' : 'Compare with the SVM / A⁺b'}
        </button>
        <JobProgress
          frame={frame}
          testId="implicit-bias-progress"
          label="Implicit bias progress"
          cancelTestId="cancel-implicit-bias"
          cancelLabel="Cancel the implicit-bias analysis"
          onCancel={onCancel}
        />
      </div>
      <JobFailure frame={frame} testId="implicit-bias-error" />
      {result?.kind === 'max-margin' && (
        <>
          <p className="muted" data-testid="implicit-bias-target">
            Hard-margin SVM of the training points: margin γ ={' '}
            <strong data-testid="svm-margin">{fmt(result.svm.margin)}</strong>,{' '}
            {result.svm.support.length} support vectors. Gradient descent turns towards its
            direction like 1/log t.
          </p>
          <div className="implicit-bias-charts">
            <ImplicitBiasChart
              {...chartProps}
              series={series((k) => result.runs[k]!.angle)}
              yLabel="angle to SVM (rad)"
              yScale="log"
              testId="implicit-bias-angle-chart"
              title="Angle between each run's θ and the hard-margin SVM direction against the step, both axes logarithmic"
            />
            <ImplicitBiasChart
              {...chartProps}
              series={series((k) => result.runs[k]!.margin)}
              yLabel="normalised margin"
              yScale="linear"
              references={[
                { label: `SVM γ = ${fmt(result.svm.margin)}`, value: result.svm.margin },
              ]}
              testId="implicit-bias-margin-chart"
              title="Normalised margin of each run against the step (log axis), with the SVM margin dashed"
            />
          </div>
        </>
      )}
      {result?.kind === 'min-norm' && (
        <>
          <p className="muted" data-testid="implicit-bias-target">
            Minimum-norm solution A⁺b of the training design: ‖A⁺b‖ ={' '}
            <strong data-testid="min-norm">{fmt(result.minNorm.norm)}</strong>, training loss{' '}
            {fmt(result.minNorm.trainLoss)}, test loss {fmt(result.minNorm.testLoss)}.
          </p>
          <div className="implicit-bias-charts">
            <ImplicitBiasChart
              {...chartProps}
              series={series((k) => result.runs[k]!.relativeDistance)}
              yLabel="‖θ − A⁺b‖/‖A⁺b‖"
              yScale="log"
              testId="implicit-bias-distance-chart"
              title="Relative distance from each run's θ to the minimum-norm solution against the step, both axes logarithmic"
            />
            <ImplicitBiasChart
              {...chartProps}
              series={series((k) => result.runs[k]!.norm)}
              yLabel="‖θ‖"
              yScale="linear"
              references={[
                { label: `‖A⁺b‖ = ${fmt(result.minNorm.norm)}`, value: result.minNorm.norm },
              ]}
              testId="implicit-bias-norm-chart"
              title="Norm of each run's θ against the step (log axis), with the minimum norm dashed"
            />
          </div>
        </>
      )}
      {result && (
        <table className="implicit-bias-table" data-testid="implicit-bias-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>
                {result.kind === 'max-margin' ? 'final angle (rad)' : 'final ‖θ − A⁺b‖/‖A⁺b‖'}
              </th>
              <th>train loss</th>
              <th>test loss</th>
            </tr>
          </thead>
          <tbody>
            {finalRows(result).map((row, k) => (
              <tr key={k} data-run={row.name}>
                <td>
                  <span className="swatch" style={{ background: colors[k] }} />
                  {row.name}
                </td>
                <td data-testid={`implicit-bias-final-${k}`} data-value={row.value}>
                  {fmt(row.value)}
                </td>
                <td>{fmt(finalLoss.train[k])}</td>
                <td>{fmt(finalLoss.test[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const ImplicitBiasPanel = memo(ImplicitBiasPanelImpl);
