import { z } from './zod';
import { SharpnessSettingsSchema } from './curvature-schema';
import { int, lossBatch, lossSplit, num } from './schema-fields';

/** The largest half-width of a minima comparison's plane or slices (parameter units). */
export const MINIMA_RANGE_MAX = 100;

const halfWidth = () =>
  num()
    .gt(0, { error: `must be > 0 and ≤ ${MINIMA_RANGE_MAX}` })
    .max(MINIMA_RANGE_MAX, { error: `must be > 0 and ≤ ${MINIMA_RANGE_MAX}` });

/** An odd whole number of points from 3 to 1001 (s = 0, the minimum itself, is one of them). */
const oddPoints = (fallback: number) =>
  int(3, 1001)
    .refine((n) => n % 2 === 1, { error: 'must be odd, so that s = 0 (the minimum) is a point' })
    .default(fallback);

/**
 * Flat vs sharp: two runs' minima compared after training (CLI; the app runs the same analysis as
 * a job): at each run's last recorded point θ*, the metrics, λ_max (Lanczos, both runs' lanes
 * batched), the Hutchinson trace, Keskar's ε-sharpness, the SLQ density (on one grid shared by
 * both), the train-loss landscape on a filter-normalised random plane (same n and range for both),
 * 1-D slices along the top eigenvector and a filter-normalised random direction, and the
 * interpolation θ(t) = t·θ_b + (1 − t)·θ_a. Curvature is of the `split`/`batch` loss; the plane,
 * slices and interpolation show the full-split metrics. Defaults are sized for a few seconds on
 * wasm for a P ≈ 300 MLP.
 */
export const MinimaSchema = z.strictObject(
  {
    /** The two runs compared, [a, b] (distinct): a is t = 0 of the interpolation, b is t = 1. */
    runs: z
      .tuple([int(0, 15), int(0, 15)], { error: 'must be two run indices like [0, 1]' })
      .default([0, 1]),
    split: lossSplit(),
    /** 'full' (the mean loss over the split) or the size of one seeded mini-batch (train only). */
    batch: lossBatch(),
    /** Seed of the probes, start vectors, mini-batch and random directions. */
    seed: int(0, 2 ** 31 - 1).default(1),
    /** Lanczos steps for λ_max. */
    eigen: z.strictObject({ iterations: int(2, 500).default(20) }).default({ iterations: 20 }),
    /** Hutchinson probes. */
    trace: z.strictObject({ probes: int(1, 10_000).default(30) }).default({ probes: 30 }),
    /** SLQ: probes × Lanczos steps, and points of the shared density grid. */
    density: z
      .strictObject({
        probes: int(1, 1000).default(3),
        iterations: int(2, 500).default(30),
        points: int(2, 5000).default(200),
      })
      .default({ probes: 3, iterations: 30, points: 200 }),
    sharpness: SharpnessSettingsSchema.default({ epsilons: [1e-3, 5e-4], iterations: 20 }),
    /** The random plane: n × n points on [−range, range]² in filter-normalised units. */
    plane: z
      .strictObject({ n: int(5, 201).default(31), range: halfWidth().default(1) })
      .default({ n: 31, range: 1 }),
    /**
     * The slices: `points` (odd) values of s on [−range, range] along the filter-normalised random
     * direction, and on [−eigenRange, eigenRange] along the unit top eigenvector (parameter
     * distance).
     */
    slices: z
      .strictObject({
        points: oddPoints(41),
        range: halfWidth().default(1),
        eigenRange: halfWidth().default(1),
      })
      .default({ points: 41, range: 1, eigenRange: 1 }),
    /** θ(t) = t·θ_b + (1 − t)·θ_a at `points` values of t from `from` to `to`. */
    interpolation: z
      .strictObject({
        from: num()
          .min(-10, { error: 'must be from -10 to 10' })
          .max(10, { error: 'must be from -10 to 10' })
          .default(-1),
        to: num()
          .min(-10, { error: 'must be from -10 to 10' })
          .max(10, { error: 'must be from -10 to 10' })
          .default(2),
        points: int(2, 1001).default(61),
      })
      .refine((i) => i.from < i.to, { error: 'must have from < to', path: ['to'] })
      .default({ from: -1, to: 2, points: 61 }),
  },
  { error: 'must be an object like {"runs": [0, 1], "plane": {"n": 31}}' },
);
export type MinimaConfig = z.output<typeof MinimaSchema>;
