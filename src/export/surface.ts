/**
 * A loss surface as a file holds it (HDF5, `hdf5.ts`), independent of the file format: the grid
 * coordinates, one grid per metric, and what we know of the plane (how it was chosen, its
 * vectors in the README's parameter layout, the runs' paths on it). Conversions to and from what
 * the explorer shows (`LandscapeView`, `TrajectoryView`) and a CLI result's landscape.
 */
import type { ResultLandscape, ResultParameterEntry } from '../config/result';
import { LANDSCAPE_METRICS, type LandscapeMetric } from '../config/schema';
import type { LandscapeView, TrajectoryView } from '../state/view-types';

/** θ(a, b) = centre + a·d₁ + b·d₂; each vector [P] in the README's parameter layout. */
export interface PlaneVectors {
  centre: Float32Array;
  d1: Float32Array;
  d2: Float32Array;
}

/** One run's path on the surface's plane; every array has one entry per recorded point. */
export interface SurfacePath {
  name: string;
  /** CSS colour, or null when the file gives none. */
  color: string | null;
  a: Float32Array;
  b: Float32Array;
  /** The path metric at θ itself (what the optimiser saw). */
  trueValue: Float32Array;
  /** The path metric at θ's projection onto the plane. */
  planeValue: Float32Array;
  /** ‖θ − proj θ‖ / ‖θ − centre‖. */
  offPlaneRelative: Float32Array;
}

/** A surface as a file holds it. */
export interface Surface {
  /** [n] coordinates along d₁ (the reference tool's `xcoordinates`), strictly increasing. */
  a: Float64Array;
  /** [n] coordinates along d₂ (`ycoordinates`), strictly increasing. */
  b: Float64Array;
  /**
   * One grid per metric present, row-major [n_b, n_a]: the value at (a[i], b[j]) is [j·n + i].
   * Accuracies are fractions in [0, 1] (the reference tool writes percent; `hdf5.ts` converts).
   */
  grids: Partial<Record<LandscapeMetric, Float64Array>>;
  /** Axis labels, or null when the file has none. */
  axisLabels: [string, string] | null;
  /** How the plane was chosen (`random`, `pca`, …), or null when unknown. */
  directions: string | null;
  /** Variance explained by each axis (PCA planes), or null. */
  explained: [number, number] | null;
  /** The plane's vectors, or null when the file has none. */
  plane: PlaneVectors | null;
  /** The parameter layout of the plane's vectors, or null. */
  layout: readonly ResultParameterEntry[] | null;
  /**
   * The ranges `a` and `b` were computed from (float64), when known (the live landscape): the
   * plane file's exact ranges (the coordinates' ends may differ from them by a float32 ulp).
   */
  ranges?: { aRange: [number, number]; bRange: [number, number] };
  /** The metric of the paths' values (the one the explorer showed), or null without paths. */
  pathMetric: LandscapeMetric | null;
  paths: SurfacePath[];
}

/** The metric shown of a surface: `wanted` when the file has it, else the first of the app's order. */
export function surfaceMetric(surface: Surface, wanted?: LandscapeMetric | null): LandscapeMetric {
  if (wanted && surface.grids[wanted]) return wanted;
  return LANDSCAPE_METRICS.find((m) => surface.grids[m])!;
}

/** Default axis labels of a surface without its own. */
const PLAIN_LABELS: [string, string] = ['x (d₁)', 'y (d₂)'];

/** What the explorer draws of a surface: the grid of `metric` (Float32, as every landscape). */
export function surfaceLandscape(surface: Surface, metric: LandscapeMetric): LandscapeView {
  const grid = surface.grids[metric];
  if (!grid) throw new RangeError(`surfaceLandscape: the surface has no ${metric} grid`);
  return {
    n: surface.a.length,
    a: Float32Array.from(surface.a),
    b: Float32Array.from(surface.b),
    values: Float32Array.from(grid),
    metric,
    axisLabels: surface.axisLabels ?? PLAIN_LABELS,
  };
}

/** The fallback colours of paths a file gives without one (Tableau 10, the app's run palette). */
const PATH_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];

/**
 * The paths of a surface as the explorer draws them, when they are of the metric shown (paths of
 * another metric would stand at the wrong heights: none then).
 */
export function surfaceTrajectories(surface: Surface, metric: LandscapeMetric): TrajectoryView[] {
  if (surface.pathMetric !== metric) return [];
  return surface.paths.map((p, k) => ({
    name: p.name,
    color: p.color ?? PATH_COLORS[k % PATH_COLORS.length]!,
    a: Float32Array.from(p.a),
    b: Float32Array.from(p.b),
    trueLoss: Float32Array.from(p.trueValue),
    planeLoss: Float32Array.from(p.planeValue),
    offPlane: Float32Array.from(p.offPlaneRelative),
    length: p.a.length,
    diverged: false,
  }));
}

/** What the explorer shows, as a surface (the landscape on screen, its paths and its plane). */
export function surfaceOfView(
  landscape: LandscapeView,
  trajectories: readonly TrajectoryView[],
  plane: {
    directions: string | null;
    explained: [number, number] | null;
    vectors: PlaneVectors | null;
    layout: readonly ResultParameterEntry[] | null;
    ranges?: { aRange: [number, number]; bRange: [number, number] };
  },
): Surface {
  return {
    ...(plane.ranges && { ranges: plane.ranges }),
    a: Float64Array.from(landscape.a),
    b: Float64Array.from(landscape.b),
    grids: { [landscape.metric]: Float64Array.from(landscape.values) },
    axisLabels: [...landscape.axisLabels],
    directions: plane.directions,
    explained: plane.explained,
    plane: plane.vectors,
    layout: plane.layout,
    pathMetric: trajectories.length ? landscape.metric : null,
    paths: trajectories.map((t) => ({
      name: t.name,
      color: t.color,
      a: t.a.slice(0, t.length),
      b: t.b.slice(0, t.length),
      trueValue: t.trueLoss.slice(0, t.length),
      planeValue: t.planeLoss.slice(0, t.length),
      offPlaneRelative: t.offPlane.slice(0, t.length),
    })),
  };
}

/**
 * A CLI result's landscape as a surface (every metric it computed; the paths carry the training
 * loss, as the CLI projects them), with the plane's vectors when the caller has them.
 */
export function surfaceOfResult(
  landscape: ResultLandscape,
  layout: readonly ResultParameterEntry[],
  plane: PlaneVectors | null,
): Surface {
  const grids: Surface['grids'] = {};
  for (const m of LANDSCAPE_METRICS) {
    const v = landscape.values[m];
    if (v) grids[m] = Float64Array.from(v, (x) => x ?? Number.NaN);
  }
  const f32 = (xs: readonly (number | null)[]) => Float32Array.from(xs, (x) => x ?? Number.NaN);
  return {
    a: Float64Array.from(landscape.a),
    b: Float64Array.from(landscape.b),
    grids,
    axisLabels: [...landscape.axisLabels],
    directions: landscape.directions,
    explained: landscape.explained,
    plane,
    layout: plane ? layout : null,
    // The CLI projects the paths with the training loss (`projectTrajectory`'s default).
    pathMetric: landscape.trajectories.length ? 'trainLoss' : null,
    paths: landscape.trajectories.map((t) => ({
      name: t.name,
      color: null,
      a: f32(t.a),
      b: f32(t.b),
      trueValue: f32(t.trueLoss),
      planeValue: f32(t.planeLoss),
      offPlaneRelative: f32(t.offPlaneRelative),
    })),
  };
}
