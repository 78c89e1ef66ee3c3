/**
 * The plane through w₀, w₂ and the bend w₁ (Garipov et al. 2018, Fig. 1): the training loss on it
 * as filled contour bands (log colour, the app's colour map), the straight segment and the trained
 * curve drawn on it (the curve lies in the plane exactly), and the three points marked. The axes
 * have equal scales, so distances look as they are. Inline SVG from plain arrays.
 */
import { memo, useMemo } from 'react';
import type { ConnectPlane } from '../config/result';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands, contourLevels } from '../scene/contours';
import { formatValue, niceTicks } from '../scene/geometry';
import { useElementWidth } from '../scene/useElementSize';
import { CURVE_COLOR, logHeights, SEGMENT_COLOR } from './curve-plot';

export interface CurvePlaneMapProps {
  plane: ConnectPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

const LEVELS = contourLevels(14);

function CurvePlaneMapImpl({
  plane,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: CurvePlaneMapProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(460);
  const m = { top: textSize, right: textSize * 7, bottom: textSize * 3.4, left: textSize * 4.2 };
  const PLOT = Math.max(160, Math.min(width - m.left - m.right, 520));
  const W = m.left + PLOT + m.right;
  const H = m.top + PLOT + m.bottom;
  const { n, a, b } = plane;
  const [a0, a1, b0, b1] = [a[0]!, a[n - 1]!, b[0]!, b[n - 1]!];
  const sx = (v: number) => m.left + ((v - a0) / (a1 - a0)) * PLOT;
  const sy = (v: number) => m.top + (1 - (v - b0) / (b1 - b0)) * PLOT;
  // Grid index → plot position (d3-contour's indices: u along a, v along b).
  const px = (u: number) => m.left + (u / (n - 1)) * PLOT;
  const py = (v: number) => m.top + (1 - v / (n - 1)) * PLOT;
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const heights = useMemo(() => logHeights(plane.values), [plane.values]);
  const bands = useMemo(
    () =>
      contourBands(heights.t, n, LEVELS).map((band, k) => ({
        d: bandPath(band, px, py),
        fill: lutCss(lut, ((LEVELS[k] ?? 0) + (LEVELS[k + 1] ?? 1)) / 2),
        level: band.level,
      })),
    // px, py depend only on n, PLOT and the margins (textSize).
    [heights, n, lut, PLOT, textSize],
  );
  const line = (path: { a: number[]; b: number[] }) =>
    path.a.map((v, i) => `${sx(v).toFixed(1)},${sy(path.b[i]!).toFixed(1)}`).join(' ');
  const w = lineScale;
  const labels = ['w₀', 'w₁', 'w₂'];
  const cbX = m.left + PLOT + textSize * 1.2;
  return (
    <div ref={ref} className="curve-plane-map">
      <svg
        width={W}
        height={H}
        role="img"
        data-testid="curve-plane"
        aria-label="Training loss on the plane through the two minima and the bend, with the straight segment and the trained curve"
        style={{ fontSize: textSize }}
      >
        <rect x={m.left} y={m.top} width={PLOT} height={PLOT} fill={lutCss(lut, LEVELS[0]! / 2)} />
        {bands.map((band) => (
          <path key={band.level} d={band.d} fill={band.fill} />
        ))}
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
          {plane.axisLabels[0]}
        </text>
        <text
          x={textSize}
          y={m.top + PLOT / 2}
          textAnchor="middle"
          transform={`rotate(-90 ${textSize} ${m.top + PLOT / 2})`}
        >
          {plane.axisLabels[1]}
        </text>
        {[
          { path: plane.segment, color: SEGMENT_COLOR, id: 'segment' },
          { path: plane.curve, color: CURVE_COLOR, id: 'curve' },
        ].map(({ path, color, id }) => (
          <g key={id} data-path={id}>
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
              stroke={color}
              strokeWidth={4 * w}
              strokeLinejoin="round"
            />
          </g>
        ))}
        {labels.map((label, k) => {
          const x = sx(plane.points.a[k]!);
          const y = sy(plane.points.b[k]!);
          return (
            <g key={label} data-point={label}>
              <circle
                cx={x}
                cy={y}
                r={6 * w}
                fill={k === 1 ? CURVE_COLOR : '#fff'}
                stroke={k === 1 ? '#fff' : SEGMENT_COLOR}
                strokeWidth={2.5 * w}
              />
              <text
                x={x}
                y={y - 12 * w}
                textAnchor="middle"
                className="point-label"
                paintOrder="stroke"
                stroke="#fff"
                strokeWidth={4}
              >
                {label}
              </text>
            </g>
          );
        })}
        <defs>
          <linearGradient id="curve-plane-cbar" x1="0" y1="1" x2="0" y2="0">
            {Array.from({ length: 17 }, (_, k) => (
              <stop key={k} offset={k / 16} stopColor={lutCss(lut, k / 16)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={cbX} y={m.top} width={textSize} height={PLOT} fill="url(#curve-plane-cbar)" />
        <rect x={cbX} y={m.top} width={textSize} height={PLOT} className="plot-frame" />
        <text x={cbX + textSize * 1.3} y={m.top + textSize * 0.5} dominantBaseline="middle">
          {formatValue(heights.hi)}
        </text>
        <text x={cbX + textSize * 1.3} y={m.top + PLOT - textSize * 0.5} dominantBaseline="middle">
          {formatValue(heights.lo)}
        </text>
        <text
          x={cbX + textSize * 2.2}
          y={m.top + PLOT / 2}
          textAnchor="middle"
          transform={`rotate(-90 ${cbX + textSize * 2.2} ${m.top + PLOT / 2})`}
        >
          train loss (log colour)
        </text>
      </svg>
    </div>
  );
}

export const CurvePlaneMap = memo(CurvePlaneMapImpl);
