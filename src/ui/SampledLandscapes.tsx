/**
 * The training loss L and the loss an importance sampler sees, L_p(θ) = Σᵢ pᵢ ℓᵢ(θ) with p frozen
 * at the run's θ_k (SCIENCE.md §7, `engine/noise/sampled-landscape.ts`), side by side on the
 * landscape's plane grid and on ONE log colour scale (`sharedScale`, as the minima card): filled
 * contour bands, the run's marker at θ_k, one colour bar for both (`LossMapPair`).
 */
import { memo, useMemo } from 'react';
import type { ColormapName } from '../scene/colormap';
import { LossMapPair, type LossMap } from './LossMapPair';
import { sharedScale } from './MinimaPanel.scale';

/** Contour levels of the shared scale (bands: one more than levels). */
export const SAMPLED_LEVELS = 14;

export interface SampledLandscapesProps {
  /** Grid coordinates along d₁ and d₂ [n] each, increasing and evenly spaced. */
  a: readonly number[];
  b: readonly number[];
  /** L and L_p, row-major over b then a [n²]: index j·n + i is (a_i, b_j). */
  trainLoss: readonly number[];
  sampledLoss: readonly number[];
  /** The run's θ_k in plane coordinates, its colour and name. */
  marker: { a: number; b: number };
  color: string;
  axisLabels: readonly [string, string];
  colormap?: ColormapName;
  textSize?: number;
}

function SampledLandscapesImpl({
  a,
  b,
  trainLoss,
  sampledLoss,
  marker,
  color,
  axisLabels,
  colormap = 'viridis',
  textSize = 15,
}: SampledLandscapesProps) {
  const scale = useMemo(
    () => sharedScale([{ values: trainLoss }, { values: sampledLoss }]),
    [trainLoss, sampledLoss],
  );
  const maps = useMemo((): readonly [LossMap, LossMap] => {
    const mark = { a: marker.a, b: marker.b, color, filled: true };
    return [
      {
        key: 'train',
        title: 'Training loss L',
        data: { 'data-map': 'train' },
        a,
        b,
        values: trainLoss,
        marker: mark,
      },
      {
        key: 'sampled',
        title: 'Sampler’s loss L_p = Σ pᵢℓᵢ',
        data: { 'data-map': 'sampled' },
        a,
        b,
        values: sampledLoss,
        marker: mark,
      },
    ];
  }, [a, b, trainLoss, sampledLoss, marker.a, marker.b, color]);
  return (
    <LossMapPair
      maps={maps}
      scale={scale}
      levels={SAMPLED_LEVELS}
      testId="sampled"
      ariaLabel="Training loss and the importance sampler's loss on the landscape plane, one colour scale (log loss) for both"
      axisLabels={axisLabels}
      barLabel="loss"
      colormap={colormap}
      textSize={textSize}
    />
  );
}

export const SampledLandscapes = memo(SampledLandscapesImpl);
