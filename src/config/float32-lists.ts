/**
 * Big numeric lists in a config (custom points, targets, θ₀) become float32 data: each entry must
 * be a finite number within float32, checked in one pass that reports at most a few bad entries
 * (a list of a million wrong values costs one pass, not a million issues).
 */
import { z } from './zod';

/** The largest finite float32, 3.4028234663852886e38: every number that becomes float32 data stays within ±this. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Most points and coordinates per point of custom data (the generated sets' limits). */
export const MAX_CUSTOM_POINTS = 100_000;
export const MAX_COORDINATES = 10_000;
const POINTS_ERROR = 'must be a list of points, each a list of numbers';
const FLOAT32_RANGE = 'must be within ±3.4e38 (float32)';
/** Bad entries reported per list (the rest are counted in one more line). */
const MAX_ENTRY_ISSUES = 10;

/** Why `v` is not a float32 value (inputs, targets, θ₀ become float32 data), or null. */
function float32Problem(v: unknown): string | null {
  if (typeof v !== 'number') return 'must be a number';
  if (!Number.isFinite(v)) return 'must be a finite number';
  if (Math.abs(v) > FLOAT32_MAX) return FLOAT32_RANGE;
  return null;
}

type Ctx = z.core.$RefinementCtx;

/**
 * Reports the bad entries of a big list, at most MAX_ENTRY_ISSUES of them and then one line with
 * how many more there are: a list of a million wrong values costs one pass, not a million issues.
 */
function reportEntries(
  ctx: Ctx,
  list: readonly unknown[],
  check: (
    entry: unknown,
    index: number,
    report: (path: number[], message: string, input: unknown) => void,
  ) => void,
): void {
  let bad = 0;
  const report = (path: number[], message: string, input: unknown) => {
    bad++;
    if (bad <= MAX_ENTRY_ISSUES) ctx.addIssue({ code: 'custom', path, message, input });
  };
  for (let i = 0; i < list.length; i++) check(list[i], i, report);
  if (bad > MAX_ENTRY_ISSUES) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `${bad - MAX_ENTRY_ISSUES} more bad entries not listed`,
      input: list,
    });
  }
}

/** A list of float32 numbers (targets, θ₀) of at most `max` entries. */
export const numberList = (max: number, what: string) =>
  z
    .custom<number[]>((v) => Array.isArray(v), { error: 'must be a list of numbers' })
    .superRefine((list, ctx) => {
      if (list.length > max) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${max} ${what}`, input: list });
        return;
      }
      reportEntries(ctx, list, (v, i, report) => {
        const problem = float32Problem(v);
        if (problem) report([i], problem, v);
      });
    });

/** A list of points, each a non-empty list of float32 coordinates. */
export const pointList = (min: number) =>
  z
    .custom<number[][]>((v) => Array.isArray(v), { error: POINTS_ERROR })
    .superRefine((list, ctx) => {
      if (list.length > MAX_CUSTOM_POINTS || list.length < min) {
        ctx.addIssue({
          code: 'custom',
          message:
            list.length < min
              ? `needs at least ${min} points`
              : `must have at most ${MAX_CUSTOM_POINTS} points`,
          input: list,
        });
        return;
      }
      reportEntries(ctx, list, (row, i, report) => {
        if (!Array.isArray(row)) return report([i], 'must be a list of numbers (one point)', row);
        if (row.length === 0) return report([i], 'a point needs at least one coordinate', row);
        if (row.length > MAX_COORDINATES)
          return report([i], `a point has at most ${MAX_COORDINATES} coordinates`, row);
        for (let j = 0; j < row.length; j++) {
          const problem = float32Problem(row[j]);
          if (problem) report([i, j], problem, row[j]);
        }
      });
    });
