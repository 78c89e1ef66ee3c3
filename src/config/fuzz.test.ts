/**
 * Property-based fuzzing of the config parser (fast-check, fixed seeds, a few hundred runs): for
 * any input, `parseConfig` either returns a config or throws a `ConfigError` whose every line names
 * a field, stays short, carries no raw control character and no zod-internal wording; random valid
 * small configs parse. JSON cannot carry Infinity, NaN or -0, so most properties run on JS objects;
 * the text path (`parseConfigText`, the CLI's) gets random and very large texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSyntaxError, parseConfig, parseConfigText } from './parse';
import { CLASSIFICATION_DATASETS, OPTIMIZERS, SURFACE_NAMES } from './schema';
import { CONTROL_CHARACTER } from './text';

const RUNS = { numRuns: 200, seed: 20_240_611 } as const;

/** A problem line names a field path (or '(config)'), or lists unknown fields of the config. */
const FIELD_LINE =
  /^(?:(?:[A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$-]*)*|\(config\)): |unknown fields? ')/;
const ZOD_WORDING = /Invalid input|Invalid option|expected \w+, received|Too (?:big|small)/;

/** Parses; fails the property on anything but success or a well-formed ConfigError. */
function parsesOrExplains(input: unknown): void {
  let error: unknown;
  try {
    parseConfig(input);
    return;
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ConfigError)) {
    throw new Error(`threw ${String(error)} instead of a ConfigError`);
  }
  expect(error.problems.length).toBeGreaterThan(0);
  expect(error.problems.length).toBeLessThanOrEqual(21);
  for (const line of error.problems) {
    expect(line).toMatch(FIELD_LINE);
    expect(line.length).toBeLessThan(300);
    expect(line).not.toMatch(CONTROL_CHARACTER);
    expect(line).not.toMatch(ZOD_WORDING);
  }
}

const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
};

const specialNumber = fc.constantFrom(
  Infinity,
  -Infinity,
  NaN,
  -0,
  1e39,
  -1e39,
  3.4028234663852886e38,
  -3.5e38,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 53 + 2,
  1e6 + 1,
);
const nastyNumber = fc.oneof(specialNumber, fc.double(), fc.integer());
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    '\u001b[2J',
    'Adam\u202e',
    'x\u0000y',
    'red;background:url(x)',
    'url(javascript:alert(1))',
    '__proto__',
    'constructor',
    'toString',
    'full',
    'custom',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const deep = fc
  .tuple(fc.integer({ min: 100, max: 10_000 }), fc.boolean(), nastyNumber)
  .map(([depth, asObject, leaf]) => nested(depth, leaf, asObject));
const hugeArray = fc
  .tuple(
    fc.integer({ min: 1_000, max: 200_000 }),
    fc.constantFrom<unknown>(1e39, 'a', [1e39], NaN, null, [], 0.5),
  )
  .map(([n, fill]) => Array.from({ length: n }, () => fill));
const prototypeObject = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"steps": 0, "kind": "mlp"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  Object.create(null),
  Object.assign(Object.create(null) as object, { kind: 'spiral' }),
  JSON.parse('{"kind": "__proto__"}'),
  JSON.parse('{"kind": "toString"}'),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyNumber,
  nastyString,
  deep,
  hugeArray,
  prototypeObject,
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
  fc.array(nastyNumber, { maxLength: 5 }),
  fc.array(fc.array(nastyNumber, { maxLength: 4 }), { maxLength: 4 }),
  fc.constantFrom<unknown>(undefined, null, true, false, [], {}, 'fit', 'final'),
);

