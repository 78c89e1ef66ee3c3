/**
 * The ensemble panel's two SVG charts (SCIENCE.md §7):
 *
 * - `EnsembleCloudMap`: every temperature's cloud of members on the view plane at one recorded
 *   step, each with its 2σ covariance ellipse (from the 2×2 plane covariance) and its mean; θ₀ as
 *   a cross. Equal scales on both axes, so an ellipse's shape is true.
 * - `EnsembleXYChart`: points against η/B on linear axes, with optional error bars and a dashed
 *   fitted line (spread vs η/B; escape fraction vs η/B).
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { AxisTitles, ChartSvg, XGrid, YGrid, chartLayout, type ChartFrame } from './chart-frame';
import { yAxis } from './ImplicitBiasChart';

/** Colours of the temperatures, cold to hot (index order). */
export const TEMPERATURE_COLORS = [
  '#1f5fbf',
  '#2f9e44',
  '#e8a200',
  '#e8590c',
  '#c92a2a',
  '#862e9c',
  '#1098ad',
  '#495057',
];

export interface CloudSeries {
  label: string;
  color: string;
  /** Members' plane coordinates (null: a diverged member). */
  a: readonly (number | null)[];
  b: readonly (number | null)[];
  mean: readonly [number, number];
  /** [caa, cab, cbb]. */
  cov: readonly [number, number, number];
}

export interface EnsembleCloudMapProps {
  clouds: readonly CloudSeries[];
  /** The fixed window [aMin, aMax, bMin, bMax] (the whole run's extent, so frames do not jump). */
  extent: readonly [number, number, number, number];
  axisLabels: readonly [string, string];
  /** θ₀ in the plane. */
  start: readonly [number, number];
  textSize?: number;
  lineScale?: number;
}

/**
 * The 1σ semi-axes and the major axis angle of the covariance [[caa, cab], [cab, cbb]] (closed-form
 * 2×2 eigen-decomposition; the page may not import the engine's `covarianceEllipse`).
 */
export function ellipseOf(
  caa: number,
  cab: number,
  cbb: number,
): { major: number; minor: number; angle: number } {
  const mean = (caa + cbb) / 2;
  const radius = Math.hypot((caa - cbb) / 2, cab);
  const angle = radius === 0 ? 0 : 0.5 * Math.atan2(2 * cab, caa - cbb);
  return {
    major: Math.sqrt(Math.max(0, mean + radius)),
    minor: Math.sqrt(Math.max(0, mean - radius)),
    angle,
  };
}

/** The ellipse {mean + 2σ·(cos t·major axis + sin t·minor axis)} as an SVG path in plot units. */
function ellipsePath(
  mean: readonly [number, number],
  cov: readonly [number, number, number],
  sx: (a: number) => number,
  sy: (b: number) => number,
): string {
  const e = ellipseOf(cov[0], cov[1], cov[2]);
  if (!Number.isFinite(e.major)) return '';
  const c = Math.cos(e.angle);
  const s = Math.sin(e.angle);
  const points: string[] = [];
  for (let i = 0; i <= 48; i++) {
    const t = (2 * Math.PI * i) / 48;
    const u = 2 * e.major * Math.cos(t);
    const v = 2 * e.minor * Math.sin(t);
    points.push(
      `${sx(mean[0] + c * u - s * v).toFixed(1)},${sy(mean[1] + s * u + c * v).toFixed(1)}`,
    );
  }
  return `M${points.join('L')}Z`;
}

