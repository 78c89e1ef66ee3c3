/**
 * The result file's `ensemble` block (`EnsembleResult`, ensemble-result.ts) as JSON gives it:
 * measured numbers (plane coordinates, means, covariances, traces, losses) may be null (NaN or
 * ±Infinity when written); fields the type declares nullable stay null.
 */
import { z } from './zod';

const measured = z.number().nullable();
const measuredList = z.array(measured);
const count = z.number().int().min(0);
const pair = z.tuple([measured, measured]);
const triple = z.tuple([measured, measured, measured]);

const EnsembleTemperatureFileSchema = z.object({
  lr: z.number(),
  batchSize: count,
  temperature: z.number(),
  diverged: count,
  a: z.array(measuredList),
  b: z.array(measuredList),
  mean: z.array(pair),
  cov: z.array(triple),
  trace: measuredList,
  loss: measuredList,
  spread: measured,
  spreadError: measured,
  planeCov: triple.nullable(),
  escape: z
    .object({
      escaped: count,
      fraction: measured,
      quenchedLoss: measuredList,
      escapedMembers: z.array(z.boolean()),
    })
    .optional(),
});

export const EnsembleFileSchema = z.object({
  run: count,
  members: count,
  steps: z.array(count),
  window: z.object({ from: count, to: count }),
  plane: z.object({
    kind: z.enum(['pca', 'axes']),
    origin: measuredList,
    directions: z.tuple([measuredList, measuredList]),
    explained: pair.nullable(),
    axisLabels: z.tuple([z.string(), z.string()]),
  }),
  temperatures: z.array(EnsembleTemperatureFileSchema),
  fit: z.object({ slope: measured, intercept: measured, r2: measured }).nullable(),
  noise: z.object({ sigma: z.number(), examples: count }).optional(),
  escape: z
    .object({
      radius: z.number(),
      quenchSteps: count,
      quenchLr: z.number(),
      reference: z.object({ theta: measuredList, loss: measured }),
    })
    .optional(),
});

export type EnsembleFile = z.output<typeof EnsembleFileSchema>;
