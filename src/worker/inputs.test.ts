import { describe, expect, it } from 'vitest';
import { boundaryGrid, curveInputs } from './inputs';

describe('input grids', () => {
  it('lays the boundary grid out row by row over y, x fastest, hitting the window corners', () => {
    const g = boundaryGrid([-1, 1, 0, 2], 3);
    expect(Array.from(g)).toEqual([-1, 0, 0, 0, 1, 0, -1, 1, 0, 1, 1, 1, -1, 2, 0, 2, 1, 2]);
  });

  it('spans the x range of the window for curves', () => {
    expect(Array.from(curveInputs([-3, 3, -1, 1], 4))).toEqual([-3, -1, 1, 3]);
  });
});
