/**
 * The one experiment config: problem, data, model, runs, steps, recording and seed, validated with
 * zod. The CLI's JSON files, and later the URL hash, embeds and presets, are encodings of it.
 * Every field has a default, so `{}` is a valid config (the SGD vs momentum vs Adam race on two
 * spirals).
 */
import { z } from './zod';
import { DirectionsSchema } from './directions-schema';
import { MAX_CUSTOM_POINTS, numberList, pointList } from './float32-lists';
import { EnsembleSchema, ensembleProblems } from './ensemble-schema';
import { NoiseSchema } from './noise-schema';
import { DigitsDataSchema } from './digits-schema';
import { int, nonNegative, num, positive } from './schema-fields';
import { RunPointSchema, RunSchema, theta0List } from './run-schema';
import { CurvatureSchema } from './curvature-schema';
import { MinimaSchema } from './minima-schema';
import { ConnectSchema } from './connect-schema';
import { BadMinimaSchema } from './bad-minima-schema';
import { ImplicitBiasSchema } from './implicit-bias-schema';
import {
  ACCURACY_PROBLEM,
  CLASSIFICATION_DATASETS,
  implicitBiasProblem,
  isClassifier,
  testSetProblem,
} from './config-facts';

export { FLOAT32_MAX, MAX_COORDINATES, MAX_CUSTOM_POINTS } from './float32-lists';
export {
  CLASSIFICATION_DATASETS,
  configClasses,
  implicitBiasProblem,
  isClassifier,
  metricProblem,
  testSetSize,
  trainSetSize,
} from './config-facts';
export { int, num } from './schema-fields';
export {
  MAX_THETA0_LENGTH,
  OPTIMIZERS,
  RunOptimizerSchema,
  RunPointSchema,
  RunSchema,
  ScheduleSchema,
  type RunConfig,
} from './run-schema';
export { CurvatureSchema, type CurvatureConfig } from './curvature-schema';
export { MINIMA_RANGE_MAX, MinimaSchema, type MinimaConfig } from './minima-schema';
export { ConnectSchema, CurveOptimizerSchema, type ConnectConfig } from './connect-schema';
export { BadMinimaSchema, type BadMinimaConfig } from './bad-minima-schema';
export { ImplicitBiasSchema, type ImplicitBiasConfig } from './implicit-bias-schema';
/** Bound of `landscape.range` (plane coordinates). */
export const RANGE_MAX = 1e6;

export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
export const SURFACE_NAMES = [
  'quadratic',
  'rosenbrock',
  'beale',
  'himmelblau',
  'saddle',
  'rastrigin',
  'plateau-cliff',
] as const;
/**
 * Most classes a classification set may have (labels 0 … MAX_CLASSES − 1); the engine's
 * `MAX_CLASSES` (engine/data/datasets.ts) is the same number (a test checks).
 */
export const MAX_CLASSES = 32;

export const ProblemSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('mlp'),
      hidden: z
        .array(int(1, 256), { error: 'must be a list of layer widths, e.g. [16, 16]' })
        .min(1, { error: 'must list 1 to 4 hidden layer widths' })
        .max(4, { error: 'must list 1 to 4 hidden layer widths' })
        .default([16, 16]),
      activation: z
        .enum(ACTIVATIONS, { error: `must be one of ${ACTIVATIONS.join(', ')}` })
        .default('tanh'),
    }),
    z.strictObject({ kind: z.literal('logistic') }),
    z.strictObject({ kind: z.literal('linear-regression') }),
    z.strictObject({ kind: z.literal('tanh-regression'), units: int(1, 64).default(4) }),
    z.strictObject({
      kind: z.literal('surface'),
      surface: z
        .enum(SURFACE_NAMES, { error: `must be one of ${SURFACE_NAMES.join(', ')}` })
        .default('rosenbrock'),
      kappa: num()
        .min(1, { error: 'must be ≥ 1' })
        .max(1e6, { error: 'must be ≤ 1e6' })
        .default(10),
    }),
    /** The LeNet-like CNN on the 8×8 digits (engine/problems/cnn.ts). */
    z.strictObject({
      kind: z.literal('cnn'),
      channels: z
        .tuple([int(1, 32), int(1, 32)], {
          error:
            "must be the two convolutions' output channels [c1, c2], each 1 to 32, e.g. [4, 8]",
        })
        .default([4, 8]),
      // tanh, as the MLP's: the form shows one default per field (ui/panels/defaults.ts).
      activation: z
        .enum(ACTIVATIONS, { error: `must be one of ${ACTIVATIONS.join(', ')}` })
        .default('tanh'),
    }),
  ],
  { error: 'must be one of mlp, logistic, linear-regression, tanh-regression, surface, cnn' },
);

