/**
 * The decision boundary of one run of a 2-D classifier: a heatmap of P(y = 1) on an n×n grid of
 * the input window (a canvas of n×n pixels, scaled smoothly by the browser), the data points on
 * top, and the P = 0.5 contour as a line. The colour map runs from class 0's red through white to
 * class 1's blue (d3's RdBu), so the colours match the points'.
 *
 * With C ≥ 3 classes (`classes`), `values` holds the C class probabilities per grid point and the
 * heatmap shows the predicted class in its categorical colour (class-plot.ts), paler where the
 * model is unsure; the lines are the class boundaries (where the two likeliest classes tie).
 *
 * The canvas is redrawn only when `values` (the array) or `version` changes: a producer that
 * fills `values` in place bumps `version`.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { classColor, classImage, classMarginFields } from './class-plot';
import { PointsLayer } from './PointsLayer';
import {
  boundaryCss,
  boundaryImage,
  contourLines,
  scale,
  type DataPoints,
  type PlotWindow,
} from './plot';
import './panels.css';

export interface BoundaryPlotProps {
  /**
   * P(y = 1) at each grid point, row-major [n, n]: row j is y, column i is x; with `classes`
   * C ≥ 3, the C class probabilities of each point, row-major [n, n, C].
   */
  values: Float32Array;
  /** Number of classes C (default 2: `values` is P(y = 1)). */
  classes?: number;
  /** Grid points per axis; point (i, j) is at x0 + i·(x1 − x0)/(n − 1), y0 + j·(y1 − y0)/(n − 1). */
  n: number;
  /** [xMin, xMax, yMin, yMax] of the grid. */
  window: PlotWindow;
  /** The run whose boundary this is, and its colour (for the title). */
  name: string;
  color: string;
  /** Data points drawn on top (training filled, test hollow). */
  points?: DataPoints;
  /** Bump when `values` was changed in place. */
  version?: number;
  /** Width and height of the plot in CSS pixels (default 240). */
  size?: number;
  /** The hard-margin SVM's separating line w₁x + w₂y + b = 0 as (w₁, w₂, b), drawn dashed. */
  svm?: readonly number[];
}

/**
 * The part of the line w₁x + w₂y + b = 0 inside [x0, x1] × [y0, y1]: its two ends, or null when
 * it misses the window.
 */
export function lineInWindow(
  [w1, w2, b]: readonly number[],
  [x0, x1, y0, y1]: PlotWindow,
): [[number, number], [number, number]] | null {
  const ends: [number, number][] = [];
  const add = (x: number, y: number) => {
    const inside = x >= x0 - 1e-9 && x <= x1 + 1e-9 && y >= y0 - 1e-9 && y <= y1 + 1e-9;
    if (inside && !ends.some(([u, v]) => Math.abs(u - x) < 1e-9 && Math.abs(v - y) < 1e-9))
      ends.push([x, y]);
  };
  if (w2! !== 0) for (const x of [x0, x1]) add(x, -(b! + w1! * x) / w2!);
  if (w1! !== 0) for (const y of [y0, y1]) add(-(b! + w2! * y) / w1!, y);
  return ends.length >= 2 ? [ends[0]!, ends[1]!] : null;
}

/** Draws `values` into an n×n canvas; returns false when there is no 2-D context. */
export function drawBoundary(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  n: number,
  classes = 2,
): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const image = ctx.createImageData(n, n);
  if (classes > 2) classImage(values, n, classes, image.data);
  else boundaryImage(values, n, image.data);
  ctx.putImageData(image, 0, 0);
  return true;
}

