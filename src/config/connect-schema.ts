import { z } from './zod';
import { RunOptimizerSchema } from './run-schema';
import { int } from './schema-fields';

/** The optimiser that trains a curve's bend: a run's optimiser fields (no SAM, no θ₀). */
export const CurveOptimizerSchema = RunOptimizerSchema;

/**
 * A curve connecting two runs' final points (Garipov et al. 2018, SCIENCE.md §5), trained after
 * training (CLI; the app trains it as a job): the bend w₁ of a quadratic Bézier or a polygonal
 * chain, from the midpoint, minimising E_{t~U(0,1)} L(φ(t)) with `samples` values of t per step.
 */
export const ConnectSchema = z.strictObject(
  {
    /** The two runs whose final points are the curve's ends w₀ and w₂. */
    runs: z
      .tuple([int(0, 15), int(0, 15)], { error: 'must be two run indices like [0, 1]' })
      .default([0, 1]),
    type: z.enum(['bezier', 'chain'], { error: "must be 'bezier' or 'chain'" }).default('bezier'),
    optimizer: CurveOptimizerSchema.default(() =>
      CurveOptimizerSchema.parse({ optimizer: 'adam', lr: 0.01 }),
    ),
    /** Updates of the bend. */
    steps: int(1, 100_000).default(300),
    /** Values of t per update (the rows of one batched program). */
    samples: int(1, 256).default(8),
    /** Seed of the t samples and of the mini-batches. */
    seed: int(0, 2 ** 31 - 1).default(1),
    /** Points per axis of the landscape on the plane through w₀, w₁, w₂. */
    n: int(5, 101).default(31),
    /** How many times the paths and barriers are reported while the bend trains (the app). */
    frames: int(1, 1000).default(20),
  },
  { error: 'must be an object like {"runs": [0, 1], "type": "bezier"}' },
);
export type ConnectConfig = z.output<typeof ConnectSchema>;