const testFraction = num()
  .min(0, { error: 'must be from 0 to 0.9' })
  .max(0.9, { error: 'must be from 0 to 0.9' })
  .default(0.2);
const noise = nonNegative.max(10, { error: 'must be from 0 to 10' });
const points = int(2, 100_000);
const targetList = numberList(MAX_CUSTOM_POINTS, 'targets');

export const DataSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.enum(CLASSIFICATION_DATASETS),
      points: points.default(320),
      noise: noise.default(0.05),
      testFraction,
      margin: num()
        .min(0, { error: 'must be from 0 to 1' })
        .max(1, { error: 'must be from 0 to 1' })
        .default(0.1),
    }),
    z.strictObject({
      kind: z.literal('tanh-teacher'),
      points: points.default(64),
      noise: noise.default(0.1),
      testFraction,
      teacherUnits: int(1, 64).default(3),
      teacherSlope: positive(100).default(2),
    }),
    z.strictObject({
      kind: z.literal('linear-design'),
      points: points.default(20),
      features: int(1, 10_000).default(50),
      noise: noise.default(0),
      testFraction,
    }),
    z.strictObject({
      kind: z.literal('custom'),
      task: z.enum(['classification', 'regression'], {
        error: 'must be classification or regression',
      }),
      x: pointList(2),
      y: targetList,
      /** Explicit test points (an empty list: no test set); their width must be x's. */
      testX: pointList(0).optional(),
      testY: targetList.optional(),
      testFraction,
    }),
    DigitsDataSchema,
  ],
  {
    error: `must be one of ${CLASSIFICATION_DATASETS.join(', ')}, tanh-teacher, linear-design, digits, custom`,
  },
);

export const LANDSCAPE_METRICS = [
  'trainLoss',
  'testLoss',
  'trainAccuracy',
  'testAccuracy',
] as const;
/** What a landscape can show at every grid point: the one metric vocabulary of the app. */
export type LandscapeMetric = (typeof LANDSCAPE_METRICS)[number];

/** One end of a plane range, within ±RANGE_MAX. */
export const rangeEnd = () =>
  num()
    .min(-RANGE_MAX, { error: `must be from -${RANGE_MAX} to ${RANGE_MAX}` })
    .max(RANGE_MAX, { error: `must be from -${RANGE_MAX} to ${RANGE_MAX}` });

