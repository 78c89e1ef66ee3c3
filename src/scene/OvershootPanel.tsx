/**
 * The step-and-Taylor readout beside both landscape views: the loss along the selected run's
 * step from the point on screen (solid: the surface; dashed: its second-order Taylor model
 * L + t·gᵀd + ½t²·dᵀHd, drawn to 1.25 steps), the numbers that make the model (L, ‖g‖², gᵀHg),
 * the predicted and the actual loss after the step, and the Hessian's eigenvalues with the
 * multipliers 1 − ηλᵢ a gradient step applies along their directions (|·| > 1: it overshoots up
 * the opposite wall, η > 2/λᵢ). Its run menu chooses the selected run (the session's
 * `selectedRun`; on a surface nothing else depends on it).
 */
import { formatValue } from './geometry';
import { STEP_OVERRUN } from './overshoot';
import {
  STEP_COLOR,
  STEP_SAMPLES,
  TAYLOR_COLOR,
  useOvershootView,
  type OvershootView,
} from './overshoot-view';
import './overshoot.css';
import { useAppStore, useStoreApi } from '../state/store';

const NO_NAMES: string[] = [];

const W = 300;
const H = 130;
const PAD = { left: 58, right: 10, top: 10, bottom: 30 };

/** A number for the readout: 4 significant digits. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function LossAlongStep({ view }: { view: OvershootView }) {
  const samples = view.samples!;
  const model = view.model!;
  const values: number[] = [];
  for (let i = 0; i < STEP_SAMPLES; i++) values.push(samples[4 * i + 2]!, samples[4 * i + 3]!);
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const sx = (t: number) => PAD.left + (t / STEP_OVERRUN) * (W - PAD.left - PAD.right);
  const sy = (v: number) =>
    PAD.top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const line = (column: 2 | 3) =>
    Array.from({ length: STEP_SAMPLES }, (_, i) => {
      const t = (STEP_OVERRUN * i) / (STEP_SAMPLES - 1);
      return `${sx(t).toFixed(1)},${sy(samples[4 * i + column]!).toFixed(1)}`;
    }).join(' ');
  const eta = model.lr;
  return (
    <svg
      className="overshoot-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Loss along the step: the surface (solid) and its second-order Taylor model (dashed)"
    >
      <line x1={sx(1)} x2={sx(1)} y1={PAD.top} y2={H - PAD.bottom} className="overshoot-mark" />
      <polyline points={line(2)} fill="none" stroke={STEP_COLOR} strokeWidth={3} />
      <polyline
        points={line(3)}
        fill="none"
        stroke={TAYLOR_COLOR}
        strokeWidth={3}
        strokeDasharray="7 5"
        data-testid="overshoot-taylor"
      />
      <circle cx={sx(1)} cy={sy(model.actual)} r={5} fill={STEP_COLOR} />
      <circle
        cx={sx(1)}
        cy={sy(model.predicted)}
        r={5}
        fill="none"
        stroke={TAYLOR_COLOR}
        strokeWidth={2.5}
      />
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={H - PAD.bottom}
        y2={H - PAD.bottom}
        className="overshoot-axis"
      />
      <line
        x1={PAD.left}
        x2={PAD.left}
        y1={PAD.top}
        y2={H - PAD.bottom}
        className="overshoot-axis"
      />
      <text x={PAD.left - 5} y={PAD.top + 4} textAnchor="end" dominantBaseline="hanging">
        {formatValue(hi)}
      </text>
      <text x={PAD.left - 5} y={H - PAD.bottom} textAnchor="end">
        {formatValue(lo)}
      </text>
      <text x={sx(0)} y={H - 8} textAnchor="start">
        θ_k
      </text>
      <text x={sx(1)} y={H - 8} textAnchor="middle">
        {eta === null ? 'θ_k+1' : `s = η = ${fmt(eta)}`}
      </text>
    </svg>
  );
}

/** The readout, or nothing when the overlay is off (or not on a surface). */
export function OvershootPanel({ className = '' }: { className?: string }) {
  const view = useOvershootView();
  const store = useStoreApi();
  const names = useAppStore((s) => s.session?.info?.names ?? NO_NAMES);
  if (!view) return null;
  const model = view.model;
  return (
    <div
      className={`overshoot-panel ${className}`}
      data-testid="overshoot-panel"
      data-predicted={model?.predicted}
      data-actual={model?.actual}
      data-multipliers={model?.multipliers?.join(',')}
      data-eigenvalues={model?.eigen.values.join(',')}
    >
      <div className="overshoot-title">
        <span className="run-swatch" style={{ background: view.color }} />{' '}
        <select
          aria-label="Run whose step is drawn"
          data-testid="overshoot-run"
          value={view.run}
          onChange={(e) => store.getState().patchSession({ selectedRun: Number(e.target.value) })}
        >
          {names.map((name, k) => (
            <option key={name} value={k}>
              {name}
            </option>
          ))}
        </select>{' '}
        step {view.step} → {view.step + 1}
      </div>
      {!model ? (
        <p className="muted">{view.reason}</p>
      ) : (
        <>
          <LossAlongStep view={view} />
          <p className="overshoot-key">
            <span style={{ color: STEP_COLOR }}>━ the surface along the step</span>{' '}
            <span style={{ color: TAYLOR_COLOR }}>┅ its Taylor model</span>
          </p>
          <table className="overshoot-numbers">
            <tbody>
              <tr>
                <th>L(θ_k)</th>
                <td>{fmt(model.loss)}</td>
                <th>‖g‖²</th>
                <td>{fmt(model.gradNormSq)}</td>
              </tr>
              <tr>
                <th>gᵀHg</th>
                <td>{fmt(model.gHg)}</td>
                <th>λ₁, λ₂</th>
                <td data-testid="overshoot-eigenvalues">
                  {fmt(model.eigen.values[0])}, {fmt(model.eigen.values[1])}
                </td>
              </tr>
              <tr>
                <th style={{ color: TAYLOR_COLOR }}>predicted</th>
                <td data-testid="overshoot-predicted">{fmt(model.predicted)}</td>
                <th>actual</th>
                <td data-testid="overshoot-actual">{fmt(model.actual)}</td>
              </tr>
            </tbody>
          </table>
          <p className="overshoot-formula">
            {model.lr !== null
              ? `L − η‖g‖² + ½η²gᵀHg with η = ${fmt(model.lr)}`
              : 'L + gᵀd + ½dᵀHd with d the recorded step'}
          </p>
          {model.multipliers && (
            <p className="overshoot-multipliers" data-testid="overshoot-multipliers">
              1 − ηλ:{' '}
              {model.multipliers.map((m, i) => (
                <span key={i} className={Math.abs(m) > 1 ? 'overshoots' : undefined}>
                  {i > 0 ? ', ' : ''}
                  {fmt(m)}
                </span>
              ))}
              {Math.abs(model.multipliers[0]) > 1 || Math.abs(model.multipliers[1]) > 1
                ? ' — |1 − ηλ| > 1: the step overshoots up the opposite wall (η > 2/λ)'
                : ' — every |1 − ηλ| ≤ 1: no direction grows'}
            </p>
          )}
          <p className="overshoot-note" data-testid="overshoot-note">
            {model.exact
              ? 'On a quadratic the second-order Taylor model is exact: the dashed curve lies on the surface.'
              : `Not a quadratic: the model misses by ${fmt(model.actual - model.predicted)} (third- and higher-order terms).`}
          </p>
        </>
      )}
    </div>
  );
}