function EnsembleCloudMapImpl({
  clouds,
  extent,
  axisLabels,
  start,
  textSize = 15,
  lineScale = 1,
}: EnsembleCloudMapProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(480);
  const width = Math.min(Math.max(300, measured), 600);
  const margin = {
    top: textSize,
    right: textSize * 1.5,
    bottom: textSize * 3.4,
    left: textSize * 4.6,
  };
  const plot = width - margin.left - margin.right;
  const height = plot + margin.top + margin.bottom;
  // Equal scales: the larger span sets both.
  const [a0, a1, b0, b1] = extent;
  const span = Math.max(a1 - a0, b1 - b0, 1e-12);
  const ca = (a0 + a1) / 2;
  const cb = (b0 + b1) / 2;
  const aAxis = yAxis(ca - span / 2, ca + span / 2, 'linear');
  const bAxis = yAxis(cb - span / 2, cb + span / 2, 'linear');
  const side = Math.max(aAxis.domain[1] - aAxis.domain[0], bAxis.domain[1] - bAxis.domain[0]);
  const aLo = (aAxis.domain[0] + aAxis.domain[1]) / 2 - side / 2;
  const bLo = (bAxis.domain[0] + bAxis.domain[1]) / 2 - side / 2;
  const sx = (a: number) => margin.left + ((a - aLo) / side) * plot;
  const sy = (b: number) => margin.top + plot - ((b - bLo) / side) * plot;
  const inA = aAxis.major.filter((v) => v >= aLo - 1e-12 && v <= aLo + side + 1e-12);
  const inB = bAxis.major.filter((v) => v >= bLo - 1e-12 && v <= bLo + side + 1e-12);
  const dot = 3.2 * lineScale;
  const frame: ChartFrame = {
    width,
    height,
    textSize,
    plot: { left: margin.left, top: margin.top, width: plot, height: plot },
  };
  return (
    <ChartSvg
      boxRef={box}
      frame={frame}
      testId="ensemble-cloud-map"
      title="The ensembles' members on the view plane, one colour per temperature, with their 2σ covariance ellipses"
      defs={
        <defs>
          <clipPath id="ensemble-plot-clip">
            <rect x={margin.left} y={margin.top} width={plot} height={plot} />
          </clipPath>
        </defs>
      }
    >
      <XGrid frame={frame} values={inA} sx={sx} labelDrop={1.4} />
      <YGrid frame={frame} values={inB} sy={sy} labelGap={0.5} />
      <AxisTitles frame={frame} x={axisLabels[0]} y={axisLabels[1]} yInset={1.1} />
      <g clipPath="url(#ensemble-plot-clip)">
        {/* Hottest first, so the colder (tighter) clouds are drawn on top. */}
        {[...clouds].reverse().map((cloud) => (
          <g key={cloud.label} data-testid="ensemble-cloud" data-label={cloud.label}>
            {cloud.a.map((a, j) => {
              const b = cloud.b[j];
              if (a === null || b === null || b === undefined) return null;
              return (
                <circle
                  key={j}
                  cx={sx(a)}
                  cy={sy(b)}
                  r={dot}
                  fill={cloud.color}
                  fillOpacity={0.55}
                />
              );
            })}
            <path
              d={ellipsePath(cloud.mean, cloud.cov, sx, sy)}
              fill="none"
              stroke={cloud.color}
              strokeWidth={2.5 * lineScale}
              data-testid="ensemble-ellipse"
            />
          </g>
        ))}
        <g data-testid="ensemble-start" stroke="#1a1a1a" strokeWidth={2 * lineScale}>
          <line
            x1={sx(start[0]) - 7}
            x2={sx(start[0]) + 7}
            y1={sy(start[1]) - 7}
            y2={sy(start[1]) + 7}
          />
          <line
            x1={sx(start[0]) - 7}
            x2={sx(start[0]) + 7}
            y1={sy(start[1]) + 7}
            y2={sy(start[1]) - 7}
          />
        </g>
      </g>
    </ChartSvg>
  );
}

export const EnsembleCloudMap = memo(EnsembleCloudMapImpl);

export interface XYPoint {
  x: number;
  y: number;
  /** Half-length of the error bar (±). */
  error?: number;
  color: string;
}

export interface EnsembleXYChartProps {
  points: readonly XYPoint[];
  /** A dashed line y = intercept + slope·x. */
  line?: { slope: number; intercept: number } | null;
  xLabel: string;
  yLabel: string;
  /** Fixed y-range (e.g. [0, 1] for a fraction). */
  yRange?: readonly [number, number];
  testId: string;
  title: string;
  textSize?: number;
  lineScale?: number;
}

function EnsembleXYChartImpl({
  points,
  line,
  xLabel,
  yLabel,
  yRange,
  testId,
  title,
  textSize = 15,
  lineScale = 1,
}: EnsembleXYChartProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(420);
  const frame = chartLayout(Math.min(measured, 560), textSize);
  const { plot } = frame;
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = finite.map((p) => p.x);
  const x = yAxis(0, Math.max(...xs, 1e-12), 'linear');
  const ys = finite.flatMap((p) => [p.y + (p.error ?? 0), p.y - (p.error ?? 0)]);
  const y = yRange
    ? yAxis(yRange[0], yRange[1], 'linear')
    : yAxis(Math.min(0, ...ys), Math.max(...ys, 1e-12), 'linear');
  const sx = (v: number) =>
    plot.left + ((v - x.domain[0]) / (x.domain[1] - x.domain[0] || 1)) * plot.width;
  const sy = (v: number) =>
    plot.top + plot.height - ((v - y.domain[0]) / (y.domain[1] - y.domain[0] || 1)) * plot.height;
  const clampY = (v: number) => Math.min(y.domain[1], Math.max(y.domain[0], v));
  return (
    <ChartSvg boxRef={box} frame={frame} testId={testId} title={title}>
      <YGrid frame={frame} values={y.major} sy={sy} />
      <XGrid frame={frame} values={x.major} sx={sx} />
      <AxisTitles frame={frame} x={xLabel} y={yLabel} />
      {line && (
        <line
          data-testid={`${testId}-fit`}
          x1={sx(x.domain[0])}
          x2={sx(x.domain[1])}
          y1={sy(clampY(line.intercept + line.slope * x.domain[0]))}
          y2={sy(clampY(line.intercept + line.slope * x.domain[1]))}
          stroke="#3a3a3a"
          strokeWidth={1.8 * lineScale}
          strokeDasharray="7 5"
        />
      )}
      {finite.map((p, i) => (
        <g key={i} data-testid={`${testId}-point`} data-x={p.x} data-y={p.y}>
          {p.error !== undefined && p.error > 0 && (
            <line
              x1={sx(p.x)}
              x2={sx(p.x)}
              y1={sy(clampY(p.y - p.error))}
              y2={sy(clampY(p.y + p.error))}
              stroke={p.color}
              strokeWidth={2 * lineScale}
            />
          )}
          <circle
            cx={sx(p.x)}
            cy={sy(p.y)}
            r={6 * lineScale}
            fill={p.color}
            stroke="#1a1a1a"
            strokeWidth={lineScale}
          />
        </g>
      ))}
    </ChartSvg>
  );
}

export const EnsembleXYChart = memo(EnsembleXYChartImpl);
