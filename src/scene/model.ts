/**
 * What both landscape views derive from the store's landscape and height options: the height
 * transform, the normalised heights, the world frame and the contour levels. Recomputed when the
 * landscape is replaced or touched in place, or when the height options change; not on trajectory
 * updates.
 */
import { useMemo, useRef } from 'react';
import { useAppStore } from '../state/store';
import {
  computeHeights,
  createHeightTransform,
  gridFrame,
  SURFACE_HEIGHT,
  type GridFrame,
  type Heights,
  type HeightTransform,
} from './geometry';
import { contourLevels } from './contours';
import type { LandscapeView } from '../state/view-types';

/** Contour levels per landscape: enough to read the shape, few enough not to be noise. */
export const CONTOUR_COUNT = 14;

export interface LandscapeModel {
  view: LandscapeView;
  transform: HeightTransform;
  heights: Heights;
  frame: GridFrame;
  /** Contour levels of the normalised height (strictly inside (0, 1)). */
  levels: number[];
  /** The store's landscapeVersion this was computed from. */
  version: number;
}

export function buildLandscapeModel(
  view: LandscapeView,
  height: { scale: 'linear' | 'log'; clip: number },
  version: number,
  reuse?: Heights,
): LandscapeModel {
  const transform = createHeightTransform(view.values, height);
  return {
    view,
    transform,
    heights: computeHeights(view.values, transform, reuse),
    frame: gridFrame(view, SURFACE_HEIGHT),
    levels: contourLevels(CONTOUR_COUNT),
    version,
  };
}

/** The model of the store's current landscape, or null while there is none. */
export function useLandscapeModel(): LandscapeModel | null {
  const view = useAppStore((s) => s.landscape);
  const version = useAppStore((s) => s.landscapeVersion);
  const scale = useAppStore((s) => s.height.scale);
  const clip = useAppStore((s) => s.height.clip);
  // Reuse the heights buffers from one model to the next (same grid size).
  const previous = useRef<Heights | undefined>(undefined);
  const model = useMemo(
    () => (view ? buildLandscapeModel(view, { scale, clip }, version, previous.current) : null),
    [view, version, scale, clip],
  );
  previous.current = model?.heights;
  return model;
}
