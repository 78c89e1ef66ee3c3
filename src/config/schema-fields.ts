/**
 * The number fields every config schema is built from, each with the message a user reads when a
 * value is wrong ("must be a whole number from 1 to 100"). No value import from schema.ts, so any
 * block's schema (run-schema.ts, curvature-schema.ts, …) can use them without an import cycle.
 */
import { z } from './zod';

/** 'must be a finite number' for Infinity and NaN (zod rejects them as numbers), else 'must be a number'. */
export const numberError = (issue: { input?: unknown }) =>
  typeof issue.input === 'number' ? 'must be a finite number' : 'must be a number';

/** A finite number (zod's number rejects ±Infinity and NaN). */
export const num = () => z.number({ error: numberError });

/** A whole number from `min` to `max`, with the message naming both. */
export const int = (min: number, max: number) =>
  num()
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });

/** A number in (0, `max`]. */
export const positive = (max: number) =>
  num()
    .gt(0, { error: `must be > 0 and ≤ ${max}` })
    .max(max, { error: `must be > 0 and ≤ ${max}` });

/** A number in [0, 1] (`closed`) or [0, 1), with `what` as the message. */
export const unit = (what: string, closed: boolean) =>
  closed
    ? num().min(0, { error: what }).max(1, { error: what })
    : num().min(0, { error: what }).lt(1, { error: what });

/** A number ≥ 0. */
export const nonNegative = num().min(0, { error: 'must be ≥ 0' });

/** `false`: an analysis left out. */
export const off = z.literal(false);

/** Which loss an analysis measures: the training split (default) or the test split. */
export const lossSplit = () =>
  z.enum(['train', 'test'], { error: "must be 'train' or 'test'" }).default('train');

/**
 * 'full' (the mean loss over the split, the default) or the size of one seeded mini-batch (train
 * split only).
 */
export const lossBatch = () =>
  z
    .union([z.literal('full'), int(1, 100_000)], {
      error: 'must be "full" or a whole number of examples',
    })
    .default('full');
