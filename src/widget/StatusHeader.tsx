import { useEffect } from 'react';
import { useAppStore } from '../state/store';
import { StatusBar } from '../ui/panels/StatusBar';

const EMPTY: never[] = [];

/** Backend, model line, notices and errors of this explorer. */
export function StatusHeader({ onError }: { onError?: (error: string | null) => void }) {
  const info = useAppStore((s) => s.session?.info ?? null);
  const backend = useAppStore((s) => s.session?.backend ?? null);
  const divergedAt = useAppStore((s) => s.session?.divergedAt ?? EMPTY);
  const error = useAppStore((s) => s.session?.error ?? null);
  const notice = useAppStore((s) => s.session?.notice ?? null);
  useEffect(() => onError?.(error), [error, onError]);
  return (
    <div className="header">
      <StatusBar
        backend={backend?.name ?? null}
        fallbacks={backend?.fallbacks ?? EMPTY}
        names={info?.names ?? EMPTY}
        divergedAt={divergedAt}
      />
      {info && (
        <p className="muted model-line" data-testid="model-line">
          {info.model} · {info.data} · loss: {info.loss}
          {info.formula ? ` · ${info.formula}` : ''}
        </p>
      )}
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
  );
}
