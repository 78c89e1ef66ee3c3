/**
 * The first page of the explorer: trains the default experiment (SGD, Momentum and Adam on the
 * same network and data) in the compute worker and plots each run's training loss as it comes in.
 *
 * URL parameters: `?backend=webgpu|webgl|wasm|cpu` forces a tfjs backend, `?steps=N` shortens
 * or lengthens the run.
 *
 * When the run is done the page sets `document.body.dataset.ready = 'true'`, dispatches an
 * `lle:ready` event and exposes `window.__lle` (for end-to-end tests and embedding pages); on an
 * error it sets `document.body.dataset.error` instead.
 */
import { useEffect, useMemo, useReducer } from 'react';
import { LossChart, type ChartSeries } from '../ui/LossChart';
import { LandscapeSection } from './LandscapeSection';
import type { ExperimentOverrides, Fallback, FromWorker, ToWorker } from '../worker/protocol';

/** What the page exposes on `window.__lle` once a run is done. */
export interface LleHandle {
  backend: string;
  fallbacks: Fallback[];
  steps: number[];
  names: string[];
  initialTrainLoss: number[];
  finalTrainLoss: number[];
  finalTestLoss: number[];
  probeMs: number;
  trainMs: number;
}

declare global {
  interface Window {
    __lle?: LleHandle;
  }
  interface WindowEventMap {
    'lle:ready': CustomEvent<{ backend: string; finalLoss: number[] }>;
  }
}

interface Job {
  names: string[];
  colors: string[];
  totalSteps: number;
  model: string;
  data: string;
  loss: string;
}

interface State {
  phase: 'choosing' | 'training' | 'done' | 'error';
  backend: { name: string; fallbacks: Fallback[]; probeMs: number } | null;
  job: Job | null;
  steps: number[];
  /** [run][point] */
  trainLoss: number[][];
  testLoss: number[][];
  divergedAt: number[];
  testAccuracy: number[] | null;
  trainMs: number | null;
  error: string | null;
}

const initialState: State = {
  phase: 'choosing',
  backend: null,
  job: null,
  steps: [],
  trainLoss: [],
  testLoss: [],
  divergedAt: [],
  testAccuracy: null,
  trainMs: null,
  error: null,
};

function reducer(state: State, message: FromWorker): State {
  switch (message.type) {
    case 'backend':
      return {
        ...state,
        backend: { name: message.name, fallbacks: message.fallbacks, probeMs: message.probeMs },
      };
    case 'start':
      return {
        ...initialState,
        backend: state.backend,
        phase: 'training',
        job: {
          names: message.names,
          colors: message.colors,
          totalSteps: message.steps,
          model: message.model,
          data: message.data,
          loss: message.loss,
        },
        trainLoss: message.names.map(() => []),
        testLoss: message.names.map(() => []),
      };
    case 'snapshot':
      return {
        ...state,
        steps: [...state.steps, message.step],
        trainLoss: state.trainLoss.map((a, k) => [...a, message.trainLoss[k]!]),
        testLoss: state.testLoss.map((a, k) => [...a, message.testLoss[k]!]),
        divergedAt: message.divergedAt,
        testAccuracy: message.testAccuracy ?? null,
      };
    case 'done':
      return { ...state, phase: 'done', trainMs: message.trainMs };
    case 'error':
      return { ...state, phase: 'error', error: message.message };
  }
}

function readUrl(): { backend: string | null; overrides: ExperimentOverrides } {
  const params = new URLSearchParams(window.location.search);
  const overrides: ExperimentOverrides = {};
  const steps = params.get('steps');
  if (steps !== null && steps !== '') overrides.steps = Number(steps);
  return { backend: params.get('backend') || null, overrides };
}

function formatLoss(v: number | undefined): string {
  if (v === undefined) return '–';
  if (!Number.isFinite(v)) return String(v);
  return v >= 0.01 ? v.toFixed(3) : v.toExponential(2);
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL 2',
  wasm: 'WebAssembly (SIMD)',
  cpu: 'plain JavaScript (cpu)',
};

