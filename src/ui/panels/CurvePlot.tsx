/**
 * 1-D regression: the data points and every run's fitted curve ŷ(x), as an SVG plot with axes,
 * grid lines and a legend. Curves are clipped to the window; a non-finite prediction breaks the
 * curve instead of drawing a spike.
 */
import { memo, useId, useMemo } from 'react';
import { useElementWidth } from '../../scene/useElementSize';
import { VerticalText } from '../chart-frame';
import { PointsLayer } from './PointsLayer';
import { formatTick, linearTicks, scale, type DataPoints, type PlotWindow } from './plot';
import './panels.css';

export interface CurvePlotProps {
  /** Inputs at which the curves are given [nx]. */
  x: Float32Array;
  /** Every run's prediction at `x`, row-major [K, nx]. */
  y: Float32Array;
  /** Colour and name of each run [K]. */
  colors: readonly string[];
  names: readonly string[];
  /** The data (inputDim 1): training points filled, test points hollow. */
  points?: DataPoints;
  /** [xMin, xMax, yMin, yMax] shown. */
  window: PlotWindow;
  /** Bump when `y` was changed in place. */
  version?: number;
  /** Width before the plot has been measured (it is laid out at its width on screen). */
  width?: number;
  height?: number;
  /** Size of the tick and axis text in CSS pixels (default 15; lecture mode 20). */
  textSize?: number;
  /**
   * Training points to ring as "dynamic outliers" (indices into `points.xTrain`), e.g. the largest
   * residuals of the tanh model's exact fit at the landscape's reference point.
   */
  outliers?: readonly number[];
}

/** Colour of the rings around dynamic outliers (an orange that no run colour or point uses). */
export const OUTLIER_COLOR = '#e66100';

/** Margins for `text` px labels. */
function margins(text: number) {
  return {
    top: Math.round(text * 0.8),
    right: Math.round(text * 1.2),
    bottom: Math.round(text * 2.8),
    left: Math.round(text * 3.8),
  };
}

/** SVG path of one curve; non-finite values start a new piece. */
export function curvePath(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  offset: number,
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < x.length; i++) {
    const yi = y[offset + i]!;
    const xi = x[i]!;
    if (!Number.isFinite(yi) || !Number.isFinite(xi)) {
      pen = false;
      continue;
    }
    // Far-off values are clamped well outside the plot so the clip path cuts them cleanly.
    const py = Math.max(-1e4, Math.min(1e4, sy(yi)));
    d += `${pen ? 'L' : 'M'}${sx(xi).toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export const CurvePlot = memo(function CurvePlot({
  x,
  y,
  colors,
  names,
  points,
  window,
  version = 0,
  width: initialWidth = 480,
  height = 300,
  textSize = 15,
  outliers,
}: CurvePlotProps) {
  const [box, width] = useElementWidth<HTMLElement>(initialWidth);
  const M = margins(textSize);
  const clipId = `curve-clip-${useId().replace(/[^\w-]/g, '')}`;
  const [x0, x1, y0, y1] = window;
  const sx = useMemo(
    () => scale(x0, x1, M.left, width - M.right),
    [x0, x1, width, M.left, M.right],
  );
  const sy = useMemo(
    () => scale(y0, y1, height - M.bottom, M.top),
    [y0, y1, height, M.bottom, M.top],
  );
  const nx = x.length;
  const k = nx ? Math.floor(y.length / nx) : 0;
  const paths = useMemo(
    () => Array.from({ length: k }, (_, r) => curvePath(x, y, r * nx, sx, sy)),
    // `version`: in-place changes of `y`.
    [x, y, version, k, nx, sx, sy],
  );
  const xTicks = linearTicks(x0, x1, Math.max(2, Math.round(width / (textSize * 6))));
  const yTicks = linearTicks(y0, y1, Math.max(2, Math.round(height / 60)));
  const left = M.left;
  const right = width - M.right;
  const top = M.top;
  const bottom = height - M.bottom;

  return (
    <figure className="panel curve-plot" ref={box}>
      <svg
        width="100%"
        viewBox={`0 0 ${width} ${height}`}
        style={{ fontSize: textSize }}
        role="img"
        aria-label={`Fitted curves of ${names.join(', ')} over the data`}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={left} y={top} width={right - left} height={bottom - top} />
          </clipPath>
        </defs>
        <rect className="plot-bg" x={left} y={top} width={right - left} height={bottom - top} />
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line className="plot-grid" x1={sx(t)} x2={sx(t)} y1={top} y2={bottom} />
            <line className="plot-axis" x1={sx(t)} x2={sx(t)} y1={bottom} y2={bottom + 5} />
            <text className="plot-tick" x={sx(t)} y={bottom + textSize * 1.4} textAnchor="middle">
              {formatTick(t)}
            </text>
          </g>
        ))}
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="plot-grid" x1={left} x2={right} y1={sy(t)} y2={sy(t)} />
            <line className="plot-axis" x1={left - 5} x2={left} y1={sy(t)} y2={sy(t)} />
            <text
              className="plot-tick"
              x={left - 8}
              y={sy(t)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {formatTick(t)}
            </text>
          </g>
        ))}
        <line className="plot-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
        <line className="plot-axis" x1={left} x2={left} y1={top} y2={bottom} />
        <text
          className="plot-label"
          x={(left + right) / 2}
          y={height - textSize * 0.3}
          textAnchor="middle"
        >
          x
        </text>
        <VerticalText className="plot-label" x={textSize} y={(top + bottom) / 2}>
          y
        </VerticalText>
        <g clipPath={`url(#${clipId})`}>
          {points ? <PointsLayer points={points} sx={sx} sy={sy} radius={3} /> : null}
          {paths.map((d, r) => (
            <path key={r} className="curve-line" d={d} stroke={colors[r] ?? '#333'} data-run={r} />
          ))}
          {points && outliers
            ? outliers.map((k) => {
                const px = points.xTrain[k];
                const py = points.yTrain[k];
                if (px === undefined || py === undefined) return null;
                return (
                  <circle
                    key={`o${k}`}
                    className="curve-outlier"
                    cx={sx(px)}
                    cy={sy(py)}
                    r={Math.max(7, textSize * 0.5)}
                    fill="none"
                    stroke={OUTLIER_COLOR}
                    strokeWidth={Math.max(2.5, textSize * 0.16)}
                    data-outlier={k}
                  />
                );
              })
            : null}
        </g>
      </svg>
      <figcaption className="panel-legend">
        {names.slice(0, k).map((name, r) => (
          <span key={r}>
            <span className="swatch-line" style={{ background: colors[r] }} aria-hidden="true" />
            {name}
          </span>
        ))}
        {points ? <span className="muted">● train ○ test</span> : null}
        {points && outliers?.length ? (
          <span title="The training points the exact fit at the landscape’s reference point fits worst: they create the local minima of the (w, shift) surface">
            <span style={{ color: OUTLIER_COLOR, fontWeight: 700 }} aria-hidden="true">
              ◯
            </span>{' '}
            dynamic outliers (largest residuals)
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
});
