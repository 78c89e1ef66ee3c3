/**
 * Input-space grids on which the selected model is drawn: the decision boundary of a 2-D
 * classifier and the fitted curves of a 1-D regression. Coordinates come from the landscape's
 * integer-indexed `gridCoordinates` (both ends exact).
 */
import { gridCoordinates } from '../engine/landscape/grid';

/** Points per side of the decision-boundary grid, and points of a fitted curve. */
export const BOUNDARY_N = 48;
export const CURVE_N = 120;

/** The n×n grid of the window [x0, x1, y0, y1] as rows (x, y), row-major over y then x: [n², 2]. */
export function boundaryGrid(
  window: [number, number, number, number],
  n = BOUNDARY_N,
): Float32Array {
  const xs = gridCoordinates(n, window[0], window[1]);
  const ys = gridCoordinates(n, window[2], window[3]);
  const grid = new Float32Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      grid[2 * (j * n + i)] = xs[i]!;
      grid[2 * (j * n + i) + 1] = ys[j]!;
    }
  }
  return grid;
}

/** n inputs evenly spanning [x0, x1] of the window: [n]. */
export function curveInputs(window: [number, number, number, number], n = CURVE_N): Float32Array {
  return gridCoordinates(n, window[0], window[1]);
}
