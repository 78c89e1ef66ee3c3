/**
 * The result file's schema: what `--out` (the CLI) and Export → result (the app) write, checked when
 * a file is opened again (measured numbers may be null: JSON writes NaN and ±Infinity as null).
 * The result types it checks are in `result.ts`.
 */
import { z } from './zod';
import { ViewSchema } from './app';
import { ExperimentSchema, OPTIMIZERS } from './schema';
import { BadMinimaFileSchema, checkBadMinimaLengths } from './bad-minima-result-schema';
import { EnsembleFileSchema } from './ensemble-result-schema';
import { NoiseFileSchema } from './noise-result-schema';
import { ClassificationFileSchema } from './classification-result-schema';
import type { ExperimentResult } from './result';

/** A measured number: JSON writes NaN and ±Infinity as null. */
const measured = z.number().nullable();
const measuredList = z.array(measured);
const count = z.number().int().min(0);

const HyperSchema = z.object({
  optimizer: z.enum(OPTIMIZERS, { error: `must be one of ${OPTIMIZERS.join(', ')}` }),
  lr: z.number(),
  momentum: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  eps: z.number(),
  alpha: z.number(),
  weightDecay: z.number(),
  momentumDecay: z.number(),
  batchSize: z.number(),
  schedule: z.object({
    kind: z.enum(['constant', 'step', 'cosine']),
    warmupSteps: z.number(),
    stepSize: z.number(),
    gamma: z.number(),
    minLrFactor: z.number(),
  }),
  samRho: z.number(),
});

const PointSchema = z.object({
  step: count,
  theta: measuredList,
  trainLoss: measured,
  testLoss: measured,
  gradNorm: measured,
  trainAccuracy: measured.optional(),
  testAccuracy: measured.optional(),
});

const ProjectedSchema = z.object({
  name: z.string(),
  a: measuredList,
  b: measuredList,
  trueLoss: measuredList,
  planeLoss: measuredList,
  offPlane: measuredList,
  offPlaneRelative: measuredList,
});

const LandscapeFileSchema = z.object({
  directions: z.string(),
  explained: z.tuple([z.number(), z.number()]).nullable(),
  axisLabels: z.tuple([z.string(), z.string()]),
  n: z.number().int().min(2, { error: 'must be an integer ≥ 2' }),
  a: z.array(z.number()),
  b: z.array(z.number()),
  values: z.record(z.string(), measuredList),
  trajectories: z.array(ProjectedSchema),
  varpro: z
    .object({
      reference: z.array(z.number()),
      outliers: z.object({
        w: z.number(),
        s: z.number(),
        indices: z.array(count),
        residuals: z.array(z.number()),
      }),
      minima: z.array(
        z.object({ w: z.number(), s: z.number(), loss: z.number(), outliers: z.array(count) }),
      ),
    })
    .optional(),
});

const SliceFileSchema = z.object({
  direction: z.enum(['eigen', 'random']),
  coords: z.array(z.number()),
  trainLoss: measuredList,
  testLoss: measuredList.nullable(),
  trainAccuracy: measuredList.nullable(),
  testAccuracy: measuredList.nullable(),
});

const MinimumFileSchema = z.object({
  run: count,
  name: z.string(),
  step: count,
  trainLoss: measured,
  testLoss: measured,
  trainAccuracy: measured,
  testAccuracy: measured,
  lambdaMax: measured,
  lambdaResidual: measured,
  trace: z.object({ value: measured, standardError: measured, probes: count }),
  sharpness: z.array(
    z.object({ epsilon: z.number(), value: measured, loss: measured, maxLoss: measured }),
  ),
  density: z.object({ grid: measuredList, density: measuredList, sigma: measured }),
  plane: z.object({ coords: z.array(z.number()), values: measuredList }),
  slices: z.object({ eigen: SliceFileSchema, random: SliceFileSchema }),
});

