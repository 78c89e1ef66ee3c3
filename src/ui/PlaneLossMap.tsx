/**
 * A loss on a plane of parameter space as filled contour bands (log colour, the app's colour map),
 * paths drawn on it and marked points, with a colour bar. The axes have equal scales (the longer
 * range sets the scale, the other is centred), so distances look as they are; where the grid does
 * not fill the square, the plot shows grey. Inline SVG from plain arrays, drawn at its size on
 * screen so its text is `textSize` px at any width.
 *
 * Shared by the mode-connecting curve's plane (CurvePlaneMap: w₀, w₁, w₂, the segment and the
 * curve) and the bad-minima plane (BadMinimaPlaneMap: θ₀, good and bad, both paths).
 */
import { memo, useId, useMemo } from 'react';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands, contourLevels } from '../scene/contours';
import { formatValue, niceTicks } from '../scene/geometry';
import { useElementWidth } from '../scene/useElementSize';
import { VerticalText } from './chart-frame';
import { logHeights } from './curve-plot';

/** A path in plane coordinates, drawn as a coloured line over a white halo. */
export interface PlaneMapPath {
  /** Its `data-path` attribute. */
  id: string;
  a: readonly number[];
  b: readonly number[];
  color: string;
  /** Line width in px (times `lineScale`); the halo is 7 px. */
  width: number;
}

/** A marked point: a circle and its label above it. */
export interface PlaneMapPoint {
  /** Its label and `data-point` attribute. */
  label: string;
  a: number;
  b: number;
  fill: string;
  stroke: string;
}