/** A valid config with every kind of field, for mutating. */
function base(): Record<string, unknown> {
  return {
    seed: 3,
    problem: { kind: 'mlp', hidden: [4, 3], activation: 'tanh' },
    data: {
      kind: 'custom',
      task: 'regression',
      x: [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      y: [0, 1, 2],
      testX: [[3, 4]],
      testY: [3],
    },
    runs: [
      {
        name: 'A',
        optimizer: 'adam',
        lr: 0.01,
        betas: [0.9, 0.99],
        schedule: { kind: 'cosine', warmupSteps: 2 },
        sam: { rho: 0.05 },
        color: '#abc',
        batchSize: 2,
      },
      { optimizer: 'sgd', theta0: Array.from({ length: 31 }, () => 0.1) },
    ],
    steps: 10,
    recordEvery: 2,
    theta0: Array.from({ length: 31 }, () => 0),
    landscape: {
      directions: 'points',
      through: [{ run: 0, at: 'initial' }, { run: 0 }, { run: 1 }],
      range: [-1, 1],
      n: 11,
      metrics: ['trainLoss', 'testLoss'],
    },
  };
}

const PATHS: (string | number)[][] = [
  [],
  ['seed'],
  ['steps'],
  ['recordEvery'],
  ['divergenceFactor'],
  ['theta0'],
  ['theta0', 0],
  ['problem'],
  ['problem', 'kind'],
  ['problem', 'hidden'],
  ['problem', 'hidden', 1],
  ['problem', 'activation'],
  ['data'],
  ['data', 'kind'],
  ['data', 'task'],
  ['data', 'testFraction'],
  ['data', 'x'],
  ['data', 'x', 1],
  ['data', 'x', 1, 0],
  ['data', 'y'],
  ['data', 'y', 2],
  ['data', 'testX'],
  ['data', 'testX', 0],
  ['data', 'testY'],
  ['runs'],
  ['runs', 0],
  ['runs', 0, 'name'],
  ['runs', 0, 'color'],
  ['runs', 0, 'lr'],
  ['runs', 0, 'optimizer'],
  ['runs', 0, 'betas'],
  ['runs', 0, 'betas', 1],
  ['runs', 0, 'batchSize'],
  ['runs', 0, 'schedule'],
  ['runs', 0, 'schedule', 'kind'],
  ['runs', 0, 'sam'],
  ['runs', 1, 'theta0'],
  ['landscape'],
  ['landscape', 'range'],
  ['landscape', 'range', 0],
  ['landscape', 'metrics'],
  ['landscape', 'through'],
  ['landscape', 'through', 2],
  ['landscape', 'n'],
  // Unknown keys, prototype names among them.
  ['extra'],
  ['__proto__'],
  ['constructor'],
  ['runs', 0, 'toString'],
  ['data', '__proto__'],
];

/** `root` with `value` stored at `path` as an own property (intermediate objects created). */
function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let target: Record<PropertyKey, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(target, key) ? target[key] : undefined;
    if (next === null || typeof next !== 'object') {
      const fresh: Record<string, unknown> = {};
      Object.defineProperty(target, key, {
        value: fresh,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      target = fresh;
    } else target = next as Record<PropertyKey, unknown>;
  }
  Object.defineProperty(target, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

describe('parseConfig under fuzzing', () => {
  it('the mutation base is valid', () => {
    expect(parseConfig(base()).runs).toHaveLength(2);
  });

  it('returns a config or a ConfigError naming fields, for any value at any field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), nastyValue, (path, value) => {
        parsesOrExplains(setAt(base(), path, value));
      }),
      RUNS,
    );
  });

  it('survives several nasty fields at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS.filter((p) => p.length > 0)), nastyValue), {
          minLength: 2,
          maxLength: 6,
        }),
        (edits) => {
          const config = base();
          for (const [path, value] of edits) setAt(config, path, value);
          parsesOrExplains(config);
        },
      ),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('takes any JS value as the whole config', () => {
    fc.assert(fc.property(nastyValue, parsesOrExplains), RUNS);
  });

  it('reports nesting 10,000 levels deep in every field at once without a stack overflow', () => {
    const deepest = nested(10_000, 1, false);
    const config = base();
    for (const path of PATHS.filter((p) => p.length > 0)) setAt(config, path, deepest);
    parsesOrExplains(config);
    parsesOrExplains(nested(10_000, base(), true));
  });
});

