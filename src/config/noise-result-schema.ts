/**
 * The result file's `noise` block (`NoiseResult`, noise-result.ts) as JSON gives it: every
 * measured number may be null (NaN or ±Infinity when written). The block has no field that is
 * null by meaning, so a reader may turn every null in it back into NaN.
 */
import { z } from './zod';

const measured = z.number().nullable();
const measuredList = z.array(measured);
const count = z.number().int().min(0);

const EllipseFileSchema = z.object({
  covariance: z.object({ xx: measured, xy: measured, yy: measured }),
  eigenvalues: z.tuple([measured, measured]),
  axes: z.tuple([z.tuple([measured, measured]), z.tuple([measured, measured])]),
  angle: measured,
  trace: measured,
});

const NoiseTermFileSchema = z.object({ gradient: EllipseFileSchema, step: EllipseFileSchema });

const NoisePointFileSchema = z.object({
  run: count,
  name: z.string(),
  step: count,
  a: measured,
  b: measured,
  batchSize: count,
  lr: z.number(),
  sampling: z.enum(['uniform', 'importance']),
  temperature: z.number().optional(),
  samplerFactor: z.number(),
  total: NoiseTermFileSchema,
  split: z
    .object({
      intrinsic: NoiseTermFileSchema,
      exploration: NoiseTermFileSchema,
      expectedTotal: NoiseTermFileSchema,
    })
    .optional(),
  sampled: z
    .object({
      trainLoss: measured,
      sampledLoss: measured,
      effectiveExamples: measured,
      landscape: z.object({ trainLoss: measuredList, sampledLoss: measuredList }).optional(),
    })
    .optional(),
});

export const NoiseFileSchema = z.object({
  axisLabels: z.tuple([z.string(), z.string()]),
  n: count,
  a: z.array(z.number()),
  b: z.array(z.number()),
  examples: count,
  points: z.array(NoisePointFileSchema),
});

export type NoiseFile = z.output<typeof NoiseFileSchema>;