const MinimaFileSchema = z.object({
  split: z.enum(['train', 'test']),
  batch: z.union([z.literal('full'), count]),
  minima: z.tuple([MinimumFileSchema, MinimumFileSchema]),
  interpolation: z.object({
    t: z.array(z.number()),
    trainLoss: measuredList,
    testLoss: measuredList.nullable(),
    trainAccuracy: measuredList.nullable(),
    testAccuracy: measuredList.nullable(),
  }),
});

const ConnectPathSchema = z.object({
  trainLoss: measuredList,
  testLoss: measuredList.nullable(),
  trainAccuracy: measuredList.nullable(),
  testAccuracy: measuredList.nullable(),
  barrier: measured,
  testBarrier: measured,
});

const ConnectFileSchema = z.object({
  type: z.enum(['bezier', 'chain']),
  runs: z.tuple([count, count]),
  names: z.tuple([z.string(), z.string()]),
  steps: count,
  samples: count,
  t: z.array(z.number()),
  history: measuredList,
  segment: ConnectPathSchema,
  curve: ConnectPathSchema,
  bend: measuredList,
  plane: z
    .object({
      axisLabels: z.tuple([z.string(), z.string()]),
      n: count,
      a: z.array(z.number()),
      b: z.array(z.number()),
      values: measuredList,
      segment: z.object({ a: measuredList, b: measuredList }),
      curve: z.object({ a: measuredList, b: measuredList, offPlane: measuredList }),
      points: z.object({
        a: z.tuple([measured, measured, measured]),
        b: z.tuple([measured, measured, measured]),
      }),
    })
    .nullable(),
});

/** Checks what the field types cannot: list lengths that must agree. */
function checkLengths(file: z.output<typeof ResultFileShape>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message, input: undefined });
  if (file.runs.length === 0) issue(['runs'], 'must hold at least one run');
  file.runs.forEach((run, k) => {
    if (run.trajectory.length === 0)
      issue(['runs', k, 'trajectory'], 'must hold at least one point');
  });
  if (file.minima) checkMinimaLengths(file.minima, issue);
  if (file.badMinima) checkBadMinimaLengths(file.badMinima, issue);
  const l = file.landscape;
  if (!l) return;
  if (l.a.length !== l.n) issue(['landscape', 'a'], `must hold n = ${l.n} coordinates`);
  if (l.b.length !== l.n) issue(['landscape', 'b'], `must hold n = ${l.n} coordinates`);
  if (Object.keys(l.values).length === 0) issue(['landscape', 'values'], 'must hold one grid');
  for (const [metric, grid] of Object.entries(l.values)) {
    if (grid.length !== l.n * l.n) {
      issue(['landscape', 'values', metric], `must hold n² = ${l.n * l.n} values`);
    }
  }
  if (l.trajectories.length !== file.runs.length) {
    issue(['landscape', 'trajectories'], `must hold one path per run (${file.runs.length})`);
  }
  l.trajectories.forEach((t, k) => {
    for (const key of ['b', 'trueLoss', 'planeLoss', 'offPlaneRelative'] as const) {
      if (t[key].length !== t.a.length) {
        issue(
          ['landscape', 'trajectories', k, key],
          `must hold as many points as a (${t.a.length})`,
        );
      }
    }
  });
}

/** The minima comparison's lists: every metric list as long as its coordinates, n² plane values. */
function checkMinimaLengths(
  minima: z.output<typeof MinimaFileSchema>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const metrics = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
  const sameLength = (
    path: (string | number)[],
    lists: Partial<Record<(typeof metrics)[number], unknown[] | null>>,
    n: number,
    of: string,
  ) => {
    for (const key of metrics) {
      const list = lists[key];
      if (list && list.length !== n) issue([...path, key], `must hold one value per ${of} (${n})`);
    }
  };
  minima.minima.forEach((m, k) => {
    const path = ['minima', 'minima', k];
    const n = m.plane.coords.length;
    if (m.plane.values.length !== n * n)
      issue([...path, 'plane', 'values'], `must hold n² = ${n * n} values`);
    if (m.density.density.length !== m.density.grid.length)
      issue(
        [...path, 'density', 'density'],
        `must hold one value per grid point (${m.density.grid.length})`,
      );
    for (const which of ['eigen', 'random'] as const) {
      const slice = m.slices[which];
      sameLength([...path, 'slices', which], slice, slice.coords.length, 'coordinate');
    }
  });
  sameLength(['minima', 'interpolation'], minima.interpolation, minima.interpolation.t.length, 't');
}

