/**
 * A line chart of loss against step on a logarithmic y-axis, drawn as inline SVG from plain
 * arrays: one polyline per run, axis ticks, grid lines and axis labels. Non-positive and
 * non-finite values are left out of a line (a log axis cannot show them).
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { linePoints } from './chart-points';

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

/**
 * The chart's size and margins in CSS pixels for a drawing `width` wide with `text` px labels:
 * the chart is laid out at its size on screen, so its text is `text` px at any width.
 */
export function chartLayout(width: number, text: number) {
  const WIDTH = Math.max(260, width);
  const HEIGHT = Math.round(Math.min(440, Math.max(240, WIDTH * 0.5)));
  const MARGIN = {
    top: Math.round(text * 1.1),
    right: Math.round(text * 1.6),
    bottom: Math.round(text * 3.6),
    left: Math.round(text * 4.8),
  };
  return {
    WIDTH,
    HEIGHT,
    MARGIN,
    PLOT_W: WIDTH - MARGIN.left - MARGIN.right,
    PLOT_H: HEIGHT - MARGIN.top - MARGIN.bottom,
  };
}

/** A "nice" tick spacing (1, 2, 2.5 or 5 × 10^k) that gives about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / magnitude;
  const nice = ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 2.5 ? 2.5 : ratio <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * Domain and ticks of a log axis covering [min, max]: labelled ticks at 1·10^k (wide ranges),
 * 1, 2, 5 · 10^k (1.3 to 3 decades), 1, 2, 3, 5 · 10^k (0.6 to 1.3) or 1…9 · 10^k; the domain is
 * widened to the labelled ticks just outside the data. Minor ticks at every 1…9 · 10^k when the
 * range spans at most four decades.
 */
export function logTicks(
  min: number,
  max: number,
): { domain: [number, number]; major: number[]; minor: number[] } {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { domain: [0.1, 1], major: [0.1, 1], minor: [] };
  }
  if (max / min < 1.5) {
    const mid = Math.sqrt(min * max);
    min = mid / 1.25;
    max = mid * 1.25;
  }
  const decades = Math.log10(max / min);
  const mantissas =
    decades > 3
      ? [1]
      : decades > 1.3
        ? [1, 2, 5]
        : decades > 0.6
          ? [1, 2, 3, 5]
          : [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const candidates: number[] = [];
  for (let e = lo - 1; e <= hi; e++) {
    for (const m of mantissas) candidates.push(round(m * 10 ** e));
  }
  const below = candidates.filter((v) => v <= min * (1 + 1e-9));
  const above = candidates.filter((v) => v >= max * (1 - 1e-9));
  const d0 = below.length ? below[below.length - 1]! : min;
  const d1 = above.length ? above[0]! : max;
  const major = candidates.filter((v) => v >= d0 * (1 - 1e-9) && v <= d1 * (1 + 1e-9));
  const minor: number[] = [];
  if (decades <= 4) {
    for (let e = lo - 1; e <= hi; e++) {
      for (let m = 1; m <= 9; m++) {
        const v = round(m * 10 ** e);
        if (v > d0 && v < d1 && !major.includes(v)) minor.push(v);
      }
    }
  }
  return { domain: [d0, d1], major, minor };
}

/** A value a log axis can show. */
const drawable = (v: number) => v > 0 && Number.isFinite(v);

function round(v: number): number {
  return Number(v.toPrecision(6));
}

/** Tick label: plain decimals from 0.001 to 9999, else 1e-5 style. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(round(v));
  return v.toExponential(0).replace('e+', 'e');
}

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
  const { WIDTH, HEIGHT, MARGIN, PLOT_W, PLOT_H } = chartLayout(measured, textSize);
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
  const sx = (step: number) => MARGIN.left + (step / xMax) * PLOT_W;
  const sy = (v: number) => MARGIN.top + PLOT_H - ((Math.log10(v) - logY0) / logSpan) * PLOT_H;

  const xStep = niceStep(xMax, Math.max(2, Math.min(6, Math.floor(PLOT_W / (textSize * 5)))));
  const xTicks: number[] = [];
  for (let t = 0; t <= xMax + 1e-9; t += xStep) xTicks.push(round(t));

  return (
    <div ref={box} className="loss-chart-box">
      <svg
        className="loss-chart"
        data-testid={testId}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        style={{ fontSize: textSize }}
        role="img"
        aria-label={title ?? `${yLabel} against ${xLabel}`}
      >
        <rect x={MARGIN.left} y={MARGIN.top} width={PLOT_W} height={PLOT_H} className="plot-area" />
        {y.minor.map((v) => (
          <line
            key={`m${v}`}
            className="grid minor"
            x1={MARGIN.left}
            x2={MARGIN.left + PLOT_W}
            y1={sy(v)}
            y2={sy(v)}
          />
        ))}
        {y.major.map((v) => (
          <g key={`y${v}`}>
            <line
              className="grid"
              x1={MARGIN.left}
              x2={MARGIN.left + PLOT_W}
              y1={sy(v)}
              y2={sy(v)}
            />
            <text
              className="tick-label"
              x={MARGIN.left - textSize * 0.6}
              y={sy(v)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {formatTick(v)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line className="grid" x1={sx(t)} x2={sx(t)} y1={MARGIN.top} y2={MARGIN.top + PLOT_H} />
            <line
              className="tick"
              x1={sx(t)}
              x2={sx(t)}
              y1={MARGIN.top + PLOT_H}
              y2={MARGIN.top + PLOT_H + 6}
            />
            <text
              className="tick-label"
              x={sx(t)}
              y={MARGIN.top + PLOT_H + textSize * 1.6}
              textAnchor="middle"
            >
              {formatTick(t)}
            </text>
          </g>
        ))}
        <line
          className="axis"
          x1={MARGIN.left}
          x2={MARGIN.left + PLOT_W}
          y1={MARGIN.top + PLOT_H}
          y2={MARGIN.top + PLOT_H}
        />
        <line
          className="axis"
          x1={MARGIN.left}
          x2={MARGIN.left}
          y1={MARGIN.top}
          y2={MARGIN.top + PLOT_H}
        />
        <text
          className="axis-label"
          x={MARGIN.left + PLOT_W / 2}
          y={HEIGHT - textSize * 0.6}
          textAnchor="middle"
        >
          {xLabel}
        </text>
        <text
          className="axis-label"
          transform={`translate(${textSize * 1.2} ${MARGIN.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
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
      </svg>
    </div>
  );
}

export const LossChart = memo(LossChartImpl);
