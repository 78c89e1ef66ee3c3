/**
 * Data points as SVG circles: training points filled, test points hollow; 2-D classification
 * points coloured by label (CLASS_COLORS; classes ≥ 2 by `classColor`), 1-D regression points (x, y) in one neutral colour.
 * At most `maxPoints` of each split are drawn (evenly spread), so a 100 000-point set stays light.
 */
import { memo } from 'react';
import { classColor } from './class-plot';
import { CLASS_COLORS, sampleIndices, type DataPoints } from './plot';

export const REGRESSION_POINT_COLOR = '#3d4656';

export interface PointsLayerProps {
  points: DataPoints;
  /** Maps a data x to an SVG x. */
  sx(x: number): number;
  /** Maps a data y (second input, or the target in 1-D) to an SVG y. */
  sy(y: number): number;
  radius?: number;
  maxPoints?: number;
  /** Outline of filled points, so they stand out on a coloured background. */
  halo?: string;
}

function split(
  x: Float32Array,
  y: Float32Array,
  dim: number,
  test: boolean,
  { sx, sy, radius = 3, maxPoints = 1500, halo = '#ffffff' }: PointsLayerProps,
) {
  const m = y.length;
  return sampleIndices(m, maxPoints).map((k) => {
    const px = x[k * dim]!;
    const py = dim === 2 ? x[k * dim + 1]! : y[k]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) return null;
    // Labels 0/1 keep the binary colours; class indices ≥ 2 take their categorical colour.
    const label = dim === 2 ? (y[k]! > 1.5 ? Math.round(y[k]!) : y[k]! > 0.5 ? 1 : 0) : -1;
    const color =
      dim === 2
        ? label > 1
          ? classColor(label)
          : CLASS_COLORS[label as 0 | 1]
        : REGRESSION_POINT_COLOR;
    return (
      <circle
        key={k}
        cx={sx(px)}
        cy={sy(py)}
        r={radius}
        fill={test ? '#ffffff' : color}
        stroke={test ? color : halo}
        strokeWidth={test ? 1.6 : 0.9}
        data-split={test ? 'test' : 'train'}
        data-label={dim === 2 ? label : undefined}
      />
    );
  });
}

export const PointsLayer = memo(function PointsLayer(props: PointsLayerProps) {
  const { points } = props;
  const dim = points.inputDim === 2 ? 2 : 1;
  return (
    <g className="panel-points">
      <g className="train">{split(points.xTrain, points.yTrain, dim, false, props)}</g>
      <g className="test">{split(points.xTest, points.yTest, dim, true, props)}</g>
    </g>
  );
});
