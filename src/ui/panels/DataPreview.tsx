/**
 * A small scatter plot of the data (≈160 px): 2-D classification points coloured by label
 * (class 0 red, class 1 blue), or 1-D regression points (x, y); training points filled, test
 * points hollow.
 */
import { memo } from 'react';
import { PointsLayer, REGRESSION_POINT_COLOR } from './PointsLayer';
import { CLASS_COLORS, scale, type DataPoints, type PlotWindow } from './plot';
import './panels.css';

export interface DataPreviewProps {
  /** The data (the worker's `SessionInfo.points`). */
  points: DataPoints;
  /** [xMin, xMax, yMin, yMax] shown (the worker's `SessionInfo.window`). */
  window: PlotWindow;
  /** Width and height in CSS pixels (default 160). */
  size?: number;
}

const PAD = 6;

export const DataPreview = memo(function DataPreview({
  points,
  window,
  size = 160,
}: DataPreviewProps) {
  const [x0, x1, y0, y1] = window;
  const sx = scale(x0, x1, PAD, size - PAD);
  const sy = scale(y0, y1, size - PAD, PAD);
  const twoD = points.inputDim === 2;
  const train = points.yTrain.length;
  const test = points.yTest.length;
  const label = twoD
    ? `Data: ${train} training points (filled) and ${test} test points (hollow), class 0 red, class 1 blue`
    : `Data: ${train} training points (filled) and ${test} test points (hollow), target against input`;
  return (
    <figure className="panel data-preview">
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
        <rect className="plot-bg" x={0.5} y={0.5} width={size - 1} height={size - 1} rx={6} />
        {!twoD && y0 < 0 && y1 > 0 ? (
          <line className="plot-zero" x1={PAD} x2={size - PAD} y1={sy(0)} y2={sy(0)} />
        ) : null}
        <PointsLayer points={points} sx={sx} sy={sy} radius={size < 200 ? 2.4 : 3} />
      </svg>
      <figcaption className="panel-legend small">
        {twoD ? (
          <>
            <span>
              <Dot color={CLASS_COLORS[0]} /> class 0
            </span>
            <span>
              <Dot color={CLASS_COLORS[1]} /> class 1
            </span>
          </>
        ) : (
          <span>
            <Dot color={REGRESSION_POINT_COLOR} /> train
          </span>
        )}
        <span>
          <Dot color={twoD ? '#5b6576' : REGRESSION_POINT_COLOR} hollow /> test
        </span>
      </figcaption>
    </figure>
  );
});

export function Dot({ color, hollow }: { color: string; hollow?: boolean }) {
  return (
    <svg className="panel-dot" width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
      <circle
        cx={5}
        cy={5}
        r={3.6}
        fill={hollow ? '#ffffff' : color}
        stroke={color}
        strokeWidth={hollow ? 1.6 : 0}
      />
    </svg>
  );
}
