import { z } from './zod';
import { int, lossBatch, lossSplit, num, off } from './schema-fields';

/**
 * Keskar's ε-sharpness settings: the relative box sizes ε (each in (0, 1)) and the ascent steps
 * per ε (shared by the curvature analyses and the minima comparison).
 */
export const SharpnessSettingsSchema = z.strictObject({
  epsilons: z
    .array(num().gt(0, { error: 'must be > 0 and < 1' }).lt(1, { error: 'must be > 0 and < 1' }))
    .min(1, { error: 'must list at least one ε' })
    .max(8, { error: 'must list at most 8 values of ε' })
    .default([1e-3, 5e-4]),
  iterations: int(1, 1000).default(20),
});

/**
 * Curvature analyses of the runs' points after training (CLI; the app runs the same analyses as
 * jobs): the top Hessian eigenpairs (Lanczos), the Hutchinson trace, the spectral density (SLQ)
 * and Keskar's ε-sharpness, on the train or test loss, full batch or one seeded mini-batch.
 * Each analysis is an object of its settings, or false to skip it.
 */
export const CurvatureSchema = z.strictObject(
  {
    /** Where: every run's last recorded point ('end') or θ₀ ('initial'). */
    at: z.enum(['end', 'initial'], { error: "must be 'end' or 'initial'" }).default('end'),
    /** Which runs (indices), or every run. */
    runs: z
      .union([z.literal('all'), z.array(int(0, 15)).min(1, { error: 'must list a run' })], {
        error: 'must be "all" or a list of run indices like [0, 2]',
      })
      .default('all'),
    split: lossSplit(),
    /** 'full' (the mean loss over the split) or the size of one seeded mini-batch (train only). */
    batch: lossBatch(),
    seed: int(0, 2 ** 31 - 1).default(1),
    eigen: z
      .union([
        z.strictObject({
          count: int(1, 5).default(3),
          iterations: int(2, 500).default(20),
        }),
        off,
      ])
      .default({ count: 3, iterations: 20 }),
    trace: z
      .union([z.strictObject({ probes: int(1, 10_000).default(100) }), off])
      .default({ probes: 100 }),
    density: z
      .union([
        z.strictObject({
          probes: int(1, 1000).default(8),
          iterations: int(2, 500).default(30),
          points: int(2, 5000).default(200),
        }),
        off,
      ])
      .default({ probes: 8, iterations: 30, points: 200 }),
    sharpness: z
      .union([SharpnessSettingsSchema, off])
      .default({ epsilons: [1e-3, 5e-4], iterations: 20 }),
  },
  { error: 'must be an object like {"eigen": {"count": 3}, "trace": false}' },
);
export type CurvatureConfig = z.output<typeof CurvatureSchema>;
