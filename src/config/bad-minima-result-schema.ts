/**
 * The result file's `badMinima` block (`BadMinimaResult`, result.ts) as JSON gives it: measured
 * numbers may be null (NaN or ±Infinity when written). Null by meaning: `lambdaMax` (not asked
 * for), `plane` (no plane asked for, or θ₀, good and bad on one line) and `boundaries` (inputs
 * that are not 2-D points); every other null stood for NaN.
 */
import { z } from './zod';

const measured = z.number().nullable();
const measuredList = z.array(measured);
const count = z.number().int().min(0);

const MetricsFileSchema = z.object({
  trainLoss: measured,
  trainAccuracy: measured,
  testLoss: measured,
  testAccuracy: measured,
  lambdaMax: measured,
});

const PlanePathFileSchema = z.object({
  a: measuredList,
  b: measuredList,
  trueLoss: measuredList,
  offPlaneRelative: measuredList,
});

export const BadMinimaFileSchema = z.object({
  run: count,
  name: z.string(),
  rho: z.number(),
  trainSize: count,
  poisonSize: count,
  pathLength: measured,
  good: MetricsFileSchema.extend({ step: count, theta: measuredList }),
  bad: z.array(
    MetricsFileSchema.extend({
      checkpoint: z.number(),
      startStep: count,
      steps: count,
      reached: z.boolean(),
      fitsClean: z.boolean(),
      poisonAccuracy: measured,
      distance: measured,
      distanceFraction: measured,
      distanceToGood: measured,
      theta: measuredList,
      interpolation: z.object({
        trainLoss: measuredList,
        testLoss: measuredList,
        trainAccuracy: measuredList,
        testAccuracy: measuredList,
      }),
    }),
  ),
  t: z.array(z.number()),
  plane: z
    .object({
      bad: count,
      n: count,
      a: z.array(z.number()),
      b: z.array(z.number()),
      trainLoss: measuredList,
      testLoss: measuredList,
      points: z.object({
        a: z.tuple([measured, measured, measured]),
        b: z.tuple([measured, measured, measured]),
      }),
      good: PlanePathFileSchema,
      badPath: PlanePathFileSchema,
    })
    .nullable(),
  boundaries: z
    .object({
      n: count,
      window: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      // Absent in files written before multi-class maps: 2.
      classes: z.number().int().min(2).optional(),
      good: measuredList,
      bad: z.array(measuredList),
    })
    .nullable(),
  classAccuracy: z.object({ good: measuredList, bad: z.array(measuredList) }).optional(),
  poison: z.object({ x: z.array(z.number()), y: z.array(z.number()) }),
});

export type BadMinimaFile = z.output<typeof BadMinimaFileSchema>;

/** Checks list lengths the types cannot: the maps' n·n(·C) values, one per bad minimum. */
export function checkBadMinimaLengths(
  file: BadMinimaFile,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const k = file.bad.length;
  const b = file.boundaries;
  if (b) {
    const classes = b.classes ?? 2;
    const size = b.n * b.n * (classes > 2 ? classes : 1);
    const what = classes > 2 ? `n·n·classes = ${size}` : `n·n = ${size}`;
    if (b.good.length !== size)
      issue(['badMinima', 'boundaries', 'good'], `must hold ${what} values`);
    if (b.bad.length !== k)
      issue(['badMinima', 'boundaries', 'bad'], `must hold one map per bad minimum (${k})`);
    b.bad.forEach((map, r) => {
      if (map.length !== size)
        issue(['badMinima', 'boundaries', 'bad', r], `must hold ${what} values`);
    });
  }
  const c = file.classAccuracy;
  if (c) {
    if (c.bad.length !== k)
      issue(['badMinima', 'classAccuracy', 'bad'], `must hold one list per bad minimum (${k})`);
    c.bad.forEach((list, r) => {
      if (list.length !== c.good.length)
        issue(
          ['badMinima', 'classAccuracy', 'bad', r],
          `must hold one value per class (${c.good.length}, as good)`,
        );
    });
  }
}
