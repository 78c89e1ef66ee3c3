import { formatValue } from './geometry';
import { METRIC_LABELS } from './labels';
import type { LandscapeMetric } from './types';

/** "a = …  b = …  loss = …": the readout of a hovered grid point, shared by both views. */
export function HoverValues({
  a,
  b,
  value,
  metric,
}: {
  a: number;
  b: number;
  value: number;
  metric: LandscapeMetric;
}) {
  return (
    <>
      <span>
        a = <strong>{formatValue(a)}</strong>
      </span>
      <span>
        b = <strong>{formatValue(b)}</strong>
      </span>
      <span>
        {METRIC_LABELS[metric]} = <strong>{formatValue(value)}</strong>
      </span>
    </>
  );
}