export function App() {
  const [state, dispatch] = useReducer(reducer, initialState);

  useEffect(() => {
    const worker = new Worker(new URL('../worker/compute.worker.ts', import.meta.url), {
      type: 'module',
    });
    const jobId = 1;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if ('jobId' in message && message.jobId !== null && message.jobId !== jobId) return;
      dispatch(message);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      dispatch({
        type: 'error',
        jobId,
        message: `The compute worker failed: ${event.message || 'it could not be loaded'}`,
      });
    };
    const { backend, overrides } = readUrl();
    const run: ToWorker = { type: 'run', jobId, backend, overrides };
    worker.postMessage(run);
    return () => worker.terminate();
  }, []);

  // Signal the end of a run to tests and embedding pages.
  useEffect(() => {
    if (state.phase === 'done' && state.backend && state.job) {
      const finalTrainLoss = state.trainLoss.map((a) => a[a.length - 1]!);
      const handle: LleHandle = {
        backend: state.backend.name,
        fallbacks: state.backend.fallbacks,
        steps: state.steps,
        names: state.job.names,
        initialTrainLoss: state.trainLoss.map((a) => a[0]!),
        finalTrainLoss,
        finalTestLoss: state.testLoss.map((a) => a[a.length - 1]!),
        probeMs: state.backend.probeMs,
        trainMs: state.trainMs ?? 0,
      };
      window.__lle = handle;
      document.body.dataset.ready = 'true';
      window.dispatchEvent(
        new CustomEvent('lle:ready', {
          detail: { backend: handle.backend, finalLoss: finalTrainLoss },
        }),
      );
    } else if (state.phase === 'error' && state.error) {
      document.body.dataset.error = state.error;
    }
  }, [state]);

  const series = useMemo<ChartSeries[]>(
    () =>
      state.job
        ? state.job.names.map((name, k) => ({
            name,
            color: state.job!.colors[k]!,
            values: state.trainLoss[k] ?? [],
            divergedAt: (state.divergedAt[k] ?? -1) >= 0 ? state.divergedAt[k]! : null,
          }))
        : [],
    [state.job, state.trainLoss, state.divergedAt],
  );

  const step = state.steps.length ? state.steps[state.steps.length - 1]! : 0;
  const total = state.job?.totalSteps ?? 0;

  return (
    <div className="page">
      <header className="header">
        <h1>Loss Landscape Explorer</h1>
        <p className="subtitle">
          Three optimisers — SGD, Momentum and Adam — train the same small neural network from the
          same starting weights. The chart shows each run&rsquo;s full-batch training loss, step by
          step, on a logarithmic scale.
        </p>
      </header>

      <section className="status" aria-live="polite">
        <div className="status-row">
          <span className="field">
            <span className="label">Backend</span>
            {state.backend ? (
              <span className="pill" data-testid="backend" data-backend={state.backend.name}>
                {BACKEND_LABELS[state.backend.name] ?? state.backend.name}
              </span>
            ) : (
              <span className="muted">choosing…</span>
            )}
          </span>
          {state.job && (
            <>
              <span className="field">
                <span className="label">Model</span>
                <span className="muted">{state.job.model}</span>
              </span>
              <span className="field">
                <span className="label">Data</span>
                <span className="muted">{state.job.data}</span>
              </span>
            </>
          )}
        </div>
        {state.backend && state.backend.fallbacks.length > 0 && (
          <ul className="fallbacks" data-testid="fallbacks">
            {state.backend.fallbacks.map((f) => (
              <li key={f.name}>
                <strong>{f.name}</strong> not used: {f.reason}
              </li>
            ))}
          </ul>
        )}
        <div className="progress">
          <div className="progress-text" data-testid="progress">
            {state.phase === 'choosing' && 'Checking which compute backend works in this browser…'}
            {state.phase === 'training' && (
              <>
                Training: step <strong>{step}</strong> / {total}
              </>
            )}
            {state.phase === 'done' && (
              <>
                Done: {total} steps in {formatSeconds(state.trainMs ?? 0)}
              </>
            )}
            {state.phase === 'error' && 'Stopped by an error'}
          </div>
          <div
            className="progress-bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={step}
          >
            <div
              className={`progress-fill ${state.phase}`}
              style={{ width: `${total ? (100 * step) / total : 0}%` }}
            />
          </div>
        </div>
        {state.error && (
          <div className="error" role="alert" data-testid="error">
            <strong>Something went wrong.</strong>
            <pre>{state.error}</pre>
          </div>
        )}
      </section>

      <section className="card">
        <div className="card-head">
          <h2>
            Training loss{' '}
            <span className="h2-note">{state.job ? `${state.job.loss}, ` : ''}log scale</span>
          </h2>
          <ul className="legend">
            {series.map((s, k) => (
              <li key={s.name}>
                <span className="swatch" style={{ background: s.color }} />
                <span className="legend-name">{s.name}</span>
                <span className="legend-value">
                  {formatLoss(state.trainLoss[k]?.[state.trainLoss[k]!.length - 1])}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <LossChart
          steps={state.steps}
          series={series}
          totalSteps={total || 1}
          yLabel="training loss"
          title="Training loss of each optimiser against training step, logarithmic y-axis"
        />
      </section>

      {/* ---- Loss landscape: view layer (src/scene, src/state); data flow to be wired ---- */}
      <LandscapeSection />
      {/* ---- end of loss landscape ---- */}

      {state.job && state.steps.length > 0 && (
        <section className="card">
          <h2>{state.phase === 'done' ? 'Final results' : `At step ${step}`}</h2>
          <table className="results">
            <thead>
              <tr>
                <th>Optimiser</th>
                <th>Training loss</th>
                <th>Test loss</th>
                {state.testAccuracy && <th>Test accuracy</th>}
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {state.job.names.map((name, k) => {
                const train = state.trainLoss[k]!;
                const test = state.testLoss[k]!;
                const diverged = state.divergedAt[k] ?? -1;
                return (
                  <tr key={name}>
                    <td>
                      <span className="swatch" style={{ background: state.job!.colors[k] }} />
                      {name}
                    </td>
                    <td className="num">{formatLoss(train[train.length - 1])}</td>
                    <td className="num">{formatLoss(test[test.length - 1])}</td>
                    {state.testAccuracy && (
                      <td className="num">{(100 * state.testAccuracy[k]!).toFixed(1)} %</td>
                    )}
                    <td>
                      {diverged >= 0
                        ? `diverged at step ${diverged}`
                        : state.phase === 'done'
                          ? 'finished'
                          : 'training'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <footer className="footer">
        Computed in your browser with TensorFlow.js in a Web Worker
        {state.backend ? ` on the ${state.backend.name} backend` : ''}.
      </footer>
    </div>
  );
}
