import { useEffect, type ReactNode } from 'react';
import { useAppStore } from '../state/store';
import { FallbackList, StatusBar, backendLabel } from '../ui/panels/StatusBar';

const EMPTY: never[] = [];

/**
 * The explorer's top bar, one line: the host's title (if it gives one), the backend and the model
 * line folded into a disclosure (the backends passed over and why, inside it), and the bar's
 * buttons. Below it, only when there is something to say: diverged runs, notices and errors.
 */
export function StatusHeader({
  onError,
  title = null,
  actions = null,
}: {
  onError?: (error: string | null) => void;
  /** The host page's title, shown at the start of the bar. */
  title?: ReactNode;
  /** Buttons at the end of the bar (lecture mode, fullscreen, keys, settings drawer). */
  actions?: ReactNode;
}) {
  const info = useAppStore((s) => s.session?.info ?? null);
  const backend = useAppStore((s) => s.session?.backend ?? null);
  const divergedAt = useAppStore((s) => s.session?.divergedAt ?? EMPTY);
  const error = useAppStore((s) => s.session?.error ?? null);
  const notice = useAppStore((s) => s.session?.notice ?? null);
  useEffect(() => onError?.(error), [error, onError]);
  const fallbacks = backend?.fallbacks ?? EMPTY;
  const modelLine = info
    ? `${info.model} · ${info.data} · loss: ${info.loss}${info.formula ? ` · ${info.formula}` : ''}`
    : null;
  return (
    <div className="header">
      <div className="explorer-bar" data-testid="explorer-bar">
        {title ? <div className="bar-title">{title}</div> : null}
        <details className="bar-details">
          <summary title="The backend that trains the runs, and the model">
            <span className="bar-backend">
              {backend ? backendLabel(backend.name) : 'choosing a backend…'}
              {backend && fallbacks.length ? ' (fell back)' : ''}
            </span>
            {modelLine && (
              <span className="bar-model model-line" data-testid="model-line">
                {modelLine}
              </span>
            )}
          </summary>
          <div className="bar-details-body">
            <p>
              <strong>Backend:</strong> {backend ? backendLabel(backend.name) : 'choosing…'}
            </p>
            <FallbackList fallbacks={fallbacks} />
            {modelLine && (
              <p>
                <strong>Model:</strong> {modelLine}
              </p>
            )}
          </div>
        </details>
        {actions ? <div className="bar-actions">{actions}</div> : null}
      </div>
      <div className="explorer-alerts">
        <StatusBar
          backend={backend?.name ?? null}
          fallbacks={EMPTY}
          names={info?.names ?? EMPTY}
          divergedAt={divergedAt}
        />
        {notice && (
          <div className="notice" role="status" data-testid="notice">
            <pre>{notice}</pre>
          </div>
        )}
        {error && (
          <div className="error" role="alert" data-testid="error">
            <strong>Something went wrong.</strong>
            <pre>{error}</pre>
          </div>
        )}
      </div>
    </div>
  );
}
