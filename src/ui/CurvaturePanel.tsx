/**
 * The curvature of every run's point, as a table and a spectrum: the top Hessian eigenvalues
 * (Lanczos), the run's stability edge (2/η for gradient descent: it is unstable along any
 * direction with λ > 2/η), the Hutchinson trace ± its standard error, Keskar's
 * ε-sharpness, and the spectral densities overlaid. A "Measure" button starts the analysis at
 * the point on screen; a running one shows its progress, a failed one its reason.
 */
import { memo } from 'react';
import type { CurvatureFrame } from '../protocol/frames';
import { JobFailure, JobProgress } from './JobControls';
import { SpectrumPlot } from './SpectrumPlot';
import './curvature.css';

export interface CurvaturePanelProps {
  frame: CurvatureFrame | null;
  names: readonly string[];
  colors: readonly string[];
  /**
   * Each run's stability edge: the λ above which its optimiser diverges on a quadratic (2/η for
   * gradient descent, (2 + 2μ)/η with momentum μ), or null where there is none (adaptive methods,
   * schedules).
   */
  edges: readonly (number | null)[];
  onMeasure(): void;
  /** Cancels the running analysis (its Cancel button shows while it runs). */
  onCancel(): void;
  /** Whether a point to measure exists (false before the first frame). */
  canMeasure: boolean;
  textSize?: number;
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? '–'
    : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0)
      ? x.toExponential(2)
      : x.toPrecision(4);

function CurvaturePanelImpl({
  frame,
  names,
  colors,
  edges,
  onMeasure,
  onCancel,
  canMeasure,
  textSize = 15,
}: CurvaturePanelProps) {
  const result = frame?.state === 'done' ? frame.result : undefined;
  const epsilons = result?.runs[0]?.sharpness?.map((s) => s.epsilon) ?? [];
  return (
    <div className="curvature-panel" data-testid="curvature-panel">
      <div className="card-actions">
        <button
          type="button"
          className="button"
          data-testid="measure-curvature"
          onClick={onMeasure}
          disabled={!canMeasure}
        >
          {result ? 'Measure again' : 'Measure curvature'}
        </button>
        <JobProgress
          frame={frame}
          testId="curvature-progress"
          label="Curvature analysis progress"
          cancelTestId="cancel-curvature"
          cancelLabel="Cancel the curvature analysis"
          onCancel={onCancel}
        />
        {result && (
          <span className="muted">
            at step {result.runs[0]?.step ?? 0} · {result.split} loss ·{' '}
            {result.batch === 'full' ? 'full batch' : `a mini-batch of ${result.batch}`}
          </span>
        )}
      </div>
      <JobFailure frame={frame} testId="curvature-error" />
      {result && (
        <table className="curvature-table" data-testid="curvature-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" title="The largest Hessian eigenvalues (Lanczos)">
                λ₁, λ₂, λ₃
              </th>
              <th
                scope="col"
                title="The optimiser diverges along directions with λ above this: 2/η for gradient descent, (2 + 2μ)/η with momentum"
              >
                edge 2/η
              </th>
              <th scope="col" title="Hutchinson estimate ± standard error">
                tr(H)
              </th>
              {epsilons.map((e) => (
                <th key={e} scope="col" title="Keskar ε-sharpness (percent)">
                  sharpness ε={e}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.runs.map((r) => {
              const edge = edges[r.run] ?? null;
              const above = edge !== null && (r.eigen?.values[0] ?? 0) > edge;
              return (
                <tr key={r.run} data-run={r.run}>
                  <th scope="row">
                    <span className="swatch" style={{ background: colors[r.run] }} />
                    {names[r.run]}
                  </th>
                  <td data-testid="lambda">{r.eigen ? r.eigen.values.map(fmt).join(', ') : '–'}</td>
                  <td className={above ? 'over-edge' : undefined} title={above ? 'λ₁ > 2/η' : ''}>
                    {fmt(edge)}
                  </td>
                  <td data-testid="trace">
                    {r.trace ? `${fmt(r.trace.value)} ± ${fmt(r.trace.standardError)}` : '–'}
                  </td>
                  {epsilons.map((e, i) => (
                    <td key={e}>{fmt(r.sharpness?.[i]?.value)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {result && result.runs.some((r) => r.density) && (
        <SpectrumPlot
          textSize={textSize}
          curves={result.runs
            .filter((r) => r.density)
            .map((r) => ({
              name: names[r.run] ?? `run ${r.run}`,
              color: colors[r.run] ?? '#333',
              grid: r.density!.grid,
              density: r.density!.density,
            }))}
        />
      )}
    </div>
  );
}

export const CurvaturePanel = memo(CurvaturePanelImpl);
