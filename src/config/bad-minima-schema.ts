import { z } from './zod';
import { RunOptimizerSchema } from './run-schema';
import { int, num, unit } from './schema-fields';

/**
 * Nearby bad minima (Huang et al. 2019, SCIENCE.md §6), after training (CLI; the app runs it as a
 * job): a poison set of ρ·m points from the data's own distribution with random labels; starts at
 * checkpoints of one good run's recorded path (fractions of its recorded steps: 0 is θ₀, 1 its
 * final point) train on train ∪ poison until the clean training set is classified 100 % right and
 * `poisonFit` of the poison set is fitted, or the step budget is spent.
 */
export const BadMinimaSchema = z.strictObject(
  {
    /** The good run (an index into `runs`). */
    run: int(0, 15).default(0),
    /** Poison points per training point. */
    rho: num()
      .gt(0, { error: 'must be > 0 and ≤ 8' })
      .max(8, { error: 'must be > 0 and ≤ 8' })
      .default(1),
    /** Where the bad runs start: fractions of the good run's recorded path, 0 (θ₀) … 1 (its end). */
    checkpoints: z
      .array(unit('must be from 0 to 1', true), {
        error: 'must be a list of fractions of the good path like [0, 0.5, 1]',
      })
      .min(1, { error: 'must list 1 to 8 checkpoints' })
      .max(8, { error: 'must list 1 to 8 checkpoints' })
      .default([0, 0.5, 1]),
    /** Step budget of the bad runs. */
    steps: int(1, 100_000).default(2000),
    /** Check the stopping rule (and record the bad paths) every this many updates. */
    checkEvery: int(1, 10_000).default(25),
    /** Fraction of the poison set that must be fitted too (0: stop once the clean set is fitted). */
    poisonFit: unit('must be from 0 to 1', true).default(0.75),
    /** The bad runs' optimiser (default: the good run's own settings). */
    optimizer: RunOptimizerSchema.optional(),
    /** Seed of the poison set and of the bad runs' mini-batches. */
    seed: int(0, 2 ** 31 - 1).default(1),
    /** Lanczos steps for λ_max of each minimum (0: skip). */
    eigenIterations: int(0, 200).default(20),
    /** Points per axis of the landscape on the plane through θ₀, good and bad (0: no plane). */
    n: z
      .union([z.literal(0), int(5, 101)], { error: 'must be 0 (no plane) or 5 to 101' })
      .default(25),
    /** Which bad run (an index into `checkpoints`) the plane goes through (default: the last). */
    planeBad: int(0, 7).optional(),
  },
  { error: 'must be an object like {"run": 0, "rho": 1, "checkpoints": [0, 0.5, 1]}' },
);
export type BadMinimaConfig = z.output<typeof BadMinimaSchema>;
