/**
 * The plane through w₀, w₂ and the bend w₁ (Garipov et al. 2018, Fig. 1): the training loss on it
 * as filled contour bands (log colour, the app's colour map), the straight segment and the trained
 * curve drawn on it (the curve lies in the plane exactly), and the three points marked. The axes
 * have equal scales, so distances look as they are (PlaneLossMap draws it).
 */
import { memo, useMemo } from 'react';
import type { ConnectPlane } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { CURVE_COLOR, SEGMENT_COLOR } from './curve-plot';
import { PlaneLossMap } from './PlaneLossMap';

export interface CurvePlaneMapProps {
  plane: ConnectPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

function CurvePlaneMapImpl({ plane, colormap, textSize, lineScale }: CurvePlaneMapProps) {
  const paths = useMemo(
    () => [
      { id: 'segment', ...plane.segment, color: SEGMENT_COLOR, width: 4 },
      { id: 'curve', ...plane.curve, color: CURVE_COLOR, width: 4 },
    ],
    [plane],
  );
  // w₀ and w₂ hollow on the segment's colour, the bend w₁ filled in the curve's.
  const points = useMemo(
    () =>
      ['w₀', 'w₁', 'w₂'].map((label, k) => ({
        label,
        a: plane.points.a[k]!,
        b: plane.points.b[k]!,
        fill: k === 1 ? CURVE_COLOR : '#fff',
        stroke: k === 1 ? '#fff' : SEGMENT_COLOR,
      })),
    [plane],
  );
  return (
    <PlaneLossMap
      n={plane.n}
      a={plane.a}
      b={plane.b}
      values={plane.values}
      paths={paths}
      points={points}
      pointRadius={6}
      axisLabels={plane.axisLabels}
      valueLabel="train loss (log colour)"
      testId="curve-plane"
      ariaLabel="Training loss on the plane through the two minima and the bend, with the straight segment and the trained curve"
      className="curve-plane-map"
      colormap={colormap}
      textSize={textSize}
      lineScale={lineScale}
    />
  );
}

export const CurvePlaneMap = memo(CurvePlaneMapImpl);
