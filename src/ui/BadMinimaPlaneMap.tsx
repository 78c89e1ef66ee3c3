/**
 * The plane through θ₀, the good minimum and a bad one (Huang et al. 2019, Fig. 5 style): the
 * clean training loss on it as filled contour bands (log colour), the good run's path θ₀ → good
 * and the bad run's path (from its checkpoint) projected onto it, and the three points marked.
 * Equal axis scales, so distances look as they are (PlaneLossMap draws it).
 */
import { memo, useMemo } from 'react';
import type { BadMinimaPlane } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { BAD_COLOR, GOOD_COLOR } from './bad-minima-plot';
import { PlaneLossMap } from './PlaneLossMap';

export interface BadMinimaPlaneMapProps {
  plane: BadMinimaPlane;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

const AXES = ['towards the good minimum (‖·‖)', 'towards the bad minimum'] as const;

function BadMinimaPlaneMapImpl({ plane, colormap, textSize, lineScale }: BadMinimaPlaneMapProps) {
  const paths = useMemo(
    () => [
      { id: 'good', ...plane.good, color: GOOD_COLOR, width: 3.5 },
      { id: 'bad', ...plane.badPath, color: BAD_COLOR, width: 3.5 },
    ],
    [plane],
  );
  const points = useMemo(
    () =>
      [
        { label: 'θ₀', fill: '#3a3a3a' },
        { label: 'good', fill: GOOD_COLOR },
        { label: 'bad', fill: BAD_COLOR },
      ].map(({ label, fill }, k) => ({
        label,
        a: plane.points.a[k]!,
        b: plane.points.b[k]!,
        fill,
        stroke: '#fff',
      })),
    [plane],
  );
  return (
    <PlaneLossMap
      n={plane.n}
      a={plane.a}
      b={plane.b}
      values={plane.trainLoss}
      paths={paths}
      points={points}
      pointRadius={7}
      axisLabels={AXES}
      valueLabel="clean train loss (log colour)"
      testId="bad-minima-plane"
      ariaLabel="Clean training loss on the plane through θ₀, the good minimum and a bad minimum, with both paths"
      className="bad-minima-plane"
      colormap={colormap}
      textSize={textSize}
      lineScale={lineScale}
    />
  );
}

export const BadMinimaPlaneMap = memo(BadMinimaPlaneMapImpl);
