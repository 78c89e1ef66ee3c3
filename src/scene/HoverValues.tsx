import { useAppStore } from '../state/store';
import { formatValue, sampleGrid } from './geometry';
import { METRIC_LABELS } from './labels';

/**
 * "a = …  b = …  loss = …": the readout of a hovered plane point, shared by both views. The value
 * is read from the landscape on screen at every render, so a change of metric or a recomputed grid
 * under a still mouse never leaves an old value under a new label.
 */
export function HoverValues({ a, b }: { a: number; b: number }) {
  const landscape = useAppStore((s) => s.landscape);
  // Re-render when the grid's values change in place.
  useAppStore((s) => s.landscapeVersion);
  if (!landscape) return null;
  const value = sampleGrid(landscape, a, b);
  return (
    <>
      <span>
        a = <strong>{formatValue(a)}</strong>
      </span>
      <span>
        b = <strong>{formatValue(b)}</strong>
      </span>
      <span>
        {METRIC_LABELS[landscape.metric]} = <strong>{formatValue(value)}</strong>
      </span>
    </>
  );
}
