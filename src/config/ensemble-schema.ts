/**
 * The `ensemble` block (SCIENCE.md §7, Zancato & Chiuso): seed ensembles at several temperatures
 * η/B. Each temperature trains `members` copies of one run that differ only in their mini-batch
 * stream, all temperatures together as one batched program; the result tracks the cloud of
 * iterates, its covariance and its stationary spread against η/B, and optionally the fraction that
 * escaped the minimum it started in.
 *
 * schema.ts imports it: no value import from schema.ts (the number fields are schema-fields.ts's).
 */
import { z } from './zod';
import type { ExperimentConfig } from './schema';
import { int, num, positive } from './schema-fields';

/** Most members per temperature (one batched program holds members × temperatures rows). */
export const MAX_ENSEMBLE_MEMBERS = 64;
/** Most temperatures per ensemble. */
export const MAX_ENSEMBLE_TEMPERATURES = 8;
/** Most recorded steps (step 0 included) of an ensemble. */
export const MAX_ENSEMBLE_RECORDS = 1000;

/** One temperature: a learning rate η and a batch size B (temperature η/B). */
export const TemperatureSchema = z.strictObject(
  {
    /** η; omitted: the base run's learning rate. */
    lr: positive(1e6).optional(),
    batchSize: int(1, 1_000_000),
  },
  { error: 'must be an object like {"lr": 0.1, "batchSize": 4}' },
);

export const EnsembleSchema = z.strictObject(
  {
    /** The run every member copies (optimiser, hyper-parameters, θ₀): an index into `runs`. */
    run: int(0, 15).default(0),
    /** Members per temperature: copies that differ only in their mini-batch seed. */
    members: int(2, MAX_ENSEMBLE_MEMBERS).default(32),
    /** The (η, B) pairs, trained together. */
    temperatures: z
      .array(TemperatureSchema, { error: 'must be a list like [{"lr": 0.1, "batchSize": 4}]' })
      .min(1, { error: `must have 1 to ${MAX_ENSEMBLE_TEMPERATURES} temperatures` })
      .max(MAX_ENSEMBLE_TEMPERATURES, {
        error: `must have 1 to ${MAX_ENSEMBLE_TEMPERATURES} temperatures`,
      })
      .default([{ batchSize: 16 }, { batchSize: 4 }, { batchSize: 1 }]),
    /** Updates (default: the experiment's `steps`). */
    steps: int(1, 1_000_000).optional(),
    /** Record the clouds every this many steps (default: about 100 records). */
    recordEvery: int(1, 1_000_000).optional(),
    /** Fraction of the steps left out before the stationary window starts. */
    burnIn: num()
      .min(0, { error: 'must be from 0 to 0.95' })
      .max(0.95, { error: 'must be from 0 to 0.95' })
      .default(0.5),
    /**
     * The view plane of the clouds: 'pca' (top two principal directions of every recorded point
     * of the stationary window, all temperatures pooled) or 'axes' (θ coordinates `axes`).
     */
    plane: z.enum(['pca', 'axes'], { error: "must be 'pca' or 'axes'" }).default('pca'),
    axes: z
      .tuple([int(0, 3_000_000), int(0, 3_000_000)], {
        error: 'must be two coordinate indices like [0, 1]',
      })
      .default([0, 1]),
    /**
     * Additive gradient noise for an analytic surface (which has no data): `examples` noise
     * vectors ξᵢ (mean 0, variance σ² per coordinate), per-example loss f(θ) − ξᵢ·θ; a batch of
     * B has gradient noise of variance (σ²/B)·(m − B)/(m − 1) per coordinate.
     */
    noise: z
      .strictObject(
        {
          sigma: positive(1e6),
          examples: int(2, 100_000).default(256),
        },
        { error: 'must be an object like {"sigma": 1, "examples": 256}' },
      )
      .optional(),
    /**
     * Escape: from each member's last point, `quenchSteps` of full-batch gradient descent (lr
     * `quenchLr`, default the smallest η of the temperatures) find the minimum whose basin it is
     * in; a member escaped when that minimum is farther than `radius` (in θ) from the one the same
     * descent reaches from θ₀.
     */
    escape: z
      .strictObject(
        {
          radius: positive(1e6).default(0.5),
          quenchSteps: int(1, 100_000).default(200),
          quenchLr: positive(1e6).optional(),
        },
        { error: 'must be an object like {"radius": 0.5, "quenchSteps": 200}' },
      )
      .optional(),
    /** How many times the app's job reports progress while the ensembles train. */
    frames: int(1, 1000).default(20),
  },
  {
    error: 'must be an object like {"members": 32, "temperatures": [{"lr": 0.1, "batchSize": 4}]}',
  },
);
export type EnsembleConfig = z.output<typeof EnsembleSchema>;

/** The ensemble's steps and recording interval, defaults resolved. */
export function ensembleSchedule(
  config: Pick<ExperimentConfig, 'steps'> & { ensemble?: EnsembleConfig },
): { steps: number; recordEvery: number } {
  const block = config.ensemble;
  const steps = block?.steps ?? config.steps;
  const recordEvery = block?.recordEvery ?? Math.max(1, Math.round(steps / 100));
  return { steps, recordEvery };
}

/**
 * Cross-field problems of the `ensemble` block as [path, message] pairs (empty when fine): the run
 * index, noise only and always for analytic surfaces, and the number of records.
 */
export function ensembleProblems(
  config: Pick<ExperimentConfig, 'problem' | 'runs' | 'steps'> & { ensemble?: EnsembleConfig },
): [(string | number)[], string][] {
  const block = config.ensemble;
  if (!block) return [];
  const out: [(string | number)[], string][] = [];
  if (block.run >= config.runs.length)
    out.push([
      ['ensemble', 'run'],
      `refers to run ${block.run}, but there are ${config.runs.length} runs`,
    ]);
  const surface = config.problem.kind === 'surface';
  if (surface && !block.noise)
    out.push([
      ['ensemble', 'noise'],
      'an analytic surface has no data, so no mini-batch noise: give additive noise like {"sigma": 1, "examples": 256}',
    ]);
  if (!surface && block.noise)
    out.push([
      ['ensemble', 'noise'],
      `is for analytic surfaces; problem '${config.problem.kind}' has its own mini-batch noise: remove it`,
    ]);
  const { steps, recordEvery } = ensembleSchedule(config);
  const records = Math.floor(steps / recordEvery) + 1 + (steps % recordEvery ? 1 : 0);
  if (records > MAX_ENSEMBLE_RECORDS)
    out.push([
      ['ensemble', 'recordEvery'],
      `records ${records} steps, at most ${MAX_ENSEMBLE_RECORDS}: raise recordEvery to at least ${Math.ceil(steps / (MAX_ENSEMBLE_RECORDS - 2))}`,
    ]);
  return out;
}
