/**
 * The plane through w₀, w₂ and the bend w₁ (Garipov et al. 2018, Fig. 1): the training loss on it
 * as filled contour bands (log colour, the app's colour map), the straight segment and the trained
 * curve drawn on it (the curve lies in the plane exactly), and the three points marked. The axes
 * have equal scales, so distances look as they are (PlaneLossMap draws it).
 */
import { memo } from 'react';
import type { ConnectPlane } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { CURVE_COLOR, SEGMENT_COLOR } from './curve-plot';
import { ThreePointPlaneMap, type PointMark } from './ThreePointPlaneMap';

export interface CurvePlaneMapProps {
  plane: ConnectPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

/** The straight segment w₀ → w₂ and the trained curve. */
const segmentAndCurve = (plane: ConnectPlane) => [
  { id: 'segment', ...plane.segment, color: SEGMENT_COLOR, width: 4 },
  { id: 'curve', ...plane.curve, color: CURVE_COLOR, width: 4 },
];

/** w₀ and w₂ hollow on the segment's colour, the bend w₁ filled in the curve's. */
const MARKS: readonly [PointMark, PointMark, PointMark] = [
  { label: 'w₀', fill: '#fff', stroke: SEGMENT_COLOR },
  { label: 'w₁', fill: CURVE_COLOR, stroke: '#fff' },
  { label: 'w₂', fill: '#fff', stroke: SEGMENT_COLOR },
];

function CurvePlaneMapImpl({ plane, ...look }: CurvePlaneMapProps) {
  return (
    <ThreePointPlaneMap
      plane={plane}
      paths={segmentAndCurve}
      marks={MARKS}
      values={plane.values}
      pointRadius={6}
      axisLabels={plane.axisLabels}
      valueLabel="train loss (log colour)"
      testId="curve-plane"
      ariaLabel="Training loss on the plane through the two minima and the bend, with the straight segment and the trained curve"
      className="curve-plane-map"
      {...look}
    />
  );
}

export const CurvePlaneMap = memo(CurvePlaneMapImpl);
