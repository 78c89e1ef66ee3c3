/**
 * A line chart of loss against step on a logarithmic y-axis, drawn as inline SVG from plain
 * arrays: one polyline per run, axis ticks, grid lines and axis labels. Non-positive and
 * non-finite values are left out of a line (a log axis cannot show them).
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { AxisLines, AxisTitles, ChartSvg, XGrid, YGrid, chartLayout } from './chart-frame';
import { linePoints } from './chart-points';
import { logTicks, niceStep, roundTick } from './chart-ticks';

export { formatTick, logTicks, niceStep } from './chart-ticks';

export interface ChartSeries {
  name: string;
  color: string;
  /** y value at each x of `steps` (same length). */
  values: readonly number[];
  /** Step at which the run diverged, or null. */
  divergedAt: number | null;
  /** Drawn dashed and thinner (e.g. the test loss beside the training loss). */
  dashed?: boolean;
}

export interface LossChartProps {
  /** x values (training steps), shared by every series. */
  steps: readonly number[];
  series: readonly ChartSeries[];
  /** Right end of the x-axis (the planned number of steps), so the axis does not grow. */
  totalSteps: number;
  yLabel: string;
  xLabel?: string;
  /** Accessible description of the chart. */
  title?: string;
  /** Size of the tick and axis text in CSS pixels (default 15; lecture mode 20). */
  textSize?: number;
  /** Multiplies the line widths and markers (default 1; lecture mode 2). */
  lineScale?: number;
  /** The svg's data-testid (default 'loss-chart'; the export menu's loss chart is that one). */
  testId?: string;
}

/** Width before the chart has been measured (and in a DOM without layout). */
const DEFAULT_WIDTH = 880;

/** A value a log axis can show. */
const drawable = (v: number) => v > 0 && Number.isFinite(v);

function LossChartImpl({
  steps,
  series,
  totalSteps,
  yLabel,
  xLabel = 'training step',
  title,
  textSize = 15,
  lineScale = 1,
  testId = 'loss-chart',
}: LossChartProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(DEFAULT_WIDTH);
  const frame = chartLayout(measured, textSize);
  const { plot } = frame;
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const v of s.values) {
      if (v > 0 && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  const hasData = min <= max;
  const y = logTicks(hasData ? min : 0.1, hasData ? max : 1);
  const [y0, y1] = y.domain;
  const logY0 = Math.log10(y0);
  const logSpan = Math.log10(y1) - logY0 || 1;
  const xMax = Math.max(1, totalSteps);
  const sx = (step: number) => plot.left + (step / xMax) * plot.width;
  const sy = (v: number) =>
    plot.top + plot.height - ((Math.log10(v) - logY0) / logSpan) * plot.height;

  const xStep = niceStep(xMax, Math.max(2, Math.min(6, Math.floor(plot.width / (textSize * 5)))));
  const xTicks: number[] = [];
  for (let t = 0; t <= xMax + 1e-9; t += xStep) xTicks.push(roundTick(t));

  return (
    <ChartSvg
      boxRef={box}
      frame={frame}
      testId={testId}
      title={title ?? `${yLabel} against ${xLabel}`}
    >
      {y.minor.map((v) => (
        <line
          key={`m${v}`}
          className="grid minor"
          x1={plot.left}
          x2={plot.left + plot.width}
          y1={sy(v)}
          y2={sy(v)}
        />
      ))}
      <YGrid frame={frame} values={y.major} sy={sy} />
      <XGrid frame={frame} values={xTicks} sx={sx} tickMarks />
      <AxisLines frame={frame} />
      <AxisTitles frame={frame} x={xLabel} y={yLabel} />
      <g className="lines">
        {series.map((s) => {
          // At most 4 vertices per pixel column (./chart-points.ts): the same pixels.
          const { points, end } = linePoints(steps, s.values, sx, sy, drawable);
          return (
            <g key={`${s.name}${s.dashed ? ' (dashed)' : ''}`}>
              <polyline
                className={s.dashed ? 'series dashed' : 'series'}
                data-run={s.name}
                points={points}
                fill="none"
                stroke={s.color}
                strokeWidth={(s.dashed ? 1.6 : 2.5) * lineScale}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                strokeLinejoin="round"
                strokeLinecap="round"
              />
              {end && s.divergedAt !== null && (
                <text
                  x={end[0]}
                  y={end[1]}
                  className="diverged-mark"
                  fill={s.color}
                  textAnchor="middle"
                  dominantBaseline="middle"
                >
                  ✕
                </text>
              )}
              {end && s.divergedAt === null && !s.dashed && (
                <circle cx={end[0]} cy={end[1]} r={4 * lineScale} fill={s.color} />
              )}
            </g>
          );
        })}
      </g>
    </ChartSvg>
  );
}

export const LossChart = memo(LossChartImpl);
