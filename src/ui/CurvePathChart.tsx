/**
 * A metric along two paths between the same two minima (the straight segment and the trained
 * curve), against t ∈ [0, 1] (0 = w₀, 1 = w₂), on linear axes from 0: a barrier is a bump. Inline
 * SVG drawn at its size on screen, so its text is `textSize` px at any width.
 */
import { memo, useMemo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { formatTick, linearTicks, scale } from './panels/plot';
import { zeroBasedRange } from './curve-plot';

export interface PathSeries {
  name: string;
  color: string;
  /** [T] values at `t` (null entries and a null list are left out). */
  values: readonly (number | null)[] | null;
  dashed?: boolean;
}

export interface CurvePathChartProps {
  /** [T] values of t, ascending from 0 to 1. */
  t: readonly number[];
  series: readonly PathSeries[];
  yLabel: string;
  /** Fixed y range (default: 0 to the largest value). */
  yRange?: [number, number];
  testId: string;
  title: string;
  textSize?: number;
  lineScale?: number;
}

function polyline(
  t: readonly number[],
  values: readonly (number | null)[],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) parts.push(`${sx(t[i]!).toFixed(1)},${sy(v).toFixed(1)}`);
  });
  return parts.join(' ');
}

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
  const W = Math.max(260, width);
  const H = Math.round(Math.min(340, Math.max(200, W * 0.55)));
  const m = { top: textSize, right: textSize * 2.6, bottom: textSize * 3.2, left: textSize * 4 };
  const [y0, y1] = useMemo(
    () => yRange ?? zeroBasedRange(series.map((s) => s.values)),
    [yRange, series],
  );
  const sx = scale(0, 1, m.left, W - m.right);
  const sy = scale(y0, y1, H - m.bottom, m.top);
  const yTicks = linearTicks(y0, y1, 4).filter((v) => v >= y0 && v <= y1);
  return (
    <div ref={ref} className="curve-path-chart">
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={title}
        data-testid={testId}
        style={{ fontSize: textSize }}
      >
        {[0, 0.25, 0.5, 0.75, 1].map((x) => (
          <g key={`x${x}`}>
            <line x1={sx(x)} x2={sx(x)} y1={m.top} y2={H - m.bottom} className="grid-line" />
            <text x={sx(x)} y={H - m.bottom + textSize * 1.2} textAnchor="middle">
              {x === 0 ? '0 (w₀)' : x === 1 ? '1 (w₂)' : x}
            </text>
          </g>
        ))}
        {yTicks.map((y) => (
          <g key={`y${y}`}>
            <line x1={m.left} x2={W - m.right} y1={sy(y)} y2={sy(y)} className="grid-line" />
            <text x={m.left - 6} y={sy(y)} textAnchor="end" dominantBaseline="middle">
              {formatTick(y)}
            </text>
          </g>
        ))}
        <rect
          x={m.left}
          y={m.top}
          width={W - m.left - m.right}
          height={H - m.top - m.bottom}
          className="plot-frame"
        />
        <text x={(m.left + W - m.right) / 2} y={H - 4} textAnchor="middle">
          t along the path
        </text>
        <text
          x={textSize}
          y={(m.top + H - m.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 ${textSize} ${(m.top + H - m.bottom) / 2})`}
        >
          {yLabel}
        </text>
        {series.map((s) =>
          s.values ? (
            <polyline
              key={s.name}
              className={s.dashed ? 'series dashed' : 'series'}
              data-series={s.name}
              points={polyline(t, s.values, sx, sy)}
              fill="none"
              stroke={s.color}
              strokeWidth={(s.dashed ? 2 : 3) * lineScale}
              strokeDasharray={s.dashed ? `${6 * lineScale} ${4 * lineScale}` : undefined}
              strokeLinejoin="round"
            />
          ) : null,
        )}
      </svg>
    </div>
  );
}

export const CurvePathChart = memo(CurvePathChartImpl);
