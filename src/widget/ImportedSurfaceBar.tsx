/**
 * The bar over an imported surface (a file from the loss-landscape tool or the app, shown in
 * place of the live landscape): what file, which of its metrics is drawn (a choice when it holds
 * several), and the way back to the live landscape. It goes away when the controller closes the
 * surface (Play, Step, Reset, Apply, a new view).
 */
import { useEffect, useState } from 'react';
import type { SessionController } from '../client/controller';
import type { LandscapeMetric } from '../config/schema';
import { useAppStore } from '../state/store';
import { showOpenedSurface, type OpenedSurface } from './surface-files';
import './imported-surface.css';

const METRIC_LABELS: Record<LandscapeMetric, string> = {
  trainLoss: 'train_loss',
  testLoss: 'test_loss',
  trainAccuracy: 'train_acc',
  testAccuracy: 'test_acc',
};

export function ImportedSurfaceBar({
  controller,
  surface,
  onClosed,
}: {
  controller: SessionController;
  surface: OpenedSurface;
  onClosed: () => void;
}) {
  // Re-rendered with every landscape change: the surface is shown while the controller says so.
  const landscape = useAppStore((s) => s.landscape);
  const shown = controller.importedSurface === surface.source && landscape !== null;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!shown) onClosed();
  }, [shown, onClosed]);
  if (!shown) return null;
  const pick = async (metric: LandscapeMetric) => {
    setError(null);
    try {
      await showOpenedSurface(controller, surface, metric);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="imported-surface" role="status" data-testid="imported-surface">
      <span>
        Imported surface: <strong>{surface.source}</strong> ({landscape.n} × {landscape.n}
        {surface.surface.plane ? `, plane of P = ${surface.surface.plane.d1.length}` : ''})
      </span>
      {surface.metrics.length > 1 && (
        <label>
          Grid{' '}
          <select
            data-testid="imported-surface-metric"
            value={landscape.metric}
            onChange={(e) => void pick(e.target.value as LandscapeMetric)}
          >
            {surface.metrics.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="button"
        data-testid="imported-surface-close"
        onClick={() => controller.closeSurface()}
      >
        Back to the live landscape
      </button>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
