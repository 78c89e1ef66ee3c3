/**
 * Which tfjs backend runs (and why the ones before it were passed over), and one plain message per
 * diverged run: "Adam (lr 1000) diverged at step 12 — its path is frozen; the other runs go on".
 */
import { memo } from 'react';
import './panels.css';

const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

/** "WebGPU", "WebGL", "WebAssembly (SIMD)", "CPU" for the worker's backend names. */
export function backendLabel(name: string, detail?: string): string {
  // Own keys only: a user-given name such as "__proto__" must not reach Object.prototype.
  const key = name.toLowerCase();
  const label = Object.hasOwn(BACKEND_LABELS, key) ? BACKEND_LABELS[key]! : name;
  return detail ? `${label} (${detail})` : label;
}

export interface StatusBarProps {
  /** The backend in use ('webgpu', 'webgl', 'wasm', 'cpu'), or null while it is being chosen. */
  backend: string | null;
  /** Shown after the backend's name, e.g. 'SIMD' → "WebAssembly (SIMD)". */
  backendDetail?: string;
  /** Backends tried before it, in order, with the reason each was passed over. */
  fallbacks: readonly { name: string; reason: string }[];
  /** Run names [K]. */
  names: readonly string[];
  /** Per run, the update at which it diverged, or a negative number / null when it did not [K]. */
  divergedAt: readonly (number | null)[];
  /** Per run, the learning rate to quote in its message (optional) [K]. */
  learningRates?: readonly (number | undefined)[];
}

/** The message for one diverged run. */
export function divergenceMessage(name: string, step: number, lr?: number): string {
  const who = lr === undefined ? name : `${name} (lr ${lr})`;
  return `${who} diverged at step ${step} — its path is frozen; the other runs go on`;
}

export const StatusBar = memo(function StatusBar({
  backend,
  backendDetail,
  fallbacks,
  names,
  divergedAt,
  learningRates,
}: StatusBarProps) {
  const diverged = names
    .map((name, k) => ({ name, k, at: divergedAt[k] ?? null }))
    .filter((r): r is { name: string; k: number; at: number } => r.at !== null && r.at >= 0);
  const allDiverged = names.length > 0 && diverged.length === names.length;
  return (
    <div className="panel status-bar">
      <div className="status-backend">
        <span className="label">Backend</span>{' '}
        {backend ? (
          <span className="pill" data-testid="backend-name">
            {backendLabel(backend, backendDetail)}
          </span>
        ) : (
          <span className="muted">choosing…</span>
        )}
        {backend && fallbacks.length ? <span className="muted"> (fell back)</span> : null}
      </div>
      <FallbackList fallbacks={fallbacks} />
      <div role="status" aria-live="polite" className="status-divergence">
        {diverged.length ? (
          <ul>
            {diverged.map((r) => (
              <li key={r.k} className="status-diverged" data-run={r.k}>
                <span className="status-icon" aria-hidden="true">
                  ⚠
                </span>{' '}
                {allDiverged
                  ? `${r.name}${learningRates?.[r.k] === undefined ? '' : ` (lr ${learningRates[r.k]})`} diverged at step ${r.at} — its path is frozen`
                  : divergenceMessage(r.name, r.at, learningRates?.[r.k])}
              </li>
            ))}
            {allDiverged ? (
              <li className="status-diverged">
                Every run has diverged: lower the learning rates and reset.
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
});

/** The backends passed over, each with why (nothing when none was). */
export function FallbackList({
  fallbacks,
}: {
  fallbacks: readonly { name: string; reason: string }[];
}) {
  if (!fallbacks.length) return null;
  return (
    <ul className="status-fallbacks" aria-label="Backends passed over">
      {fallbacks.map((f, i) => (
        <li key={i}>
          <strong>{backendLabel(f.name)}</strong>: {f.reason}
        </li>
      ))}
    </ul>
  );
}