export const LandscapeSchema = z.strictObject(
  {
    /**
     * 'random': filter-normalised random plane at `centre`; 'pca': the top two principal directions
     * of the recorded trajectories; 'points': the plane through three run points; 'axes': the
     * coordinate axes of an analytic surface; 'hessian': the unit eigenvectors of the two largest
     * Hessian eigenvalues (train loss, full batch) at `centre`; 'varpro' (tanh-regression only):
     * the exact reduced loss over (w, shared shift of the centres) with α eliminated by variable
     * projection, centres relative to `centre`'s; or an explicit plane
     * `{kind: 'explicit', d1, d2, centre?}` (`directions-schema.ts`). Default: 'axes' for surfaces,
     * else 'random'.
     */
    directions: DirectionsSchema.optional(),
    /** 'varpro' only: how many dynamic outliers (largest residuals) to list per point (default 5). */
    outliers: int(1, 100).optional(),
    /** Centre of a random or Hessian plane: a run's initial or final θ (default: run 0's final θ). */
    centre: RunPointSchema.default({ run: 0, at: 'final' }),
    /** 'points' only: the three points, e.g. [{run:0,at:'initial'},{run:0},{run:1}]. */
    through: z
      .tuple([RunPointSchema, RunPointSchema, RunPointSchema], {
        error: 'must be three run points',
      })
      .optional(),
    normalization: z
      .enum(['filter', 'layer', 'none'], { error: 'must be filter, layer or none' })
      .default('filter'),
    bias: z.enum(['zero', 'copy'], { error: 'must be zero or copy' }).default('zero'),
    orthogonalize: z.boolean({ error: 'must be true or false' }).default(false),
    /** Seed of the random directions (default: derived from the experiment seed). */
    seed: int(0, 2 ** 31 - 1).optional(),
    n: int(5, 201).default(51),
    /** [min, max] for both axes, or 'fit' to the projected trajectories (default: fit, or [−1, 1] for random). */
    range: z
      .union([z.literal('fit'), z.tuple([rangeEnd(), rangeEnd()])], {
        error: 'must be "fit" or [min, max]',
      })
      .optional(),
    margin: num()
      .min(0, { error: 'must be from 0 to 2' })
      .max(2, { error: 'must be from 0 to 2' })
      .default(0.2),
    metrics: z
      .array(
        z.enum(LANDSCAPE_METRICS, { error: `must be one of ${LANDSCAPE_METRICS.join(', ')}` }),
        { error: 'must be a list of metrics, e.g. ["trainLoss", "testLoss"]' },
      )
      .min(1, { error: 'must list at least one metric' })
      .default(['trainLoss']),
  },
  { error: 'must be an object' },
);

