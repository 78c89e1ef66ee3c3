/**
 * A line chart against the training step on a LOGARITHMIC x-axis (implicit bias acts on a log-time
 * scale: GD's angle to the SVM direction falls like 1/log t), as inline SVG: one polyline per run,
 * a y-axis that is logarithmic (angles, distances) or linear (margins, norms), and optional dashed
 * horizontal reference lines (the SVM margin γ, ‖A⁺b‖). Step 0 and non-finite values (θ = 0 has
 * no direction) are left out of a line; on a log y-axis so are non-positive values.
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { AxisLines, AxisTitles, ChartSvg, XGrid, YGrid, chartLayout } from './chart-frame';
import { logTicks, niceStep } from './chart-ticks';

export interface BiasSeries {
  name: string;
  color: string;
  /** y at each of `steps` (same length). */
  values: readonly number[];
}

export interface BiasReference {
  label: string;
  value: number;
}

export interface ImplicitBiasChartProps {
  steps: readonly number[];
  series: readonly BiasSeries[];
  yLabel: string;
  yScale: 'log' | 'linear';
  references?: readonly BiasReference[];
  testId: string;
  title: string;
  textSize?: number;
  lineScale?: number;
}

const DEFAULT_WIDTH = 560;

/** Where a value is drawn: finite, and positive on a log axis. */
export function plottable(v: number, scale: 'log' | 'linear'): boolean {
  return Number.isFinite(v) && (scale === 'linear' || v > 0);
}

/** y-axis domain and labelled ticks: log ticks (LossChart's) or nice linear ticks. */
export function yAxis(
  min: number,
  max: number,
  scale: 'log' | 'linear',
): { domain: [number, number]; major: number[] } {
  if (scale === 'log') {
    const t = logTicks(min, max);
    return { domain: t.domain, major: t.major };
  }
  if (!(min <= max)) return { domain: [0, 1], major: [0, 0.5, 1] };
  if (max - min < 1e-12) {
    min -= 0.5;
    max += 0.5;
  }
  const step = niceStep(max - min, 4);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const major: number[] = [];
  for (let v = lo; v <= hi + step * 1e-9; v += step) major.push(Number(v.toPrecision(6)));
  return { domain: [lo, hi], major };
}

function ImplicitBiasChartImpl({
  steps,
  series,
  yLabel,
  yScale,
  references = [],
  testId,
  title,
  textSize = 15,
  lineScale = 1,
}: ImplicitBiasChartProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(DEFAULT_WIDTH);
  const frame = chartLayout(measured, textSize);
  const { plot } = frame;
  let min = Infinity;
  let max = -Infinity;
  const take = (v: number) => {
    if (!plottable(v, yScale)) return;
    if (v < min) min = v;
    if (v > max) max = v;
  };
  for (const s of series) s.values.forEach((v, i) => (steps[i]! > 0 ? take(v) : undefined));
  for (const r of references) take(r.value);
  const y = yAxis(min, max, yScale);
  const f = (v: number) => (yScale === 'log' ? Math.log10(v) : v);
  const [y0, y1] = [f(y.domain[0]), f(y.domain[1])];
  const sy = (v: number) => plot.top + plot.height - ((f(v) - y0) / (y1 - y0 || 1)) * plot.height;
  const positive = steps.filter((s) => s > 0);
  const xTicks = logTicks(
    positive.length ? Math.min(...positive) : 1,
    positive.length ? Math.max(...positive) : 10,
  );
  const [x0, x1] = xTicks.domain.map(Math.log10) as [number, number];
  const sx = (step: number) => plot.left + ((Math.log10(step) - x0) / (x1 - x0 || 1)) * plot.width;
  return (
    <ChartSvg boxRef={box} frame={frame} testId={testId} title={title}>
      <YGrid frame={frame} values={y.major} sy={sy} />
      <XGrid frame={frame} values={xTicks.major} sx={sx} />
      <AxisLines frame={frame} />
      <AxisTitles frame={frame} x="training step (log scale)" y={yLabel} />
      {references.map((r) =>
        plottable(r.value, yScale) ? (
          <g key={r.label} data-testid={`${testId}-reference`}>
            <line
              className="series dashed"
              x1={plot.left}
              x2={plot.left + plot.width}
              y1={sy(r.value)}
              y2={sy(r.value)}
              stroke="#3a3a3a"
              strokeWidth={1.6 * lineScale}
              strokeDasharray="6 4"
            />
            <text
              className="tick-label"
              x={plot.left + plot.width - textSize * 0.4}
              y={sy(r.value) - textSize * 0.4}
              textAnchor="end"
            >
              {r.label}
            </text>
          </g>
        ) : null,
      )}
      <g className="lines">
        {series.map((s) => {
          const points: string[] = [];
          s.values.forEach((v, i) => {
            const step = steps[i];
            if (step === undefined || step <= 0 || !plottable(v, yScale)) return;
            points.push(`${sx(step).toFixed(1)},${sy(v).toFixed(1)}`);
          });
          return (
            <polyline
              key={s.name}
              className="series"
              data-run={s.name}
              points={points.join(' ')}
              fill="none"
              stroke={s.color}
              strokeWidth={2.5 * lineScale}
              strokeLinejoin="round"
              strokeLinecap="round"
            />
          );
        })}
      </g>
    </ChartSvg>
  );
}

export const ImplicitBiasChart = memo(ImplicitBiasChartImpl);
