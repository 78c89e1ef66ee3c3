/**
 * The one document for what a user chooses: `{ experiment, view, display }` (an `AppConfig`).
 *
 * - `experiment`: what is trained (`ExperimentSchema`: problem, data, runs, steps, recording, seed).
 * - `view`: which landscape the user looks at (plane, grid, range, metric); the worker and the CLI
 *   turn it into the `LandscapeConfig` actually computed with `landscapeSpecFor`
 *   (`experiment/view.ts`).
 * - `display`: how it is drawn (3-D or contour, height scale and clip, playback speed, colour map,
 *   lecture mode, the step-and-Taylor overlay on surfaces).
 *
 * One schema (`AppConfigSchema`), one set of defaults (`DEFAULT_APP_CONFIG`: `{}` is the app's demo,
 * the SGD vs momentum vs Adam race on two circles), one JSON encoding (`encodeAppConfig`, read back
 * by `parseAppConfig`). The app, the CLI, the URL, presets and saved files are encodings of it. A
 * file with only an experiment's fields is still read, as `{ experiment: file }`.
 */
import { z } from './zod';
import { ExplicitPlaneSchema } from './directions-schema';
import { parseWith } from './parse';
import {
  DataSchema,
  ExperimentSchema,
  LANDSCAPE_METRICS,
  LandscapeSchema,
  ProblemSchema,
  RANGE_MAX,
  RunPointSchema,
  RunSchema,
  ScheduleSchema,
  int,
  metricProblem,
  num,
  rangeEnd,
  type ExperimentConfig,
  type ExperimentInput,
  type LandscapeMetric,
} from './schema';

export { LANDSCAPE_METRICS, type LandscapeMetric };

/**
 * The app's default experiment as a user would write it (the forms edit this form: fields left
 * out take the schema's defaults): SGD (lr 0.3), momentum (lr 0.1, μ 0.9) and Adam (lr 0.02) from
 * the same θ₀, an MLP 2-16-16-1 on 320 points of two concentric circles, 300 updates recorded
 * every 2. Tuned so that the three visibly differ within a few seconds (measured headless on wasm,
 * training loss from 0.714): Adam leaves the plateau by step 50 (0.037), momentum by step 100
 * (0.24), SGD by step 200 (0.41); at step 300: SGD 0.095, momentum 0.012, Adam 0.0008. (On two
 * spirals SGD and momentum stay on the 0.66 plateau for hundreds of steps: the race showed one
 * horse; the spirals are a lesson, `spiral-race`.)
 * A bare experiment file (`{}`) keeps the schema's own defaults (SGD lr 0.1, recorded every 10).
 */
