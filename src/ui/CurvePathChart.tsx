/**
 * A metric along two paths between the same two minima (the straight segment and the trained
 * curve), against t ∈ [0, 1] (0 = w₀, 1 = w₂), on linear axes from 0: a barrier is a bump. Inline
 * SVG drawn at its size on screen, so its text is `textSize` px at any width.
 */
import { memo, useMemo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { PanelChart, panelChartLayout, plotScales, polylinePoints } from './chart-panel-frame';
import type { PanelLineChartProps } from './chart-panel-frame';
import { zeroBasedRange } from './curve-plot';

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

function CurvePathChartImpl({
  t,
  series,
  yLabel,
  yRange,
  testId,
  title,
  textSize = 15,
  lineScale = 1,
}: CurvePathChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(460);
  const frame = panelChartLayout(width, textSize, CHART_SHAPE);
  const [y0, y1] = useMemo(
    () => yRange ?? zeroBasedRange(series.map((s) => s.values)),
    [yRange, series],
  );
  const { sx, sy } = plotScales(frame, [0, 1], [y0, y1]);
  return (
    <PanelChart
      boxRef={ref}
      className="curve-path-chart"
      frame={frame}
      testId={testId}
      title={title}
      xTicks={[0, 0.25, 0.5, 0.75, 1]}
      xTickLabel={(x) => (x === 0 ? '0 (w₀)' : x === 1 ? '1 (w₂)' : x)}
      yDomain={[y0, y1]}
      sx={sx}
      sy={sy}
      xTitle="t along the path"
      yTitle={yLabel}
    >
      {series.map((s) =>
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
      )}
    </PanelChart>
  );
}

export const CurvePathChart = memo(CurvePathChartImpl);
