/**
 * The plane through θ₀, the good minimum and a bad one (Huang et al. 2019, Fig. 5 style): the
 * clean training loss on it as filled contour bands (log colour), the good run's path θ₀ → good
 * and the bad run's path (from its checkpoint) projected onto it, and the three points marked.
 * Equal axis scales, so distances look as they are (PlaneLossMap draws it).
 */
import { memo } from 'react';
import type { BadMinimaPlane } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { BAD_COLOR, GOOD_COLOR } from './bad-minima-plot';
import { ThreePointPlaneMap, type PointMark } from './ThreePointPlaneMap';

export interface BadMinimaPlaneMapProps {
  plane: BadMinimaPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

const AXES = ['towards the good minimum (‖·‖)', 'towards the bad minimum'] as const;

/** The good run's path θ₀ → good and the bad run's path from its checkpoint. */
const bothPaths = (plane: BadMinimaPlane) => [
  { id: 'good', ...plane.good, color: GOOD_COLOR, width: 3.5 },
  { id: 'bad', ...plane.badPath, color: BAD_COLOR, width: 3.5 },
];

/** θ₀ dark grey, the good and the bad minimum in their colours. */
const MARKS: readonly [PointMark, PointMark, PointMark] = [
  { label: 'θ₀', fill: '#3a3a3a', stroke: '#fff' },
  { label: 'good', fill: GOOD_COLOR, stroke: '#fff' },
  { label: 'bad', fill: BAD_COLOR, stroke: '#fff' },
];

function BadMinimaPlaneMapImpl({ plane, ...look }: BadMinimaPlaneMapProps) {
  return (
    <ThreePointPlaneMap
      plane={plane}
      paths={bothPaths}
      marks={MARKS}
      values={plane.trainLoss}
      pointRadius={7}
      axisLabels={AXES}
      valueLabel="clean train loss (log colour)"
      testId="bad-minima-plane"
      ariaLabel="Clean training loss on the plane through θ₀, the good minimum and a bad minimum, with both paths"
      className="bad-minima-plane"
      {...look}
    />
  );
}

export const BadMinimaPlaneMap = memo(BadMinimaPlaneMapImpl);
