/**
 * One run of an experiment: its optimiser and hyper-parameters, learning-rate schedule, mini-batch
 * size and sampling, SAM, seeds, θ₀ and colour; and the optimiser fields the analyses that train
 * something of their own (a curve's bend, the bad runs) take from a run.
 */
import { z } from './zod';
import { COLOR_MESSAGE, isAllowedColor } from './colors';
import { numberList } from './float32-lists';
import { CONTROL_CHARACTER } from './text';
import { SamplingSchema } from './sampling-schema';
import { int, nonNegative, num, positive, unit } from './schema-fields';

export const OPTIMIZERS = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
  'nadam',
] as const;

export const ScheduleSchema = z.strictObject(
  {
    kind: z
      .enum(['constant', 'step', 'cosine'], { error: 'must be constant, step or cosine' })
      .default('constant'),
    warmupSteps: int(0, 1_000_000).default(0),
    stepSize: int(1, 1_000_000).default(100),
    gamma: num()
      .gt(0, { error: 'must be > 0 and ≤ 1' })
      .max(1, { error: 'must be > 0 and ≤ 1' })
      .default(0.5),
    minLrFactor: unit('must be from 0 to 1', true).default(0),
  },
  { error: 'must be an object like {"kind": "cosine"}' },
);

const BATCH_SIZE_ERROR = 'must be "full" or a whole number from 1 to 1000000';

/** Most numbers in a θ₀ (the largest model has fewer parameters). */
export const MAX_THETA0_LENGTH = 3_000_000;
/** A θ₀: at most MAX_THETA0_LENGTH finite float32 numbers. */
export const theta0List = numberList(MAX_THETA0_LENGTH, 'numbers');

export const RunSchema = z.strictObject(
  {
    name: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(40, { error: 'must be at most 40 characters' })
      .refine((name) => !CONTROL_CHARACTER.test(name), {
        error:
          'must not contain control characters (terminal escapes, line breaks, bidirectional overrides)',
      })
      .optional(),
    optimizer: z
      .enum(OPTIMIZERS, { error: `must be one of ${OPTIMIZERS.join(', ')}` })
      .default('sgd'),
    lr: positive(1e6).optional(),
    momentum: unit('must be ≥ 0 and < 1', false).optional(),
    betas: z
      .tuple([unit('must be ≥ 0 and < 1', false), unit('must be ≥ 0 and < 1', false)], {
        error: 'must be a pair [β₁, β₂]',
      })
      .optional(),
    eps: positive(1).optional(),
    alpha: unit('must be ≥ 0 and < 1', false).optional(),
    weightDecay: nonNegative.max(10, { error: 'must be from 0 to 10' }).optional(),
    momentumDecay: nonNegative.max(1, { error: 'must be from 0 to 1' }).optional(),
    /** Mini-batch size; omitted or "full" = full batch. */
    batchSize: z
      .union(
        [
          z.literal('full', { error: BATCH_SIZE_ERROR }),
          z
            .number({ error: BATCH_SIZE_ERROR })
            .int({ error: BATCH_SIZE_ERROR })
            .min(1, { error: BATCH_SIZE_ERROR })
            .max(1_000_000, { error: BATCH_SIZE_ERROR }),
        ],
        { error: BATCH_SIZE_ERROR },
      )
      .default('full'),
    schedule: ScheduleSchema.default(ScheduleSchema.parse({})),
    sam: z
      .strictObject(
        { rho: positive(10).default(0.05) },
        { error: 'must be an object like {"rho": 0.05}' },
      )
      .optional(),
    /** Mini-batch sampling: uniform (default) or importance, p ∝ exp(−ℓᵢ/U_c) (sampling-schema.ts). */
    sampling: SamplingSchema.optional(),
    /** Seed of this run's initialisation when it should not share θ₀ with the others. */
    initSeed: int(0, 2 ** 31 - 1).optional(),
    /** Explicit θ₀ of this run (length P). */
    theta0: theta0List.optional(),
    /** Seed of the mini-batch stream (runs with the same seed and batch size see the same batches). */
    batchSeed: int(0, 2 ** 31 - 1).default(0),
    /** A CSS colour (see `isAllowedColor`): it is drawn into the page's CSS and the 3-D scene. */
    color: z
      .string({ error: 'must be a CSS colour string' })
      .refine(isAllowedColor, { error: COLOR_MESSAGE })
      .optional(),
  },
  { error: 'must be an object like {"optimizer": "adam", "lr": 0.01}' },
);

/** A run's initial or final θ: `{ "run": 0, "at": "final" }`. */
export const RunPointSchema = z.strictObject(
  {
    run: int(0, 15),
    at: z.enum(['initial', 'final'], { error: 'must be initial or final' }).default('final'),
  },
  { error: 'must be a run point like {"run": 0, "at": "final"}' },
);

/** A run's optimiser fields (no name, SAM, θ₀ or seeds): what a curve's bend or a bad run trains with. */
export const RunOptimizerSchema = RunSchema.pick({
  optimizer: true,
  lr: true,
  momentum: true,
  betas: true,
  eps: true,
  alpha: true,
  weightDecay: true,
  momentumDecay: true,
  batchSize: true,
  schedule: true,
});

export type RunConfig = z.output<typeof RunSchema>;
