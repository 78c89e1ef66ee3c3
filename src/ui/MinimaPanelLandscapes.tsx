/**
 * The two minima's 2-D training-loss landscapes side by side, on ONE colour scale: filled contour
 * bands of log₁₀ loss on the domain shared by both planes (`sharedScale`), the minimum marked at
 * (0, 0), axes in the filter-normalised plane coordinates (α, β), and one colour bar for both
 * (`LossMapPair`).
 */
import { memo, useMemo } from 'react';
import type { MinimumAnalysis } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { LossMapPair, type LossMap } from './LossMapPair';
import type { SharedScale } from './MinimaPanel.scale';

/** Contour levels of the shared scale (bands: one more than levels). */
export const LANDSCAPE_LEVELS = 14;

export interface MinimaLandscapesProps {
  minima: readonly [MinimumAnalysis, MinimumAnalysis];
  scale: SharedScale;
  names: readonly [string, string];
  colors: readonly [string, string];
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

function minimumMap(side: number, minimum: MinimumAnalysis, name: string, color: string): LossMap {
  return {
    key: String(side),
    title: (
      <>
        <tspan fill={color} fontWeight={700}>
          ●{' '}
        </tspan>
        {name}
      </>
    ),
    data: { 'data-run': minimum.run },
    a: minimum.plane.coords,
    b: minimum.plane.coords,
    values: minimum.plane.values,
    // The minimum itself, at the plane's origin.
    marker: { a: 0, b: 0, color, filled: false },
  };
}

function MinimaLandscapesImpl({
  minima,
  scale,
  names,
  colors,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: MinimaLandscapesProps) {
  const maps = useMemo(
    (): readonly [LossMap, LossMap] => [
      minimumMap(0, minima[0], names[0], colors[0]),
      minimumMap(1, minima[1], names[1], colors[1]),
    ],
    [minima, names, colors],
  );
  return (
    <LossMapPair
      maps={maps}
      scale={scale}
      levels={LANDSCAPE_LEVELS}
      testId="minima"
      ariaLabel="Training loss around each minimum on a filter-normalised random plane, one colour scale (log loss) for both"
      axisLabels={['α', 'β']}
      barLabel="train loss"
      colormap={colormap}
      textSize={textSize}
      lineScale={lineScale}
    />
  );
}

export const MinimaLandscapes = memo(MinimaLandscapesImpl);
