/**
 * The `noise` block: the mini-batch gradient-noise covariance (SCIENCE.md §7) at chosen runs'
 * recorded points, projected on the experiment's landscape plane, computed after training (CLI).
 */
import { z } from './zod';

const RUN_ERROR = 'must be "all" or a list of run indices like [0, 2]';
const AT_ERROR = 'must be "final", "initial", "all" or a list of recorded steps like [0, 100]';
const BATCH_ERROR = 'must be a whole number from 1 to 1000000';

const index = z
  .number({ error: RUN_ERROR })
  .int({ error: RUN_ERROR })
  .min(0, { error: RUN_ERROR })
  .max(15, { error: RUN_ERROR });

const step = z
  .number({ error: AT_ERROR })
  .int({ error: AT_ERROR })
  .min(0, { error: AT_ERROR })
  .max(1_000_000, { error: AT_ERROR });

export const NoiseSchema = z.strictObject(
  {
    /** Which runs (default: all). */
    runs: z
      .union(
        [
          z.literal('all'),
          z
            .array(index, { error: RUN_ERROR })
            .min(1, { error: RUN_ERROR })
            .max(16, { error: RUN_ERROR }),
        ],
        {
          error: RUN_ERROR,
        },
      )
      .default('all'),
    /** Which recorded points of each run: its last, its first, every one, or the listed steps. */
    at: z
      .union(
        [
          z.enum(['final', 'initial', 'all'], { error: AT_ERROR }),
          z
            .array(step, { error: AT_ERROR })
            .min(1, { error: AT_ERROR })
            .max(1000, { error: AT_ERROR }),
        ],
        { error: AT_ERROR },
      )
      .default('final'),
    /** Batch size B of the covariance (default: each run's own). */
    batchSize: z
      .number({ error: BATCH_ERROR })
      .int({ error: BATCH_ERROR })
      .min(1, { error: BATCH_ERROR })
      .max(1_000_000, { error: BATCH_ERROR })
      .optional(),
    /**
     * The split into the intrinsic (label-noise) and exploration (misfit) terms, for squared loss on
     * teacher data ('tanh-teacher', 'linear-design') with uniform sampling (default: when it applies).
     */
    split: z.boolean({ error: 'must be true or false' }).default(true),
    /**
     * For importance-sampled runs: the loss the sampler sees, L_p(θ) = Σᵢ pᵢℓᵢ(θ) with p frozen at
     * each chosen point, on the landscape's grid beside the training loss (default true).
     */
    sampledLandscape: z.boolean({ error: 'must be true or false' }).default(true),
  },
  { error: 'must be an object like {"runs": "all", "at": "final"}' },
);

export type NoiseConfig = z.output<typeof NoiseSchema>;