export const ExperimentSchema = z
  .strictObject(
    {
      seed: int(0, 2 ** 31 - 1).default(1),
      problem: ProblemSchema.default({ kind: 'mlp', hidden: [16, 16], activation: 'tanh' }),
      data: DataSchema.default(() => DataSchema.parse({ kind: 'spiral' })),
      runs: z
        .array(RunSchema, { error: 'must be a list of runs' })
        .min(1, { error: 'must have 1 to 16 runs' })
        .max(16, { error: 'must have 1 to 16 runs' })
        .default(
          [
            { optimizer: 'sgd', lr: 0.1, name: 'SGD' },
            { optimizer: 'momentum', lr: 0.1, name: 'Momentum' },
            { optimizer: 'adam', lr: 0.01, name: 'Adam' },
          ].map((r) => RunSchema.parse(r)),
        ),
      steps: int(1, 1_000_000).default(500),
      recordEvery: int(1, 1_000_000).default(10),
      /** Explicit θ₀ shared by all runs (length P). */
      theta0: theta0List.optional(),
      divergenceFactor: num()
        .gt(1, { error: 'must be > 1' })
        .max(1e30, { error: 'must be ≤ 1e30' })
        .default(100),
      /** A loss landscape around what the runs did, computed after training (CLI). */
      landscape: LandscapeSchema.optional(),
      /** Curvature of the runs' points, computed after training (CLI). */
      curvature: CurvatureSchema.optional(),
      /** Flat vs sharp: two runs' minima compared, computed after training (CLI). */
      minima: MinimaSchema.optional(),
      /** A curve connecting two runs' final points, trained after training (CLI). */
      connect: ConnectSchema.optional(),
      /** Nearby bad minima of one run's path, trained after training (CLI). */
      badMinima: BadMinimaSchema.optional(),
      /** Implicit bias: each run against the SVM direction or A⁺b, after training (CLI). */
      implicitBias: ImplicitBiasSchema.optional(),
      /** Seed ensembles at several temperatures η/B, trained after the runs (CLI). */
      ensemble: EnsembleSchema.optional(),
      /** Gradient-noise covariance at runs' points on the landscape plane (noise-schema.ts, CLI). */
      noise: NoiseSchema.optional(),
    },
    { error: 'must be a JSON object' },
  )
  .superRefine(
    (config, ctx) => {
      const { problem, data } = config;
      const isClassification =
        (CLASSIFICATION_DATASETS as readonly string[]).includes(data.kind) ||
        data.kind === 'digits' ||
        (data.kind === 'custom' && data.task === 'classification');
      const fail = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      if (
        (problem.kind === 'mlp' || problem.kind === 'logistic') &&
        data.kind === 'linear-design'
      ) {
        fail(
          ['data', 'kind'],
          `'linear-design' data is for problem 'linear-regression', not '${problem.kind}'`,
        );
      }
      if (problem.kind === 'logistic' && !isClassification) {
        fail(
          ['data', 'kind'],
          "problem 'logistic' needs classification data (a 2-D set or custom classification points)",
        );
      }
      if (problem.kind === 'cnn' && data.kind !== 'digits') {
        fail(
          ['data', 'kind'],
          `problem 'cnn' needs image data: 'digits' (the 8×8 handwritten digits), not '${data.kind}'`,
        );
      }
      if (
        problem.kind === 'tanh-regression' &&
        data.kind !== 'tanh-teacher' &&
        !(data.kind === 'custom' && data.task === 'regression')
      ) {
        fail(
          ['data', 'kind'],
          "problem 'tanh-regression' needs 1-D regression data: 'tanh-teacher' or custom regression points",
        );
      }
      if (
        problem.kind === 'linear-regression' &&
        data.kind !== 'linear-design' &&
        !(data.kind === 'custom' && data.task === 'regression')
      ) {
        fail(
          ['data', 'kind'],
          "problem 'linear-regression' needs 'linear-design' data or custom regression points",
        );
      }
      const landscape = config.landscape;
      if (landscape) {
        const runIndices = [landscape.centre.run, ...(landscape.through ?? []).map((p) => p.run)];
        runIndices.forEach((r) => {
          if (r >= config.runs.length)
            fail(['landscape'], `refers to run ${r}, but there are ${config.runs.length} runs`);
        });
        if (landscape.directions === 'points' && !landscape.through)
          fail(['landscape', 'through'], "is needed for directions 'points'");
        if (landscape.directions === 'axes' && problem.kind !== 'surface')
          fail(['landscape', 'directions'], "'axes' is only for analytic surfaces");
        if (landscape.directions === 'varpro' && problem.kind !== 'tanh-regression')
          fail(
            ['landscape', 'directions'],
            "'varpro' (the exact (w, shift) landscape) is only for problem 'tanh-regression'",
          );
        if (Array.isArray(landscape.range) && !(landscape.range[0] < landscape.range[1]))
          fail(['landscape', 'range'], 'must be [min, max] with min < max');
        if (!isClassifier(config) && landscape.metrics.some((m) => m.endsWith('Accuracy')))
          fail(['landscape', 'metrics'], ACCURACY_PROBLEM);
        const testMetric = landscape.metrics.find((m) => m.startsWith('test'));
        const testProblem = testMetric && testSetProblem(config, testMetric);
        if (testProblem) fail(['landscape', 'metrics'], testProblem);
      }
      /** A block's run index `r` at `path` must name one of the runs. */
      const runExists = (path: (string | number)[], r: number) => {
        if (r >= config.runs.length)
          fail(path, `refers to run ${r}, but there are ${config.runs.length} runs`);
      };
      /** Curvature on the test loss needs a test set and the full batch. */
      const testSplitServed = (block: string, split: 'train' | 'test', batch: 'full' | number) => {
        if (split !== 'test') return;
        if (problem.kind === 'surface') {
          fail([block, 'split'], "an analytic surface has no test set: use 'train'");
          return;
        }
        const testProblem = testSetProblem(config, 'testLoss');
        if (testProblem) fail([block, 'split'], testProblem);
        if (batch !== 'full')
          fail([block, 'batch'], "a mini-batch is drawn from the train split: use 'full'");
      };
      const curvature = config.curvature;
      if (curvature) {
        if (Array.isArray(curvature.runs))
          curvature.runs.forEach((r, i) => runExists(['curvature', 'runs', i], r));
        testSplitServed('curvature', curvature.split, curvature.batch);
      }
      const minima = config.minima;
      if (minima) {
        minima.runs.forEach((r, i) => runExists(['minima', 'runs', i], r));
        if (minima.runs[0] === minima.runs[1])
          fail(['minima', 'runs'], 'must name two different runs, e.g. [0, 1]');
        testSplitServed('minima', minima.split, minima.batch);
      }
      const connect = config.connect;
      if (connect) {
        connect.runs.forEach((r, i) => runExists(['connect', 'runs', i], r));
        if (connect.runs[0] === connect.runs[1])
          fail(['connect', 'runs'], 'must be two different runs (a curve joins two end points)');
      }
      const bad = config.badMinima;
      if (bad) {
        runExists(['badMinima', 'run'], bad.run);
        if (!isClassifier(config))
          fail(
            ['badMinima'],
            'random labels need a classification problem (mlp or logistic on classification data)',
          );
        else {
          const testProblem = testSetProblem(config, 'testAccuracy');
          if (testProblem) fail(['badMinima'], testProblem);
        }
        if (bad.planeBad !== undefined && bad.planeBad >= bad.checkpoints.length)
          fail(
            ['badMinima', 'planeBad'],
            `refers to checkpoint ${bad.planeBad}, but there are ${bad.checkpoints.length} checkpoints`,
          );
      }
      if (config.implicitBias) {
        const why = implicitBiasProblem(config);
        if (why) fail(['implicitBias'], why);
      }
      for (const [path, message] of ensembleProblems(config)) fail(path, message);
      if (data.kind === 'custom') {
        const d = data.x[0]?.length ?? 0;
        if (data.y.length !== data.x.length)
          fail(
            ['data', 'y'],
            `must have one target per point: ${data.x.length} points, ${data.y.length} targets`,
          );
        data.x.forEach((row, i) => {
          if (row.length !== d)
            fail(
              ['data', 'x', i],
              `every point must have ${d} coordinates, this one has ${row.length}`,
            );
        });
        if (problem.kind === 'tanh-regression' && d !== 1) {
          fail(
            ['data', 'x'],
            `problem 'tanh-regression' needs 1-D inputs, these points have ${d} coordinates`,
          );
        }
        data.testX?.forEach((row, i) => {
          if (row.length !== d)
            fail(
              ['data', 'testX', i],
              `every test point must have ${d} coordinate${d === 1 ? '' : 's'} like the training points, this one has ${row.length}`,
            );
        });
        if (data.task === 'classification') {
          const labelRule = `class labels must be whole numbers from 0 to ${MAX_CLASSES - 1} (0 and 1 for two classes)`;
          data.y.forEach((label, i) => {
            if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES)
              fail(['data', 'y', i], labelRule);
          });
          data.testY?.forEach((label, i) => {
            if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES)
              fail(['data', 'testY', i], labelRule);
          });
        }
        if ((data.testX === undefined) !== (data.testY === undefined)) {
          fail(['data', data.testX ? 'testY' : 'testX'], 'testX and testY must be given together');
        }
        if (data.testX && data.testY && data.testX.length !== data.testY.length) {
          fail(
            ['data', 'testY'],
            `must have one target per test point: ${data.testX.length} points, ${data.testY.length} targets`,
          );
        }
      }
    },
    // Cross-field rules only once every field is valid (they read the fields' values).
    { when: (payload) => payload.issues.length === 0 },
  );

/** A validated experiment config with every default filled in. */
export type ExperimentConfig = z.output<typeof ExperimentSchema>;
/** What a user may write: any field may be omitted. */
export type ExperimentInput = z.input<typeof ExperimentSchema>;
export type DataConfig = ExperimentConfig['data'];
export type ProblemConfig = ExperimentConfig['problem'];
export type LandscapeConfig = z.output<typeof LandscapeSchema>;
