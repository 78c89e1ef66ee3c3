/**
 * Contour lines and filled bands of the normalised heights, from d3-contour (marching squares with
 * linear interpolation and hole assignment), in fractional grid indices and world positions.
 */
import { contours } from 'd3-contour';
import { aToX, bToZ, coordAt, type GridFrame } from './geometry';
import type { LandscapeView } from '../state/view-types';

// ---------------------------------------------------------------- contours

/** `count` contour levels of the normalised height, evenly spaced strictly inside (0, 1). */
export function contourLevels(count: number): number[] {
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) levels.push(k / (count + 1));
  return levels;
}

/**
 * A closed ring of a contour band in fractional grid indices (u along a, v along b), flattened
 * [u0, v0, u1, v1, …].
 */
export type Ring = Float64Array;

/** The region where t ≥ `level`, as polygons (outer ring then holes), clamped to the grid. */
export interface ContourBand {
  level: number;
  polygons: Ring[][];
}

/** Runs d3-contour on the normalised heights (n × n) at the given levels. */
function runContours(t: Float32Array, n: number, levels: readonly number[]) {
  return contours()
    .size([n, n])
    .thresholds(levels as number[])(t as unknown as number[]);
}

/**
 * d3-contour puts value k = j·n + i at the point (i + 0.5, j + 0.5) and closes regions along a
 * frame half a cell outside the grid (coordinates 0 and n). This maps its coordinate to a
 * fractional grid index clamped to [0, n − 1].
 */
function d3ToIndex(c: number, n: number): number {
  const u = c - 0.5;
  return u < 0 ? 0 : u > n - 1 ? n - 1 : u;
}

/**
 * Filled contour bands for a 2-D map: one per level, the region where t ≥ level, in fractional
 * grid indices. Paint them in order over a background of the lowest band.
 */
export function contourBands(t: Float32Array, n: number, levels: readonly number[]): ContourBand[] {
  return runContours(t, n, levels).map((mp) => ({
    level: mp.value,
    polygons: mp.coordinates.map((polygon) =>
      polygon.map((ring) => {
        const out = new Float64Array(ring.length * 2);
        ring.forEach((p, k) => {
          out[2 * k] = d3ToIndex(p[0]!, n);
          out[2 * k + 1] = d3ToIndex(p[1]!, n);
        });
        return out;
      }),
    ),
  }));
}

/** Isolines as segments in fractional grid indices: [u0, v0, u1, v1] per segment, plus each one's level. */
export interface Isolines {
  /** [segments · 4] */
  segments: Float64Array;
  /** [segments] */
  levels: Float64Array;
  count: number;
}

/**
 * The isolines t = level of the grid, as segments in fractional grid indices. The pieces of
 * d3-contour's rings that run along the frame outside the grid (where it closes regions) are
 * left out, so only true level lines remain.
 */
export function isolines(t: Float32Array, n: number, levels: readonly number[]): Isolines {
  const segs: number[] = [];
  const lv: number[] = [];
  const onFrame = (p: number[]) => p[0] === 0 || p[0] === n || p[1] === 0 || p[1] === n;
  for (const mp of runContours(t, n, levels)) {
    for (const polygon of mp.coordinates) {
      for (const ring of polygon) {
        for (let k = 1; k < ring.length; k++) {
          const p = ring[k - 1]!;
          const q = ring[k]!;
          if (onFrame(p) || onFrame(q)) continue;
          segs.push(
            d3ToIndex(p[0]!, n),
            d3ToIndex(p[1]!, n),
            d3ToIndex(q[0]!, n),
            d3ToIndex(q[1]!, n),
          );
          lv.push(mp.value);
        }
      }
    }
  }
  return { segments: Float64Array.from(segs), levels: Float64Array.from(lv), count: lv.length };
}

/**
 * World positions [segments · 6] of isolines lifted onto the surface: a contour of level ℓ lies
 * at height h · ℓ, plus `lift` (world units) so it is not hidden inside the faces. Writes into
 * `out` from the start when it is long enough, else allocates; returns the array used.
 */
export function isolinePositions(
  view: LandscapeView,
  lines: Isolines,
  frame: GridFrame,
  lift: number,
  out?: Float32Array,
): Float32Array {
  const need = lines.count * 6;
  const pos = out && out.length >= need ? out : new Float32Array(need);
  for (let s = 0; s < lines.count; s++) {
    const y = frame.height * lines.levels[s]! + lift;
    for (let e = 0; e < 2; e++) {
      const u = lines.segments[4 * s + 2 * e]!;
      const v = lines.segments[4 * s + 2 * e + 1]!;
      pos[6 * s + 3 * e] = aToX(frame, coordAt(view.a, u));
      pos[6 * s + 3 * e + 1] = y;
      pos[6 * s + 3 * e + 2] = bToZ(frame, coordAt(view.b, v));
    }
  }
  return pos;
}

/** An SVG path (`M … Z` per ring) of a band's polygons, through the given index → pixel maps. */
export function bandPath(
  band: ContourBand,
  px: (u: number) => number,
  py: (v: number) => number,
): string {
  const parts: string[] = [];
  for (const polygon of band.polygons) {
    for (const ring of polygon) {
      for (let k = 0; k < ring.length; k += 2) {
        parts.push(
          `${k === 0 ? 'M' : 'L'}${px(ring[k]!).toFixed(1)},${py(ring[k + 1]!).toFixed(1)}`,
        );
      }
      parts.push('Z');
    }
  }
  return parts.join('');
}