export interface PlaneLossMapProps {
  /** Grid points per axis, and their coordinates [n] (ascending). */
  n: number;
  a: readonly number[];
  b: readonly number[];
  /** The loss, row-major [n_b, n_a]: the value at (a[i], b[j]) is [j·n + i]. */
  values: readonly number[];
  paths: readonly PlaneMapPath[];
  points: readonly PlaneMapPoint[];
  /** Radius of the points' circles in px (times `lineScale`). */
  pointRadius: number;
  /** Labels of the horizontal and the vertical axis. */
  axisLabels: readonly [string, string];
  /** The colour bar's label, e.g. "train loss (log colour)". */
  valueLabel: string;
  testId: string;
  ariaLabel: string;
  className: string;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

const LEVELS = contourLevels(14);

function PlaneLossMapImpl({
  n,
  a,
  b,
  values,
  paths,
  points,
  pointRadius,
  axisLabels,
  valueLabel,
  testId,
  ariaLabel,
  className,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: PlaneLossMapProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(460);
  // Ids unique on the page (useId's colons do not belong in url(#…)).
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const clipId = `${className}-clip-${uid}`;
  const barId = `${className}-cbar-${uid}`;
  const m = { top: textSize, right: textSize * 7, bottom: textSize * 3.4, left: textSize * 4.2 };
  const PLOT = Math.max(160, Math.min(width - m.left - m.right, 520));
  const W = m.left + PLOT + m.right;
  const H = m.top + PLOT + m.bottom;
  // Equal scales: the longer axis range sets the scale, the other is centred.
  const [a0, a1, b0, b1] = useMemo(() => {
    const spanA = a[n - 1]! - a[0]!;
    const spanB = b[n - 1]! - b[0]!;
    const span = Math.max(spanA, spanB);
    const ca = (a[0]! + a[n - 1]!) / 2;
    const cb = (b[0]! + b[n - 1]!) / 2;
    return [ca - span / 2, ca + span / 2, cb - span / 2, cb + span / 2];
  }, [a, b, n]);
  const sx = (v: number) => m.left + ((v - a0) / (a1 - a0)) * PLOT;
  const sy = (v: number) => m.top + (1 - (v - b0) / (b1 - b0)) * PLOT;
  // Grid index → plot position (d3-contour's indices: u along a, v along b).
  const gx = (u: number) => sx(a[0]! + (u / (n - 1)) * (a[n - 1]! - a[0]!));
  const gy = (v: number) => sy(b[0]! + (v / (n - 1)) * (b[n - 1]! - b[0]!));
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const heights = useMemo(() => logHeights(values), [values]);
  const bands = useMemo(
    () =>
      contourBands(heights.t, n, LEVELS).map((band, k) => ({
        d: bandPath(band, gx, gy),
        fill: lutCss(lut, ((LEVELS[k] ?? 0) + (LEVELS[k + 1] ?? 1)) / 2),
        level: band.level,
      })),
    // gx, gy depend only on the grid, PLOT and the margins (textSize).
    [heights, n, lut, PLOT, textSize, a0, b0],
  );
  const line = (path: PlaneMapPath) =>
    path.a.map((v, i) => `${sx(v).toFixed(1)},${sy(path.b[i]!).toFixed(1)}`).join(' ');
  const w = lineScale;
  const cbX = m.left + PLOT + textSize * 1.2;
  const gridLeft = sx(a[0]!);
  const gridTop = sy(b[n - 1]!);
  return (
    <div ref={ref} className={className}>
      <svg
        width={W}
        height={H}
        role="img"
        data-testid={testId}
        aria-label={ariaLabel}
        style={{ fontSize: textSize }}
      >
        <clipPath id={clipId}>
          <rect x={m.left} y={m.top} width={PLOT} height={PLOT} />
        </clipPath>
        <rect x={m.left} y={m.top} width={PLOT} height={PLOT} fill="#f4f4f4" />
        <rect
          x={gridLeft}
          y={gridTop}
          width={sx(a[n - 1]!) - gridLeft}
          height={sy(b[0]!) - gridTop}
          fill={lutCss(lut, LEVELS[0]! / 2)}
        />
        <g clipPath={`url(#${clipId})`}>
          {bands.map((band) => (
            <path key={band.level} d={band.d} fill={band.fill} />
          ))}
          {paths.map((path) => (
            <g key={path.id} data-path={path.id}>
              <polyline
                points={line(path)}
                fill="none"
                stroke="#fff"
                strokeWidth={7 * w}
                strokeLinejoin="round"
              />
              <polyline
                points={line(path)}
                fill="none"
                stroke={path.color}
                strokeWidth={path.width * w}
                strokeLinejoin="round"
              />
            </g>
          ))}
          {points.map((point) => {
            const x = sx(point.a);
            const y = sy(point.b);
            return (
              <g key={point.label} data-point={point.label}>
                <circle
                  cx={x}
                  cy={y}
                  r={pointRadius * w}
                  fill={point.fill}
                  stroke={point.stroke}
                  strokeWidth={2.5 * w}
                />
                <text
                  x={x}
                  y={y - (pointRadius + 6) * w}
                  textAnchor="middle"
                  className="point-label"
                  paintOrder="stroke"
                  stroke="#fff"
                  strokeWidth={4}
                >
                  {point.label}
                </text>
              </g>
            );
          })}
        </g>
        <rect x={m.left} y={m.top} width={PLOT} height={PLOT} className="plot-frame" />
        {niceTicks(a0, a1, 4)
          .filter((v) => v >= a0 && v <= a1)
          .map((v) => (
            <text key={`a${v}`} x={sx(v)} y={m.top + PLOT + textSize * 1.2} textAnchor="middle">
              {formatValue(v)}
            </text>
          ))}
        {niceTicks(b0, b1, 4)
          .filter((v) => v >= b0 && v <= b1)
          .map((v) => (
            <text key={`b${v}`} x={m.left - 6} y={sy(v)} textAnchor="end" dominantBaseline="middle">
              {formatValue(v)}
            </text>
          ))}
        <text x={m.left + PLOT / 2} y={H - 4} textAnchor="middle">
          {axisLabels[0]}
        </text>
        <VerticalText x={textSize} y={m.top + PLOT / 2}>
          {axisLabels[1]}
        </VerticalText>
        <defs>
          <linearGradient id={barId} x1="0" y1="1" x2="0" y2="0">
            {Array.from({ length: 17 }, (_, k) => (
              <stop key={k} offset={k / 16} stopColor={lutCss(lut, k / 16)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={cbX} y={m.top} width={textSize} height={PLOT} fill={`url(#${barId})`} />
        <rect x={cbX} y={m.top} width={textSize} height={PLOT} className="plot-frame" />
        <text x={cbX + textSize * 1.3} y={m.top + textSize * 0.5} dominantBaseline="middle">
          {formatValue(heights.hi)}
        </text>
        <text x={cbX + textSize * 1.3} y={m.top + PLOT - textSize * 0.5} dominantBaseline="middle">
          {formatValue(heights.lo)}
        </text>
        <VerticalText x={cbX + textSize * 2.2} y={m.top + PLOT / 2}>
          {valueLabel}
        </VerticalText>
      </svg>
    </div>
  );
}

export const PlaneLossMap = memo(PlaneLossMapImpl);
