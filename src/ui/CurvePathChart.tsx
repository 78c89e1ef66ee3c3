/**
 * A metric along two paths between the same two minima (the straight segment and the trained
 * curve), against t ∈ [0, 1] (0 = w₀, 1 = w₂), on linear axes from 0: a barrier is a bump. Inline
 * SVG drawn at its size on screen, so its text is `textSize` px at any width.
 */
import { memo } from 'react';
import { PanelLineChart, polylinePoints } from './chart-panel-frame';
import type { PanelLineChartProps } from './chart-panel-frame';

export interface PathSeries {
  name: string;
  color: string;
  /** [T] values at `t` (null entries and a null list are left out). */
  values: readonly (number | null)[] | null;
  dashed?: boolean;
}

export interface CurvePathChartProps extends PanelLineChartProps {
  /** [T] values of t, ascending from 0 to 1. */
  t: readonly number[];
  series: readonly PathSeries[];
}

/** Height 0.55 × the width, 200…340 px; room on the right for the "1 (w₂)" label. */
const CHART_SHAPE = { aspect: 0.55, minHeight: 200, maxHeight: 340, rightMargin: 2.6 };

function CurvePathChartImpl({ t, series, lineScale = 1, ...chart }: CurvePathChartProps) {
  return (
    <PanelLineChart
      {...chart}
      className="curve-path-chart"
      shape={CHART_SHAPE}
      fallbackWidth={460}
      xDomain={[0, 1]}
      yValues={series.map((s) => s.values)}
      xTicks={[0, 0.25, 0.5, 0.75, 1]}
      xTickLabel={(x) => (x === 0 ? '0 (w₀)' : x === 1 ? '1 (w₂)' : x)}
      xTitle="t along the path"
    >
      {({ sx, sy }) =>
        series.map((s) =>
          s.values ? (
            <polyline
              key={s.name}
              className={s.dashed ? 'series dashed' : 'series'}
              data-series={s.name}
              points={polylinePoints(t, s.values, sx, sy)}
              fill="none"
              stroke={s.color}
              strokeWidth={(s.dashed ? 2 : 3) * lineScale}
              strokeDasharray={s.dashed ? `${6 * lineScale} ${4 * lineScale}` : undefined}
              strokeLinejoin="round"
            />
          ) : null,
        )
      }
    </PanelLineChart>
  );
}

export const CurvePathChart = memo(CurvePathChartImpl);