const ResultFileShape = z.object({
  config: ExperimentSchema,
  view: ViewSchema.optional(),
  backend: z.string(),
  problem: z.object({
    name: z.string(),
    parameters: count,
    layout: z
      .array(
        z.object({
          name: z.string(),
          shape: z.array(count).readonly(),
          // The engine's key order (a file read and written again keeps its text).
          kind: z.enum(['weight', 'bias']),
          unitAxis: count.optional(),
          offset: count,
        }),
      )
      .readonly(),
  }),
  unavailable: z.object({ testLoss: z.string().optional(), testAccuracy: z.string().optional() }),
  runs: z.array(
    z.object({
      name: z.string(),
      hyper: HyperSchema,
      diverged: z.boolean(),
      divergedAt: count.nullable(),
      trajectory: z.array(PointSchema),
    }),
  ),
  classification: ClassificationFileSchema.optional(),
  landscape: LandscapeFileSchema.optional(),
  connect: ConnectFileSchema.optional(),
  badMinima: BadMinimaFileSchema.optional(),
  ensemble: EnsembleFileSchema.optional(),
  noise: NoiseFileSchema.optional(),
  curvature: z
    .object({
      split: z.enum(['train', 'test']),
      batch: z.union([z.literal('full'), count]),
      runs: z.array(
        z.object({
          run: count,
          name: z.string(),
          step: count,
          eigen: z
            .object({
              values: measuredList,
              residuals: measuredList,
              vectors: z.array(measuredList),
              steps: count,
            })
            .optional(),
          trace: z.object({ value: measured, standardError: measured, probes: count }).optional(),
          density: z
            .object({
              grid: measuredList,
              density: measuredList,
              sigma: measured,
              moments: z.tuple([measured, measured]),
            })
            .optional(),
          sharpness: z
            .array(
              z.object({ epsilon: z.number(), value: measured, loss: measured, maxLoss: measured }),
            )
            .optional(),
        }),
      ),
    })
    .optional(),
  minima: MinimaFileSchema.optional(),
  implicitBias: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('max-margin'),
        svm: z.object({
          theta: z.array(z.number()),
          direction: z.array(z.number()),
          margin: z.number(),
          support: z.array(count),
        }),
        runs: z.array(
          z.object({
            name: z.string(),
            steps: z.array(count),
            angle: measuredList,
            margin: measuredList,
            norm: measuredList,
          }),
        ),
      }),
      z.object({
        kind: z.literal('min-norm'),
        minNorm: z.object({
          theta: z.array(z.number()),
          norm: z.number(),
          trainLoss: z.number(),
          testLoss: measured,
        }),
        runs: z.array(
          z.object({
            name: z.string(),
            steps: z.array(count),
            distance: measuredList,
            relativeDistance: measuredList,
            norm: measuredList,
          }),
        ),
      }),
    ])
    .optional(),
});

/**
 * A result file as JSON gives it (measured numbers may be null: NaN or ±Infinity when written).
 * Unknown fields are ignored; list lengths are checked against each other.
 */
export const ResultFileSchema = ResultFileShape.superRefine(checkLengths);

/** A validated result file (null where a number was NaN or infinite). */
export type ResultFile = z.output<typeof ResultFileSchema>;

/** Compile-time check: every `ExperimentResult` the CLI writes is a valid result file's input. */
type Assignable<T extends U, U> = T;
export type _ResultIsAFile = Assignable<ExperimentResult, z.input<typeof ResultFileSchema>>;