const GRADIENT = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1]
  .map((p) => `${boundaryCss(p)} ${p * 100}%`)
  .join(', ')})`;

export const BoundaryPlot = memo(function BoundaryPlot({
  values,
  n,
  window,
  name,
  color,
  points,
  version = 0,
  size = 240,
  svm,
  classes = 2,
}: BoundaryPlotProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [x0, x1, y0, y1] = window;
  const multi = classes > 2;
  const ok = n >= 2 && values.length >= n * n * (multi ? classes : 1);
  const svmEnds = svm && svm.length === 3 ? lineInWindow(svm, window) : null;

  useEffect(() => {
    if (canvasRef.current && ok) drawBoundary(canvasRef.current, values, n, classes);
    // `version` is a dependency on purpose: it signals in-place changes of `values`.
  }, [values, version, n, ok, classes]);

  // The image's pixels are centred on the grid points, so it reaches half a cell past the window.
  const hx = ok ? (x1 - x0) / (n - 1) / 2 : 0;
  const hy = ok ? (y1 - y0) / (n - 1) / 2 : 0;
  const sx = useMemo(() => scale(x0 - hx, x1 + hx, 0, size), [x0, x1, hx, size]);
  const sy = useMemo(() => scale(y0 - hy, y1 + hy, size, 0), [y0, y1, hy, size]);
  const path = useMemo(() => {
    if (!ok) return '';
    const lines = multi
      ? classMarginFields(values, n, classes).flatMap((field) =>
          contourLines(field, n, [x0, x1, y0, y1], 0),
        )
      : contourLines(values, n, [x0, x1, y0, y1], 0.5);
    return lines
      .map(
        (line) => `M${line.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('L')}`,
      )
      .join('');
    // `version`: see above.
  }, [values, version, n, ok, x0, x1, y0, y1, sx, sy, multi, classes]);

  return (
    <figure className="panel boundary-plot">
      <figcaption className="plot-title">
        <span className="run-swatch" style={{ background: color }} aria-hidden="true" />
        Decision boundary · <strong>{name}</strong>
      </figcaption>
      <div
        className="boundary-stage"
        style={{ width: size, height: size }}
        role="img"
        aria-label={
          multi
            ? `Decision regions of ${name}: the predicted one of ${classes} classes in its colour, paler where unsure, with the class boundaries`
            : `Decision boundary of ${name}: P(y = 1) from red (class 0) to blue (class 1), with the 0.5 contour`
        }
        data-classes={classes}
      >
        <canvas ref={canvasRef} width={n} height={n} className="boundary-canvas" />
        <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
          {path ? (
            <>
              <path className="boundary-contour-halo" d={path} />
              <path className="boundary-contour" d={path} data-testid="boundary-contour" />
            </>
          ) : null}
          {svmEnds ? (
            <line
              className="boundary-svm"
              data-testid="boundary-svm"
              x1={sx(svmEnds[0][0])}
              y1={sy(svmEnds[0][1])}
              x2={sx(svmEnds[1][0])}
              y2={sy(svmEnds[1][1])}
              stroke="#1b2330"
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          ) : null}
          {points ? <PointsLayer points={points} sx={sx} sy={sy} radius={3} /> : null}
        </svg>
      </div>
      {multi ? (
        <div className="boundary-scale boundary-classes" data-testid="boundary-classes">
          {Array.from({ length: classes }, (_, c) => (
            <span key={c} className="boundary-class">
              <span
                className="run-swatch"
                style={{ background: classColor(c) }}
                aria-hidden="true"
              />
              {c}
            </span>
          ))}
          <span className="boundary-key">
            <svg width={22} height={8} aria-hidden="true">
              <line x1={1} x2={21} y1={4} y2={4} className="boundary-contour" />
            </svg>
            boundary
          </span>
        </div>
      ) : (
        <div className="boundary-scale">
          <span>P(y = 1)</span>
          <span className="tick">0</span>
          <span className="bar" style={{ background: GRADIENT }} aria-hidden="true" />
          <span className="tick">1</span>
          <span className="boundary-key">
            <svg width={22} height={8} aria-hidden="true">
              <line x1={1} x2={21} y1={4} y2={4} className="boundary-contour" />
            </svg>
            0.5
          </span>
        </div>
      )}
    </figure>
  );
});