export const DEFAULT_EXPERIMENT: ExperimentInput = deepFreeze({
  seed: 1,
  problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
  data: { kind: 'circles', points: 320, noise: 0.05, testFraction: 0.2 },
  runs: [
    { name: 'SGD', optimizer: 'sgd', lr: 0.3 },
    { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
    { name: 'Adam', optimizer: 'adam', lr: 0.02 },
  ],
  steps: 300,
  recordEvery: 2,
});

export const VIEW_DIRECTIONS = ['pca', 'random', 'points', 'hessian', 'axes', 'varpro'] as const;
export const NORMALIZATIONS = ['filter', 'layer', 'none'] as const;
export const VIEW_MODES = ['3d', 'contour'] as const;
export const HEIGHT_SCALES = ['linear', 'log'] as const;
export const COLORMAPS = ['viridis', 'magma', 'inferno', 'cividis'] as const;

const oneOf = (values: readonly string[]) =>
  `must be ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

const RANGE_MESSAGE = `must be "fit" or [min, max] with -${RANGE_MAX} ≤ min < max ≤ ${RANGE_MAX}`;

/**
 * What landscape the user looks at. The worker and the CLI turn it into the landscape actually
 * computed with `landscapeSpecFor` (`experiment/view.ts`): a surface is always drawn on its own
 * axes ('axes' means 'random' for a network, and 'hessian' means 'axes' for a surface), PCA and
 * 'points' show the random plane at θ₀ until the runs have moved, 'hessian' is the plane of the
 * top two Hessian eigenvectors at run 0's newest point, and 'fit' fits the range to the paths.
 */
export const ViewSchema = z.strictObject(
  {
    /** A named plane, or an explicit one (a plane file's `{kind: 'explicit', d1, d2, …}`). */
    directions: z
      .union([z.enum(VIEW_DIRECTIONS), ExplicitPlaneSchema], { error: oneOf(VIEW_DIRECTIONS) })
      .default('pca'),
    /** Points per axis. */
    n: int(5, 201).default(41),
    /** [min, max] for both axes, or 'fit' to the projected paths (plus `margin`). */
    range: z
      .union([z.literal('fit'), z.tuple([rangeEnd(), rangeEnd()])], { error: RANGE_MESSAGE })
      .refine((r) => r === 'fit' || r[0] < r[1], { error: RANGE_MESSAGE })
      .default('fit'),
    metric: z.enum(LANDSCAPE_METRICS, { error: oneOf(LANDSCAPE_METRICS) }).default('trainLoss'),
    normalization: z.enum(NORMALIZATIONS, { error: oneOf(NORMALIZATIONS) }).default('filter'),
    orthogonalize: z.boolean({ error: 'must be true or false' }).default(false),
    /** 'points': three run points; default: run 0's start and end and run 1's end. */
    through: z
      .tuple([RunPointSchema, RunPointSchema, RunPointSchema], {
        error:
          'must be three run points like [{"run": 0, "at": "initial"}, {"run": 0}, {"run": 1}]',
      })
      .optional(),
    /** Fraction of the fitted extent added on each side of a 'fit' range. */
    margin: num()
      .min(0, { error: 'must be from 0 to 2' })
      .max(2, { error: 'must be from 0 to 2' })
      .default(0.25),
    /** Seed of the random directions (default: derived from the experiment's seed). */
    seed: int(0, 2 ** 31 - 1).optional(),
  },
  { error: 'must be an object like {"directions": "pca", "n": 41}' },
);

const CLIP_MESSAGE = 'must be > 0 and ≤ 1';

/** How the landscape is drawn. */
export const DisplaySchema = z.strictObject(
  {
    viewMode: z.enum(VIEW_MODES, { error: oneOf(VIEW_MODES) }).default('3d'),
    height: z
      .strictObject(
        {
          scale: z.enum(HEIGHT_SCALES, { error: oneOf(HEIGHT_SCALES) }).default('log'),
          /** Heights above this quantile of the grid are clipped (1: nothing is). */
          clip: num().gt(0, { error: CLIP_MESSAGE }).max(1, { error: CLIP_MESSAGE }).default(0.95),
        },
        { error: 'must be an object like {"scale": "log", "clip": 0.95}' },
      )
      .default(() => ({ scale: 'log' as const, clip: 0.95 })),
    /** Updates per animation frame while playing. */
    speed: int(1, 1000).default(5),
    colormap: z.enum(COLORMAPS, { error: oneOf(COLORMAPS) }).default('viridis'),
    /** Lecture mode: large type, thick lines, high-contrast colours, the sidebar folded away. */
    lecture: z.boolean({ error: 'must be true or false' }).default(false),
    /**
     * Analytic surfaces: the selected run's step from the point on screen, drawn on the surface
     * with its second-order Taylor model beside it, and the multipliers 1 − ηλ of its Hessian's
     * eigen-directions (`scene/overshoot.ts`).
     */
    overshoot: z.boolean({ error: 'must be true or false' }).default(false),
    /**
     * Data problems: the selected run's mini-batch gradient-noise ellipse at its marker on the
     * contour map (and its label-noise split), recomputed when training pauses (`worker/jobs/noise.ts`).
     */
    noiseEllipse: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'must be an object like {"viewMode": "3d", "speed": 5}' },
);

/** The keys of a document; an object with none of them (and some key) is an experiment file. */
const DOCUMENT_KEYS = ['experiment', 'view', 'display'] as const;

export const AppConfigSchema = z
  .strictObject(
    {
      experiment: ExperimentSchema.default(() => ExperimentSchema.parse(DEFAULT_EXPERIMENT)),
      view: ViewSchema.default(() => ViewSchema.parse({})),
      display: DisplaySchema.default(() => DisplaySchema.parse({})),
    },
    { error: 'must be a JSON object like {"experiment": {…}, "view": {…}, "display": {…}}' },
  )
  .superRefine(
    (doc, ctx) => {
      const { experiment, view } = doc;
      const runs = experiment.runs.length;
      view.through?.forEach((point, i) => {
        if (point.run >= runs) {
          ctx.addIssue({
            code: 'custom',
            path: ['view', 'through', i, 'run'],
            message: `refers to run ${point.run}, but there ${runs === 1 ? 'is 1 run' : `are ${runs} runs`} (0 … ${runs - 1})`,
            input: point.run,
          });
        }
      });
      const metric = metricProblem(experiment, view.metric);
      if (metric) {
        ctx.addIssue({
          code: 'custom',
          path: ['view', 'metric'],
          // The fields the message names are the experiment's.
          message: metric.replace(/\bdata\.(testX|testFraction)\b/g, 'experiment.data.$1'),
          input: view.metric,
        });
      }
    },
    // Cross-section rules only once every field is valid (they read the fields' values).
    { when: (payload) => payload.issues.length === 0 },
  );

/** A validated document with every default filled in. */
export type AppConfig = z.output<typeof AppConfigSchema>;
/** What a user may write: any field may be omitted. */
export type AppConfigInput = z.input<typeof AppConfigSchema>;
export type ViewConfig = z.output<typeof ViewSchema>;
export type ViewInput = z.input<typeof ViewSchema>;
export type DisplayConfig = z.output<typeof DisplaySchema>;
export type DisplayInput = z.input<typeof DisplaySchema>;

/** The app's demo: `AppConfigSchema.parse({})`. Frozen: copy it (`structuredClone`) to edit. */
export const DEFAULT_APP_CONFIG: AppConfig = deepFreeze(structuredClone(AppConfigSchema.parse({})));
export const DEFAULT_VIEW: ViewConfig = DEFAULT_APP_CONFIG.view;
export const DEFAULT_DISPLAY: DisplayConfig = DEFAULT_APP_CONFIG.display;

/**
 * Whether `input` is a document (an object with an `experiment`, `view` or `display` key, or `{}`)
 * rather than an experiment-only file (an object with an experiment's fields and none of those).
 */
export function isAppConfigInput(input: unknown): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return true;
  return Object.keys(input).length === 0 || hasDocumentSection(input);
}

/**
 * Whether `input` is an object with an `experiment`, `view` or `display` key: what the CLI reads
 * as a document (any other file, `{}` included, is an experiment file as it always was).
 */
export function hasDocumentSection(input: unknown): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  return DOCUMENT_KEYS.some((k) => Object.hasOwn(input, k));
}

/**
 * Validates a document and fills in its defaults; throws `ConfigError` listing every problem
 * (paths from the document's root: `experiment.runs[0].lr`, `view.n`). `{}` is the app's demo.
 * An experiment-only file (an object with an experiment's fields and no `experiment`, `view` or
 * `display` key) is read as `{ experiment: input }`, with the experiment schema's own defaults
 * and its problems named as before (`runs[0].lr`).
 */
export function parseAppConfig(input: unknown): AppConfig {
  if (!isAppConfigInput(input)) {
    const experiment = parseWith(ExperimentSchema, input);
    return { experiment, view: ViewSchema.parse({}), display: DisplaySchema.parse({}) };
  }
  return parseWith(AppConfigSchema, input);
}

/**
 * The document as a JSON-safe plain object that `parseAppConfig` reads back to an equal document:
 * fields equal to their defaults are left out (`{}` for the demo), values are copies. The
 * experiment is left out when it is the app's demo; otherwise its fields are compared with the
 * experiment schema's own defaults (those a written `experiment` gets).
 */
export function encodeAppConfig(doc: AppConfig): AppConfigInput {
  const out: AppConfigInput = {};
  if (!sameValue(doc.experiment, DEFAULT_APP_CONFIG.experiment))
    out.experiment = encodeExperiment(doc.experiment);
  const view = prune(doc.view, DEFAULT_VIEW);
  if (view) out.view = view;
  const display = prune(doc.display, DEFAULT_DISPLAY);
  if (display) out.display = display;
  return out;
}

type Json = Record<string, unknown>;

let schemaDefaults: {
  experiment: ExperimentConfig;
  run: Json;
  schedule: Json;
  landscape: Json;
} | null = null;

/** The experiment schema's own defaults, computed once. */
function experimentDefaults(): NonNullable<typeof schemaDefaults> {
  schemaDefaults ??= {
    experiment: ExperimentSchema.parse({}),
    run: RunSchema.parse({}),
    schedule: ScheduleSchema.parse({}),
    landscape: LandscapeSchema.parse({}),
  };
  return schemaDefaults;
}

/** The defaults a problem or data set of this kind gets (custom data has no complete default). */
function kindDefaults(schema: z.ZodType, kind: string): Json {
  const parsed = schema.safeParse({ kind });
  return parsed.success ? (parsed.data as Json) : { kind };
}

function encodeExperiment(e: ExperimentConfig): ExperimentInput {
  const defaults = experimentDefaults();
  const out: Json = {};
  for (const [key, value] of Object.entries(e)) {
    if (value === undefined || sameValue(value, (defaults.experiment as Json)[key])) continue;
    if (key === 'problem' || key === 'data') {
      const kind = (value as { kind: string }).kind;
      const schema = key === 'problem' ? ProblemSchema : DataSchema;
      // The kind is kept: it says which defaults the other fields get.
      out[key] = { kind, ...prune(value as Json, kindDefaults(schema, kind)) };
    } else if (key === 'runs') {
      out.runs = (value as Json[]).map((run) => prune(run, defaults.run) ?? {});
    } else if (key === 'landscape') {
      out.landscape = prune(value as Json, defaults.landscape) ?? {};
    } else {
      out[key] = copy(value);
    }
  }
  return out as ExperimentInput;
}

/**
 * The fields of `value` that differ from `defaults` (copies), recursing into objects that have
 * object defaults; undefined when none differ.
 */
function prune<T extends object>(value: T, defaults: object): Partial<T> | undefined {
  const out: Json = {};
  const d = defaults as Json;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || sameValue(v, d[key])) continue;
    out[key] = isPlainObject(v) && isPlainObject(d[key]) ? prune(v, d[key]) : copy(v);
  }
  return Object.keys(out).length ? (out as Partial<T>) : undefined;
}

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A deep copy of a JSON value (arrays of numbers copied with `slice`, which is fast). */
function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [key, x] of Object.entries(v)) if (x !== undefined) out[key] = copy(x);
    return out as T;
  }
  return v;
}

/** Deep equality of JSON values; a key whose value is undefined counts as absent. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!sameValue(a[key], b[key])) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
