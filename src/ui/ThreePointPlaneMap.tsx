/**
 * A plane through three points of parameter space (the bad-minima plane: θ₀, good, bad; the
 * mode-connecting curve's: w₀, w₁, w₂) drawn by PlaneLossMap: a loss on its grid, the paths
 * `paths(plane)` gives, and the three points marked in the order of `plane.points`.
 */
import { useMemo } from 'react';
import { PlaneLossMap, type PlaneLossMapProps, type PlaneMapPath } from './PlaneLossMap';

/** What the map reads of a plane: its n × n grid and the three points in its coordinates. */
export interface ThreePointPlane {
  n: number;
  /** Grid coordinates [n] along each axis. */
  a: readonly number[];
  b: readonly number[];
  points: { a: readonly [number, number, number]; b: readonly [number, number, number] };
}

/** How one of the three points is marked: its label, fill and outline colours. */
export interface PointMark {
  label: string;
  fill: string;
  stroke: string;
}

export interface ThreePointPlaneMapProps<Plane extends ThreePointPlane> extends Omit<
  PlaneLossMapProps,
  'n' | 'a' | 'b' | 'paths' | 'points'
> {
  plane: Plane;
  /**
   * The paths drawn on the plane; a function of the plane defined once (not per render), so the
   * paths are made again only for a new plane.
   */
  paths: (plane: Plane) => PlaneMapPath[];
  /** The marks of the three points, in the order of `plane.points`. */
  marks: readonly [PointMark, PointMark, PointMark];
}

export function ThreePointPlaneMap<Plane extends ThreePointPlane>({
  plane,
  paths,
  marks,
  ...map
}: ThreePointPlaneMapProps<Plane>) {
  const drawn = useMemo(() => paths(plane), [paths, plane]);
  const points = useMemo(
    () =>
      marks.map(({ label, fill, stroke }, k) => ({
        label,
        a: plane.points.a[k]!,
        b: plane.points.b[k]!,
        fill,
        stroke,
      })),
    [marks, plane],
  );
  return (
    <PlaneLossMap n={plane.n} a={plane.a} b={plane.b} paths={drawn} points={points} {...map} />
  );
}
