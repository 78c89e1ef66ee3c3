import { describe, expect, it } from 'vitest';
import type { LandscapeMetric as EngineMetric } from '../engine/landscape/metrics';
import {
  AppConfigSchema,
  DEFAULT_APP_CONFIG,
  DEFAULT_EXPERIMENT,
  DEFAULT_VIEW,
  encodeAppConfig,
  hasDocumentSection,
  isAppConfigInput,
  parseAppConfig,
  type AppConfig,
  type AppConfigInput,
  type LandscapeMetric,
  type ViewConfig,
} from './app';
import { ConfigError, parseConfig } from './parse';
import { RunSchema, type LandscapeConfig } from './schema';

function problemsOf(input: unknown): readonly string[] {
  try {
    parseAppConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the document to be rejected');
}

/** A document through its JSON encoding and back. */
const roundTrip = (doc: AppConfig): AppConfig =>
  parseAppConfig(JSON.parse(JSON.stringify(encodeAppConfig(doc))));

// The page's view type (`ViewSpec`, worker/frames.ts when this was written): a view document must
// be usable wherever it is. Compile-time checks.
interface ViewSpecShape {
  directions:
    | 'random'
    | 'pca'
    | 'points'
    | 'hessian'
    | 'axes'
    | 'varpro'
    | { kind: 'explicit'; d1: number[]; d2: number[]; centre?: number[] };
  n: number;
  range: 'fit' | [number, number];
  metric: EngineMetric;
  normalization: 'filter' | 'layer' | 'none';
  orthogonalize: boolean;
  through?: LandscapeConfig['through'];
}
const _viewIsViewSpec: ViewSpecShape = DEFAULT_VIEW as ViewConfig;
const _configMetricIsEngines: EngineMetric = 'trainLoss' as LandscapeMetric;
const _engineMetricIsConfigs: LandscapeMetric = 'trainLoss' as EngineMetric;
void [_viewIsViewSpec, _configMetricIsEngines, _engineMetricIsConfigs];

describe('the document (AppConfig)', () => {
  it("{} is the app's demo: SGD lr 0.3, momentum, Adam on 320 circle points, recorded every 2", () => {
    const doc = parseAppConfig({});
    expect(doc).toEqual(DEFAULT_APP_CONFIG);
    expect(AppConfigSchema.parse({})).toEqual(DEFAULT_APP_CONFIG);
    expect(doc.experiment).toEqual(parseConfig(DEFAULT_EXPERIMENT));
    expect(doc.experiment.runs.map((r) => [r.name, r.optimizer, r.lr, r.momentum])).toEqual([
      ['SGD', 'sgd', 0.3, undefined],
      ['Momentum', 'momentum', 0.1, 0.9],
      ['Adam', 'adam', 0.02, undefined],
    ]);
    expect(doc.experiment).toMatchObject({
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'circles', points: 320, noise: 0.05, testFraction: 0.2 },
      steps: 300,
      recordEvery: 2,
    });
    expect(doc.view).toEqual({
      directions: 'pca',
      n: 41,
      range: 'fit',
      metric: 'trainLoss',
      normalization: 'filter',
      orthogonalize: false,
      margin: 0.25,
    });
    expect(doc.display).toEqual({
      viewMode: '3d',
      height: { scale: 'log', clip: 0.95 },
      speed: 5,
      colormap: 'viridis',
      lecture: false,
      overshoot: false,
      noiseEllipse: false,
    });
  });

  it('gives a written experiment the experiment schema’s own defaults (SGD lr 0.1, every 10)', () => {
    const doc = parseAppConfig({ experiment: {} });
    expect(doc.experiment).toEqual(parseConfig({}));
    expect(doc.experiment.runs[0]!.lr).toBe(0.1);
    expect(doc.experiment.recordEvery).toBe(10);
    expect(parseAppConfig({ view: { n: 21 } }).experiment).toEqual(DEFAULT_APP_CONFIG.experiment);
  });

  it('reads an experiment-only file as { experiment: file }, with its defaults and paths', () => {
    const file = { steps: 30, runs: [{ optimizer: 'adam' }], landscape: { n: 9 } };
    expect(isAppConfigInput(file)).toBe(false);
    expect(isAppConfigInput({})).toBe(true);
    expect(isAppConfigInput({ view: {} })).toBe(true);
    // The CLI reads a file as a document only when it names a section ({} is the race as before).
    expect(hasDocumentSection({})).toBe(false);
    expect(hasDocumentSection({ display: {} })).toBe(true);
    expect(hasDocumentSection(file)).toBe(false);
    const doc = parseAppConfig(file);
    expect(doc).toEqual({
      experiment: parseConfig(file),
      view: DEFAULT_APP_CONFIG.view,
      display: DEFAULT_APP_CONFIG.display,
    });
    // Its problems are named as before, from the file's root.
    expect(problemsOf({ runs: [{ lr: -1 }] })).toEqual([
      'runs[0].lr: must be > 0 and ≤ 1000000 (got -1)',
    ]);
  });

  it('leaves the defaults frozen (a copy is edited), and parses never share them', () => {
    expect(Object.isFrozen(DEFAULT_APP_CONFIG.experiment.runs[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_EXPERIMENT.runs)).toBe(true);
    const a = parseAppConfig({});
    a.view.n = 5;
    a.experiment.runs[0]!.schedule.kind = 'cosine';
    a.display.height.clip = 0.5;
    expect(parseAppConfig({})).toEqual(DEFAULT_APP_CONFIG);
    expect(Object.isFrozen(RunSchema.parse({}).schedule)).toBe(false);
  });

  // Every field of the view and the display that can be wrong, with the message the user sees.
  it.each([
    [{ view: { n: 4 } }, 'view.n: must be a whole number from 5 to 201 (got 4)'],
    [{ view: { n: 41.5 } }, 'view.n: must be a whole number from 5 to 201 (got 41.5)'],
    [
      { view: { directions: 'tsne' } },
      'view.directions: must be pca, random, points, hessian, axes or varpro (got "tsne")',
    ],
    [
      { view: { range: [2, 1] } },
      'view.range: must be "fit" or [min, max] with -1000000 ≤ min < max ≤ 1000000 (got [2,1])',
    ],
    [
      { view: { range: [-2e6, 1] } },
      'view.range[0]: must be from -1000000 to 1000000 (got -2000000)',
    ],
    [
      { view: { range: 'auto' } },
      'view.range: must be "fit" or [min, max] with -1000000 ≤ min < max ≤ 1000000 (got "auto")',
    ],
    [
      { view: { metric: 'accuracy' } },
      'view.metric: must be trainLoss, testLoss, trainAccuracy or testAccuracy (got "accuracy")',
    ],
    [
      { view: { normalization: 'batch' } },
      'view.normalization: must be filter, layer or none (got "batch")',
    ],
    [{ view: { orthogonalize: 1 } }, 'view.orthogonalize: must be true or false (got 1)'],
    [{ view: { margin: 2.5 } }, 'view.margin: must be from 0 to 2 (got 2.5)'],
    [{ view: { seed: -1 } }, 'view.seed: must be a whole number from 0 to 2147483647 (got -1)'],
    [
      { view: { through: [{ run: 0 }] } },
      'view.through: must be three run points like [{"run": 0, "at": "initial"}, {"run": 0}, {"run": 1}] (got [{"run":0}])',
    ],
    [
      { view: { through: [{ run: 0, at: 'start' }, { run: 0 }, { run: 1 }] } },
      'view.through[0].at: must be initial or final (got "start")',
    ],
    [
      { view: { through: [{ run: 0, at: 'initial' }, { run: 0 }, { run: 3 }] } },
      'view.through[2].run: refers to run 3, but there are 3 runs (0 … 2) (got 3)',
    ],
    [{ view: 'pca' }, 'view: must be an object like {"directions": "pca", "n": 41} (got "pca")'],
    [{ view: { plane: 'pca' } }, "view: unknown field 'plane'"],
    [{ display: { viewMode: '2d' } }, 'display.viewMode: must be 3d or contour (got "2d")'],
    [
      { display: { height: { scale: 'sqrt' } } },
      'display.height.scale: must be linear or log (got "sqrt")',
    ],
    [{ display: { height: { clip: 0 } } }, 'display.height.clip: must be > 0 and ≤ 1 (got 0)'],
    [{ display: { height: { clip: 1.5 } } }, 'display.height.clip: must be > 0 and ≤ 1 (got 1.5)'],
    [{ display: { speed: 0 } }, 'display.speed: must be a whole number from 1 to 1000 (got 0)'],
    [{ display: { speed: 2.5 } }, 'display.speed: must be a whole number from 1 to 1000 (got 2.5)'],
    [
      { display: { colormap: 'jet' } },
      'display.colormap: must be viridis, magma, inferno or cividis (got "jet")',
    ],
    [
      { experiment: { runs: [{ lr: -1 }] } },
      'experiment.runs[0].lr: must be > 0 and ≤ 1000000 (got -1)',
    ],
    // A document's top level has only its three sections.
    [{ experiment: {}, steps: 5 }, "unknown field 'steps'"],
    [
      null,
      '(config): must be a JSON object like {"experiment": {…}, "view": {…}, "display": {…}} (got null)',
    ],
  ])('%j: %s', (input, line) => {
    expect(problemsOf(input)).toEqual([line]);
  });

  it('refuses a metric the experiment has no data for, naming the experiment’s field', () => {
    expect(
      problemsOf({
        experiment: { problem: { kind: 'surface' } },
        view: { metric: 'trainAccuracy' },
      }),
    ).toEqual(['view.metric: accuracy needs a classification problem (got "trainAccuracy")']);
    expect(
      problemsOf({
        experiment: {
          problem: { kind: 'tanh-regression' },
          data: { kind: 'tanh-teacher', points: 4, testFraction: 0 },
        },
        view: { metric: 'testLoss' },
      }),
    ).toEqual([
      'view.metric: \'testLoss\' needs a test set, but experiment.data.testFraction 0 leaves none of the 4 points for testing: raise experiment.data.testFraction or use trainLoss (got "testLoss")',
    ]);
    // One run: the through points may only name run 0.
    expect(
      problemsOf({
        experiment: { runs: [{}] },
        view: {
          directions: 'points',
          through: [{ run: 0, at: 'initial' }, { run: 0 }, { run: 1 }],
        },
      }),
    ).toEqual(['view.through[2].run: refers to run 1, but there is 1 run (0 … 0) (got 1)']);
  });

  it('names a list too long to check instead of overflowing the stack', () => {
    expect(
      problemsOf({ experiment: { landscape: { metrics: new Array(300_000).fill(1e39) } } }),
    ).toEqual([
      "experiment.landscape.metrics: a list of 300,000 entries is too long to check; it has far more entries than allowed (see the README's config reference)",
    ]);
  });
});

/** A document with every field of every section set to something other than its default. */
const EVERYTHING: AppConfigInput = {
  experiment: {
    seed: 9,
    problem: { kind: 'mlp', hidden: [8, 4, 3], activation: 'relu' },
    data: { kind: 'linear', points: 100, noise: 0.2, testFraction: 0.3, margin: 0.25 },
    runs: [
      {
        name: 'Everything',
        optimizer: 'nadam',
        lr: 0.02,
        momentum: 0.5,
        betas: [0.8, 0.95],
        eps: 1e-6,
        alpha: 0.9,
        weightDecay: 0.01,
        momentumDecay: 0.002,
        batchSize: 16,
        schedule: { kind: 'step', warmupSteps: 3, stepSize: 7, gamma: 0.3, minLrFactor: 0.1 },
        sam: { rho: 0.1 },
        initSeed: 5,
        theta0: [0.5, -0.25],
        batchSeed: 3,
        color: 'rgba(10, 20, 30, 0.5)',
      },
      { optimizer: 'sgd', batchSize: 'full', sam: { rho: 0.05 } },
      { name: 'Cosine', optimizer: 'rmsprop', schedule: { kind: 'cosine' }, color: 'steelblue' },
    ],
    steps: 123,
    recordEvery: 3,
    theta0: [1, 2, 3],
    divergenceFactor: 50,
    landscape: {
      directions: 'points',
      centre: { run: 1, at: 'initial' },
      through: [{ run: 0, at: 'initial' }, { run: 1 }, { run: 2, at: 'final' }],
      normalization: 'layer',
      bias: 'copy',
      orthogonalize: true,
      seed: 11,
      n: 17,
      range: [-3, 4],
      margin: 0.5,
      metrics: ['testLoss', 'trainAccuracy'],
    },
  },
  view: {
    directions: 'points',
    n: 51,
    range: [-2, 3],
    metric: 'testAccuracy',
    normalization: 'layer',
    orthogonalize: true,
    through: [
      { run: 0, at: 'initial' },
      { run: 2, at: 'final' },
      { run: 1, at: 'initial' },
    ],
    margin: 0.5,
    seed: 42,
  },
  display: {
    viewMode: 'contour',
    height: { scale: 'linear', clip: 0.8 },
    speed: 20,
    colormap: 'magma',
  },
};

describe('encodeAppConfig', () => {
  it('round-trips a document with every field set to something other than its default', () => {
    const doc = parseAppConfig(EVERYTHING);
    const encoded = encodeAppConfig(doc);
    expect(roundTrip(doc)).toEqual(doc);
    // Every section, every field differs from its default: nothing could be left out.
    expect(encoded.view).toEqual(EVERYTHING.view);
    expect(encoded.display).toEqual(EVERYTHING.display);
    expect(Object.keys(encoded.experiment!).sort()).toEqual(
      Object.keys(EVERYTHING.experiment!).sort(),
    );
    // A copy: editing the encoding leaves the document alone.
    (encoded.experiment!.problem as { hidden: number[] }).hidden[0] = 99;
    expect(doc.experiment.problem).toMatchObject({ hidden: [8, 4, 3] });
  });

  it.each<[string, AppConfigInput]>([
    ['the demo', {}],
    ['a bare experiment', { experiment: {} }],
    [
      'an analytic surface',
      { experiment: { problem: { kind: 'surface', surface: 'quadratic', kappa: 4 } } },
    ],
    [
      'tanh regression',
      {
        experiment: {
          problem: { kind: 'tanh-regression', units: 7 },
          data: { kind: 'tanh-teacher', teacherUnits: 2, teacherSlope: 3 },
        },
        view: { metric: 'testLoss' },
      },
    ],
    [
      'linear regression',
      {
        experiment: {
          problem: { kind: 'linear-regression' },
          data: { kind: 'linear-design', features: 80, points: 30 },
        },
      },
    ],
    [
      'custom points with a test set',
      {
        experiment: {
          data: {
            kind: 'custom',
            task: 'classification',
            x: [
              [0, 1],
              [1, 0],
              [2, 2],
            ],
            y: [0, 1, 1],
            testX: [[0.5, 0.5]],
            testY: [1],
          },
        },
      },
    ],
    ['a view of one field', { view: { directions: 'random' } }],
    ['a display of one nested field', { display: { height: { clip: 1 } } }],
    ['a demo experiment with one change', { experiment: { ...DEFAULT_EXPERIMENT, steps: 50 } }],
  ])('round-trips %s', (_, input) => {
    const doc = parseAppConfig(input);
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('leaves out what equals the defaults: the demo is {}, a bare experiment {experiment: {}}', () => {
    expect(encodeAppConfig(DEFAULT_APP_CONFIG)).toEqual({});
    expect(encodeAppConfig(parseAppConfig({ experiment: {} }))).toEqual({ experiment: {} });
    expect(encodeAppConfig(parseAppConfig({ display: { height: { clip: 1 } } }))).toEqual({
      display: { height: { clip: 1 } },
    });
    expect(
      encodeAppConfig(
        parseAppConfig({
          experiment: {
            problem: { kind: 'mlp', hidden: [8] },
            data: { kind: 'spiral', points: 60 },
            runs: [{ optimizer: 'adam', lr: 0.01, schedule: { kind: 'cosine' } }],
          },
        }),
      ),
    ).toEqual({
      experiment: {
        problem: { kind: 'mlp', hidden: [8] },
        data: { kind: 'spiral', points: 60 },
        runs: [{ optimizer: 'adam', lr: 0.01, schedule: { kind: 'cosine' } }],
      },
    });
  });
});