/** Random valid small configs. */
const name = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((s) => s.length <= 40 && !CONTROL_CHARACTER.test(s));
const run = fc.record(
  {
    name,
    optimizer: fc.constantFrom(...OPTIMIZERS),
    lr: fc.double({ min: 1e-6, max: 10, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    betas: fc.tuple(
      fc.double({ min: 0, max: 0.99, noNaN: true }),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
    ),
    weightDecay: fc.double({ min: 0, max: 1, noNaN: true }),
    batchSize: fc.oneof(fc.constant('full' as const), fc.integer({ min: 1, max: 512 })),
    color: fc.constantFrom(
      '#4e79a7',
      '#fff',
      '#11223344',
      'steelblue',
      'rgb(1, 2, 3)',
      'hsla(120, 50%, 25.5%, 0.5)',
    ),
    schedule: fc.record({ kind: fc.constantFrom('constant', 'step', 'cosine') }),
  },
  { requiredKeys: ['optimizer'] },
);
const problemAndData = fc.oneof(
  fc.record({
    problem: fc.record({
      kind: fc.constant('mlp'),
      hidden: fc.array(fc.integer({ min: 1, max: 32 }), { minLength: 1, maxLength: 4 }),
    }),
    data: fc.record({
      kind: fc.constantFrom(...CLASSIFICATION_DATASETS),
      points: fc.integer({ min: 2, max: 2000 }),
      testFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
    }),
  }),
  fc.record({
    problem: fc.constant({ kind: 'logistic' }),
    data: fc.record({ kind: fc.constantFrom(...CLASSIFICATION_DATASETS) }),
  }),
  fc.record({
    problem: fc.constant({ kind: 'linear-regression' }),
    data: fc.record({
      kind: fc.constant('linear-design'),
      points: fc.integer({ min: 2, max: 500 }),
      features: fc.integer({ min: 1, max: 500 }),
    }),
  }),
  fc.record({
    problem: fc.record({
      kind: fc.constant('tanh-regression'),
      units: fc.integer({ min: 1, max: 64 }),
    }),
    data: fc.constant({ kind: 'tanh-teacher' }),
  }),
  fc.record({
    problem: fc.record({
      kind: fc.constant('surface'),
      surface: fc.constantFrom(...SURFACE_NAMES),
    }),
  }),
  fc.integer({ min: 2, max: 20 }).chain((m) =>
    fc.record({
      problem: fc.constant({ kind: 'mlp' }),
      data: fc.record({
        kind: fc.constant('custom'),
        task: fc.constant('regression'),
        x: fc.array(
          fc.array(fc.double({ min: -1e30, max: 1e30, noNaN: true }), {
            minLength: 2,
            maxLength: 2,
          }),
          {
            minLength: m,
            maxLength: m,
          },
        ),
        y: fc.array(fc.double({ min: -1e30, max: 1e30, noNaN: true }), {
          minLength: m,
          maxLength: m,
        }),
      }),
    }),
  ),
);
const validConfig = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    steps: fc.integer({ min: 1, max: 1000 }),
    recordEvery: fc.integer({ min: 1, max: 100 }),
    runs: fc.array(run, { minLength: 1, maxLength: 4 }),
    pd: problemAndData,
  })
  .map(({ pd, ...rest }) => ({ ...rest, ...pd }));

describe('valid configs under fuzzing', () => {
  it('parse, keeping what they say', () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const config = parseConfig(input);
        expect(config.steps).toBe(input.steps);
        expect(config.recordEvery).toBe(input.recordEvery);
        expect(config.problem.kind).toBe(input.problem.kind);
        expect(config.runs.map((r) => r.name)).toEqual(input.runs.map((r) => r.name));
        expect(config.runs.map((r) => r.color)).toEqual(input.runs.map((r) => r.color));
        expect(config.runs.map((r) => r.lr)).toEqual(input.runs.map((r) => r.lr));
      }),
      RUNS,
    );
  });
});

describe('parseConfigText (the CLI’s path) under fuzzing', () => {
  const throwsOnlyConfigErrors = (text: string) => {
    try {
      parseConfigText(text);
    } catch (e) {
      if (!(e instanceof ConfigError))
        throw new Error(`threw ${String(e)} instead of a ConfigError`);
      for (const line of e.problems) {
        expect(line).toMatch(FIELD_LINE);
        expect(line.length).toBeLessThan(300);
        expect(line).not.toMatch(CONTROL_CHARACTER);
      }
    }
  };

  it('random text and random JSON give a config or a ConfigError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })),
        throwsOnlyConfigErrors,
      ),
      RUNS,
    );
  });

  it('says what is wrong with text that is not JSON, in one short line', () => {
    let error: unknown;
    try {
      parseConfigText('{"runs": [\u001b[2J');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    expect((error as ConfigSyntaxError).problems).toHaveLength(1);
    expect((error as ConfigSyntaxError).problems[0]).toMatch(
      /^\(config\): not valid JSON: .*\\u001b/,
    );
    expect(parseConfigText('\uFEFF{"steps": 3}').steps).toBe(3);
  });

  // Not a timed test: the parse is compared with JSON.parse of the same text in the same process
  // (a pathological, super-linear path would be many times slower), so a loaded machine cannot fail it.
  it('handles ~20 MB documents in time proportional to JSON.parse: a long name, a long list, deep nesting', () => {
    const texts = [
      `{"runs": [{"name": "${'x'.repeat(20_000_000)}"}]}`,
      `{"theta0": [${Array.from({ length: 2_000_000 }, () => '1e39').join(',')}]}`,
      `{"data": {"kind": "custom", "task": "regression", "x": ${'['.repeat(10_000)}1${']'.repeat(10_000)}, "y": [1]}}`,
    ];
    for (const text of texts) {
      const baselineStart = performance.now();
      try {
        JSON.parse(text);
      } catch {
        // the deep nesting is valid JSON; the others too: only the time matters here
      }
      const baseline = performance.now() - baselineStart;
      const start = performance.now();
      expect(() => parseConfigText(text)).toThrow(ConfigError);
      throwsOnlyConfigErrors(text);
      // Two parses (the two calls above) against one JSON.parse, with room for validation.
      expect(performance.now() - start).toBeLessThan(20 * baseline + 500);
    }
  });
});
