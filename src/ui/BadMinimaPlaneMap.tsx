/**
 * The plane through θ₀, the good minimum and a bad one (Huang et al. 2019, Fig. 5 style): the
 * clean training loss on it as filled contour bands (log colour), the good run's path θ₀ → good
 * and the bad run's path (from its checkpoint) projected onto it, and the three points marked.
 * Equal axis scales, so distances look as they are. Inline SVG from plain arrays.
 */
import { memo, useMemo } from 'react';
import type { BadMinimaPlane } from '../config/result';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands, contourLevels } from '../scene/contours';
import { formatValue, niceTicks } from '../scene/geometry';
import { useElementWidth } from '../scene/useElementSize';
import { BAD_COLOR, GOOD_COLOR } from './bad-minima-plot';
import { logHeights } from './curve-plot';

export interface BadMinimaPlaneMapProps {
  plane: BadMinimaPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

const LEVELS = contourLevels(14);

function BadMinimaPlaneMapImpl({
  plane,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: BadMinimaPlaneMapProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(460);
  const m = { top: textSize, right: textSize * 7, bottom: textSize * 3.4, left: textSize * 4.2 };
  const PLOT = Math.max(160, Math.min(width - m.left - m.right, 520));
  const W = m.left + PLOT + m.right;
  const H = m.top + PLOT + m.bottom;
  const { n, a, b } = plane;
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
  // Grid index → plot position.
  const gx = (u: number) => sx(a[0]! + (u / (n - 1)) * (a[n - 1]! - a[0]!));
  const gy = (v: number) => sy(b[0]! + (v / (n - 1)) * (b[n - 1]! - b[0]!));
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const heights = useMemo(() => logHeights(plane.trainLoss), [plane.trainLoss]);
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
  const line = (path: { a: number[]; b: number[] }) =>
    path.a.map((v, i) => `${sx(v).toFixed(1)},${sy(path.b[i]!).toFixed(1)}`).join(' ');
  const w = lineScale;
  const labels = ['θ₀', 'good', 'bad'];
  const colors = ['#3a3a3a', GOOD_COLOR, BAD_COLOR];
  const cbX = m.left + PLOT + textSize * 1.2;
  const gridLeft = sx(a[0]!);
  const gridTop = sy(b[n - 1]!);
  const gridW = sx(a[n - 1]!) - gridLeft;
  const gridH = sy(b[0]!) - gridTop;
  return (
    <div ref={ref} className="bad-minima-plane">
      <svg
        width={W}
        height={H}
        role="img"
        data-testid="bad-minima-plane"
        aria-label="Clean training loss on the plane through θ₀, the good minimum and a bad minimum, with both paths"
        style={{ fontSize: textSize }}
      >
        <clipPath id="bad-minima-plane-clip">
          <rect x={m.left} y={m.top} width={PLOT} height={PLOT} />
        </clipPath>
        <rect x={m.left} y={m.top} width={PLOT} height={PLOT} fill="#f4f4f4" />
        <rect
          x={gridLeft}
          y={gridTop}
          width={gridW}
          height={gridH}
          fill={lutCss(lut, LEVELS[0]! / 2)}
        />
        <g clipPath="url(#bad-minima-plane-clip)">
          {bands.map((band) => (
            <path key={band.level} d={band.d} fill={band.fill} />
          ))}
          {[
            { path: plane.good, color: GOOD_COLOR, id: 'good' },
            { path: plane.badPath, color: BAD_COLOR, id: 'bad' },
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
                strokeWidth={3.5 * w}
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
                  r={7 * w}
                  fill={colors[k]}
                  stroke="#fff"
                  strokeWidth={2.5 * w}
                />
                <text
                  x={x}
                  y={y - 13 * w}
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
          towards the good minimum (‖·‖)
        </text>
        <text
          x={textSize}
          y={m.top + PLOT / 2}
          textAnchor="middle"
          transform={`rotate(-90 ${textSize} ${m.top + PLOT / 2})`}
        >
          towards the bad minimum
        </text>
        <defs>
          <linearGradient id="bad-minima-plane-cbar" x1="0" y1="1" x2="0" y2="0">
            {Array.from({ length: 17 }, (_, k) => (
              <stop key={k} offset={k / 16} stopColor={lutCss(lut, k / 16)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={cbX} y={m.top} width={textSize} height={PLOT} fill="url(#bad-minima-plane-cbar)" />
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
          clean train loss (log colour)
        </text>
      </svg>
    </div>
  );
}

export const BadMinimaPlaneMap = memo(BadMinimaPlaneMapImpl);
