/**
 * The plane of a landscape as a JSON file, so that the same surface can be recomputed elsewhere
 * (another framework, or this CLI): θ(a, b) = centre + a·d₁ + b·d₂ with centre, d₁, d₂ [P] in the
 * README's parameter layout, the grid's ranges and size, and the layout itself. Its `landscape`
 * member is an `experiment.landscape` block as it is (`directions: { kind: 'explicit', … }`,
 * `src/config/directions-schema.ts`): pasted into the experiment that made it, the CLI computes
 * the same grid bit for bit.
 */
import type { ExplicitDirections } from '../config/directions-schema';
import type { ResultParameterEntry } from '../config/result';
import type { LandscapeMetric } from '../config/schema';
import type { PlaneVectors } from './surface';

/** The file's `format`. */
export const PLANE_FORMAT = 'loss-landscape-explorer plane 1';

export interface PlaneFile {
  format: typeof PLANE_FORMAT;
  /** The problem the vectors belong to: name, P and the layout of θ. */
  problem: { name: string; parameters: number; layout: readonly ResultParameterEntry[] };
  /** How the plane was chosen (`random`, `pca`, `points`, `hessian`, `axes`, `explicit`). */
  directions: string;
  axisLabels: [string, string];
  /** Variance explained by each axis (PCA), or null. */
  explained: [number, number] | null;
  /** The grid's coordinates along d₁ and d₂ [n], as evaluated (for other frameworks). */
  a: number[];
  b: number[];
  /** The `experiment.landscape` block that recomputes the grid on this plane. */
  landscape: {
    directions: ExplicitDirections;
    n: number;
    metrics: LandscapeMetric[];
  };
}

/** What a plane file is made of. */
export interface PlaneSources {
  problem: PlaneFile['problem'];
  directions: string;
  axisLabels: readonly [string, string];
  explained: readonly [number, number] | null;
  plane: PlaneVectors;
  /** The grid's coordinates along d₁ and d₂ [n] (float32, as evaluated). */
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /**
   * The ranges the coordinates were computed from (float64), when known (the CLI); otherwise the
   * coordinates' ends (then a fitted range's inner coordinates may differ by one float32 ulp).
   */
  ranges?: { aRange: readonly [number, number]; bRange: readonly [number, number] };
  metrics: readonly LandscapeMetric[];
}

/**
 * The plane file. Float32 values are written as the shortest decimal that reads back to the same
 * float32 through a float64 (`Number`'s own text), so the vectors and ranges round-trip exactly.
 */
export function encodePlane(sources: PlaneSources): PlaneFile {
  const list = (x: ArrayLike<number>) => Array.from(x);
  const { a, b, plane } = sources;
  return {
    format: PLANE_FORMAT,
    problem: sources.problem,
    directions: sources.directions,
    axisLabels: [sources.axisLabels[0], sources.axisLabels[1]],
    explained: sources.explained ? [sources.explained[0], sources.explained[1]] : null,
    a: list(a),
    b: list(b),
    landscape: {
      directions: {
        kind: 'explicit',
        centre: list(plane.centre),
        d1: list(plane.d1),
        d2: list(plane.d2),
        aRange: sources.ranges ? [...sources.ranges.aRange] : [a[0]!, a[a.length - 1]!],
        bRange: sources.ranges ? [...sources.ranges.bRange] : [b[0]!, b[b.length - 1]!],
      },
      n: a.length,
      metrics: [...sources.metrics],
    },
  };
}

/** The file's text. */
export function planeJson(file: PlaneFile): string {
  return JSON.stringify(file);
}
