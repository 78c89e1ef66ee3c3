import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './parse';
import { COLOR_MESSAGE } from './colors';

function problemsOf(input: unknown): readonly string[] {
  try {
    parseConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills every default: the SGD vs momentum vs Adam race on two spirals', () => {
    const c = parseConfig({});
    expect(c.seed).toBe(1);
    expect(c.problem).toEqual({ kind: 'mlp', hidden: [16, 16], activation: 'tanh' });
    expect(c.data).toMatchObject({ kind: 'spiral', points: 320, testFraction: 0.2 });
    expect(c.runs.map((r) => r.optimizer)).toEqual(['sgd', 'momentum', 'adam']);
    expect(c.runs[0]!.batchSize).toBe('full');
    expect(c.runs[0]!.schedule.kind).toBe('constant');
    expect(c.steps).toBe(500);
    expect(c.recordEvery).toBe(10);
  });

  it('keeps explicit values, data points and θ₀', () => {
    const c = parseConfig({
      problem: { kind: 'surface', surface: 'himmelblau' },
      runs: [{ optimizer: 'adam', lr: 0.05, betas: [0.8, 0.95], batchSize: 8, theta0: [1, 2] }],
      theta0: [0.5, 0.5],
      data: { kind: 'custom', task: 'regression', x: [[0], [1], [2]], y: [0, 1, 4] },
    });
    expect(c.runs[0]).toMatchObject({ lr: 0.05, betas: [0.8, 0.95], batchSize: 8, theta0: [1, 2] });
    expect(c.theta0).toEqual([0.5, 0.5]);
    expect(c.data).toMatchObject({ kind: 'custom', x: [[0], [1], [2]] });
  });

  // Every field that can be wrong, with the message the user sees.
  it.each([
    [{ seed: -1 }, 'seed: must be a whole number from 0 to 2147483647 (got -1)'],
    [{ seed: 'x' }, 'seed: must be a number (got "x")'],
    [{ steps: 0 }, 'steps: must be a whole number from 1 to 1000000 (got 0)'],
    [{ steps: 2.5 }, 'steps: must be a whole number from 1 to 1000000 (got 2.5)'],
    [{ recordEvery: 0 }, 'recordEvery: must be a whole number from 1 to 1000000 (got 0)'],
    [{ divergenceFactor: 1 }, 'divergenceFactor: must be > 1 (got 1)'],
    [{ theta0: [1, 'a'] }, 'theta0[1]: must be a number (got "a")'],
    [{ extra: 1 }, "unknown field 'extra'"],
    [5, '(config): must be a JSON object (got 5)'],
    [
      { problem: { kind: 'transformer' } },
      'problem.kind: must be one of mlp, logistic, linear-regression, tanh-regression, surface, cnn (got "transformer")',
    ],
    [
      { problem: { kind: 'mlp', hidden: [] } },
      'problem.hidden: must list 1 to 4 hidden layer widths (got [])',
    ],
    [
      { problem: { kind: 'mlp', hidden: [4, 4, 4, 4, 4] } },
      'problem.hidden: must list 1 to 4 hidden layer widths (got [4,4,4,4,4])',
    ],
    [
      { problem: { kind: 'mlp', hidden: [0] } },
      'problem.hidden[0]: must be a whole number from 1 to 256 (got 0)',
    ],
    [
      { problem: { kind: 'mlp', activation: 'gelu' } },
      'problem.activation: must be one of tanh, relu, sigmoid (got "gelu")',
    ],
    [
      { problem: { kind: 'tanh-regression', units: 0 } },
      'problem.units: must be a whole number from 1 to 64 (got 0)',
    ],
    [
      { problem: { kind: 'surface', surface: 'banana' } },
      'problem.surface: must be one of quadratic, rosenbrock, beale, himmelblau, saddle, rastrigin, plateau-cliff (got "banana")',
    ],
    [{ problem: { kind: 'surface', kappa: 0.5 } }, 'problem.kappa: must be ≥ 1 (got 0.5)'],
    [{ problem: { kind: 'logistic', hidden: [2] } }, "problem: unknown field 'hidden'"],
    [
      { data: { kind: 'swissroll' } },
      'data.kind: must be one of spiral, circles, xor, gaussians, moons, linear, spiral3, spiral5, tanh-teacher, linear-design, digits, custom (got "swissroll")',
    ],
    [
      { data: { kind: 'spiral', points: 1 } },
      'data.points: must be a whole number from 2 to 100000 (got 1)',
    ],
    [{ data: { kind: 'spiral', noise: -0.1 } }, 'data.noise: must be ≥ 0 (got -0.1)'],
    [
      { data: { kind: 'spiral', testFraction: 0.95 } },
      'data.testFraction: must be from 0 to 0.9 (got 0.95)',
    ],
    [{ data: { kind: 'linear', margin: 2 } }, 'data.margin: must be from 0 to 1 (got 2)'],
    [
      { problem: { kind: 'tanh-regression' }, data: { kind: 'tanh-teacher', teacherUnits: 0 } },
      'data.teacherUnits: must be a whole number from 1 to 64 (got 0)',
    ],
    [
      { problem: { kind: 'tanh-regression' }, data: { kind: 'tanh-teacher', teacherSlope: 0 } },
      'data.teacherSlope: must be > 0 and ≤ 100 (got 0)',
    ],
    [
      { problem: { kind: 'linear-regression' }, data: { kind: 'linear-design', features: 0 } },
      'data.features: must be a whole number from 1 to 10000 (got 0)',
    ],
    [
      { data: { kind: 'custom', task: 'ranking', x: [[0], [1]], y: [0, 1] } },
      'data.task: must be classification or regression (got "ranking")',
    ],
    [
      { data: { kind: 'custom', task: 'classification', x: [[0, 0]], y: [0] } },
      'data.x: needs at least 2 points (got [[0,0]])',
    ],
    [
      { data: { kind: 'custom', task: 'classification', x: [[0, 0], [1]], y: [0, 1] } },
      'data.x[1]: every point must have 2 coordinates, this one has 1 (got [1])',
    ],
    [
      {
        data: {
          kind: 'custom',
          task: 'classification',
          x: [
            [0, 0],
            [1, 1],
          ],
          y: [0, 32],
        },
      },
      'data.y[1]: class labels must be whole numbers from 0 to 31 (0 and 1 for two classes) (got 32)',
    ],
    [
      {
        data: {
          kind: 'custom',
          task: 'classification',
          x: [
            [0, 0],
            [1, 1],
          ],
          y: [0],
        },
      },
      'data.y: must have one target per point: 2 points, 1 targets (got [0])',
    ],
    [
      {
        data: {
          kind: 'custom',
          task: 'classification',
          x: [
            [0, 0],
            [1, 1],
          ],
          y: [0, 1],
          testX: [[0, 0]],
        },
      },
      'data.testY: testX and testY must be given together (got nothing)',
    ],
    [
      { problem: { kind: 'logistic' }, data: { kind: 'tanh-teacher' } },
      'data.kind: problem \'logistic\' needs classification data (a 2-D set or custom classification points) (got "tanh-teacher")',
    ],
    [
      { problem: { kind: 'tanh-regression' }, data: { kind: 'spiral' } },
      "data.kind: problem 'tanh-regression' needs 1-D regression data: 'tanh-teacher' or custom regression points (got \"spiral\")",
    ],
    [
      { problem: { kind: 'linear-regression' }, data: { kind: 'moons' } },
      "data.kind: problem 'linear-regression' needs 'linear-design' data or custom regression points (got \"moons\")",
    ],
    [
      { problem: { kind: 'mlp' }, data: { kind: 'linear-design' } },
      "data.kind: 'linear-design' data is for problem 'linear-regression', not 'mlp' (got \"linear-design\")",
    ],
    [{ runs: [] }, 'runs: must have 1 to 16 runs (got [])'],
    [{ runs: 'adam' }, 'runs: must be a list of runs (got "adam")'],
    [
      { runs: [{ optimizer: 'lbfgs' }] },
      'runs[0].optimizer: must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam (got "lbfgs")',
    ],
    [{ runs: [{ lr: 0 }] }, 'runs[0].lr: must be > 0 and ≤ 1000000 (got 0)'],
    [{ runs: [{}, { lr: -1 }] }, 'runs[1].lr: must be > 0 and ≤ 1000000 (got -1)'],
    [{ runs: [{ momentum: 1 }] }, 'runs[0].momentum: must be ≥ 0 and < 1 (got 1)'],
    [{ runs: [{ betas: [0.9] }] }, 'runs[0].betas: must be a pair [β₁, β₂] (got [0.9])'],
    [{ runs: [{ betas: [0.9, 1] }] }, 'runs[0].betas[1]: must be ≥ 0 and < 1 (got 1)'],
    [{ runs: [{ eps: 0 }] }, 'runs[0].eps: must be > 0 and ≤ 1 (got 0)'],
    [{ runs: [{ alpha: -0.1 }] }, 'runs[0].alpha: must be ≥ 0 and < 1 (got -0.1)'],
    [{ runs: [{ weightDecay: -1 }] }, 'runs[0].weightDecay: must be ≥ 0 (got -1)'],
    [{ runs: [{ momentumDecay: 2 }] }, 'runs[0].momentumDecay: must be from 0 to 1 (got 2)'],
    [
      { runs: [{ batchSize: 0 }] },
      'runs[0].batchSize: must be "full" or a whole number from 1 to 1000000 (got 0)',
    ],
    [
      { runs: [{ batchSize: 'half' }] },
      'runs[0].batchSize: must be "full" or a whole number from 1 to 1000000 (got "half")',
    ],
    [
      { runs: [{ schedule: { kind: 'exp' } }] },
      'runs[0].schedule.kind: must be constant, step or cosine (got "exp")',
    ],
    [
      { runs: [{ schedule: { warmupSteps: -1 } }] },
      'runs[0].schedule.warmupSteps: must be a whole number from 0 to 1000000 (got -1)',
    ],
    [
      { runs: [{ schedule: { stepSize: 0 } }] },
      'runs[0].schedule.stepSize: must be a whole number from 1 to 1000000 (got 0)',
    ],
    [{ runs: [{ schedule: { gamma: 2 } }] }, 'runs[0].schedule.gamma: must be > 0 and ≤ 1 (got 2)'],
    [
      { runs: [{ schedule: { minLrFactor: 1.5 } }] },
      'runs[0].schedule.minLrFactor: must be from 0 to 1 (got 1.5)',
    ],
    [{ runs: [{ sam: { rho: 0 } }] }, 'runs[0].sam.rho: must be > 0 and ≤ 10 (got 0)'],
    [
      { runs: [{ initSeed: 1.5 }] },
      'runs[0].initSeed: must be a whole number from 0 to 2147483647 (got 1.5)',
    ],
    [
      { runs: [{ batchSeed: -2 }] },
      'runs[0].batchSeed: must be a whole number from 0 to 2147483647 (got -2)',
    ],
    [{ runs: [{ theta0: 'zeros' }] }, 'runs[0].theta0: must be a list of numbers (got "zeros")'],
    [{ runs: [{ name: '' }] }, 'runs[0].name: must not be empty (got "")'],
    [{ runs: [{ color: 3 }] }, 'runs[0].color: must be a CSS colour string (got 3)'],
    [{ runs: [{ lrr: 0.1 }] }, "runs[0]: unknown field 'lrr'"],
    // Numbers that become float32 data must be finite and representable.
    [{ theta0: [1, 1e39] }, 'theta0[1]: must be within ±3.4e38 (float32) (got 1e+39)'],
    [
      { runs: [{ theta0: [-1e39] }] },
      'runs[0].theta0[0]: must be within ±3.4e38 (float32) (got -1e+39)',
    ],
    [
      { data: { kind: 'custom', task: 'regression', x: [[0], [1e39]], y: [0, 1] } },
      'data.x[1][0]: must be within ±3.4e38 (float32) (got 1e+39)',
    ],
    [
      { data: { kind: 'custom', task: 'regression', x: [[0], [1]], y: [0, -4e38] } },
      'data.y[1]: must be within ±3.4e38 (float32) (got -4e+38)',
    ],
    [
      { landscape: { range: [-1e39, 1e39] } },
      'landscape.range[0]: must be from -1000000 to 1000000 (got -1e+39)',
    ],
    [
      { landscape: { range: [-1, 2e6] } },
      'landscape.range[1]: must be from -1000000 to 1000000 (got 2000000)',
    ],
    [{ divergenceFactor: 1e39 }, 'divergenceFactor: must be ≤ 1e30 (got 1e+39)'],
    [
      {
        data: {
          kind: 'custom',
          task: 'regression',
          x: [
            [0, 0],
            [1, 1],
          ],
          y: [0, 1],
          testX: [[0]],
          testY: [1],
        },
      },
      'data.testX[0]: every test point must have 2 coordinates like the training points, this one has 1 (got [0])',
    ],
    [
      {
        data: {
          kind: 'custom',
          task: 'regression',
          x: [[0], [1]],
          y: [0, 1],
          testX: [[0], [1, 2, 3]],
          testY: [1, 2],
        },
      },
      'data.testX[1]: every test point must have 1 coordinate like the training points, this one has 3 (got [1,2,3])',
    ],
    [
      {
        data: { kind: 'custom', task: 'regression', x: [[0], [1]], y: [0, 1], testX: 3, testY: [] },
      },
      'data.testX: must be a list of points, each a list of numbers (got 3)',
    ],
    [
      { data: { kind: 'custom', task: 'regression' } },
      'data.x: must be a list of points, each a list of numbers (got nothing)',
    ],
    [
      { data: { kind: 'custom', task: 'regression', x: [[0], [1]] } },
      'data.y: must be a list of numbers (got nothing)',
    ],
    [
      { data: { kind: 'custom', task: 'regression', x: [0, 1], y: [0, 1] } },
      'data.x[0]: must be a list of numbers (one point) (got 0)',
    ],
    [
      {
        problem: { kind: 'tanh-regression' },
        data: {
          kind: 'custom',
          task: 'regression',
          x: [
            [0, 0],
            [1, 1],
          ],
          y: [0, 1],
        },
      },
      "data.x: problem 'tanh-regression' needs 1-D inputs, these points have 2 coordinates (got [[0,0],[1,1]])",
    ],
    // An empty test split cannot give test metrics.
    [
      {
        data: { kind: 'spiral', points: 64, testFraction: 0 },
        landscape: { metrics: ['testLoss'] },
      },
      'landscape.metrics: \'testLoss\' needs a test set, but data.testFraction 0 leaves none of the 64 points for testing: raise data.testFraction or use trainLoss (got ["testLoss"])',
    ],
    [
      {
        data: { kind: 'xor', points: 2, testFraction: 0.2 },
        landscape: { metrics: ['trainLoss', 'testAccuracy'] },
      },
      'landscape.metrics: \'testAccuracy\' needs a test set, but data.testFraction 0.2 leaves none of the 2 points for testing: raise data.testFraction or use trainAccuracy (got ["trainLoss","testAccuracy"])',
    ],
    [
      {
        data: {
          kind: 'custom',
          task: 'regression',
          x: [[0], [1]],
          y: [0, 1],
          testX: [],
          testY: [],
        },
        landscape: { metrics: ['testLoss'] },
      },
      'landscape.metrics: \'testLoss\' needs a test set, but data.testX is empty: give test points or use trainLoss (got ["testLoss"])',
    ],
    // Untrusted strings.
    [
      { runs: [{ name: 'Adam\u001b[2J' }] },
      'runs[0].name: must not contain control characters (terminal escapes, line breaks, bidirectional overrides) (got "Adam\\u001b[2J")',
    ],
    [
      { runs: [{ name: 'x\u202ey' }] },
      'runs[0].name: must not contain control characters (terminal escapes, line breaks, bidirectional overrides) (got "x\\u202ey")',
    ],
    [
      { runs: [{ color: 'red;background:url(x)' }] },
      `runs[0].color: ${COLOR_MESSAGE} (got "red;background:url(x)")`,
    ],
    [
      { runs: [{ color: 'url(javascript:alert(1))' }] },
      `runs[0].color: ${COLOR_MESSAGE} (got "url(javascript:alert(1))")`,
    ],
    [{ runs: [{ color: '#abcd5' }] }, `runs[0].color: ${COLOR_MESSAGE} (got "#abcd5")`],
    [
      { runs: [{ color: 'rgb(1, 2, calc(3))' }] },
      `runs[0].color: ${COLOR_MESSAGE} (got "rgb(1, 2, calc(3))")`,
    ],
    [
      { runs: [{ color: 'var(--accent)' }] },
      `runs[0].color: ${COLOR_MESSAGE} (got "var(--accent)")`,
    ],
    [{ runs: [{ color: 'notacolour' }] }, `runs[0].color: ${COLOR_MESSAGE} (got "notacolour")`],
    [
      { landscape: { centre: 3 } },
      'landscape.centre: must be a run point like {"run": 0, "at": "final"} (got 3)',
    ],
    [{ runs: [{ sam: 0.1 }] }, 'runs[0].sam: must be an object like {"rho": 0.05} (got 0.1)'],
    [
      { runs: [{ schedule: 'cosine' }] },
      'runs[0].schedule: must be an object like {"kind": "cosine"} (got "cosine")',
    ],
    [{ landscape: [] }, 'landscape: must be an object (got [])'],
  ])('rejects %j with its message', (input, message) => {
    expect(problemsOf(input)).toContain(message);
  });

  it('shows non-JSON numbers as they are: Infinity, -Infinity, NaN, -0', () => {
    expect(problemsOf({ runs: [{ lr: Infinity }] })).toContain(
      'runs[0].lr: must be a finite number (got Infinity)',
    );
    expect(problemsOf({ seed: -Infinity })).toContain(
      'seed: must be a finite number (got -Infinity)',
    );
    expect(problemsOf({ steps: NaN })).toContain('steps: must be a finite number (got NaN)');
    expect(problemsOf({ runs: [{ lr: -0 }] })).toContain(
      'runs[0].lr: must be > 0 and ≤ 1000000 (got -0)',
    );
    expect(problemsOf({ theta0: [1, Infinity] })[0]).toMatch(/^theta0\[1\]: .*\(got Infinity\)$/);
    // Inside a list the value is shown the same way (JSON would print null).
    expect(problemsOf({ problem: { kind: 'mlp', hidden: [1, 2, 3, 4, Infinity] } })).toContain(
      'problem.hidden: must list 1 to 4 hidden layer widths (got [1,2,3,4,Infinity])',
    );
  });

  it('describes deeply nested values without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const lines = problemsOf({ seed: deep, runs: deep, landscape: { range: deep } });
    expect(lines).toContain(`seed: must be a number (got ${'['.repeat(57)}...)`);
    expect(lines.some((l) => l.startsWith('runs[0]: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('landscape.range: '))).toBe(true);
    let obj: unknown = 1;
    for (let i = 0; i < 10_000; i++) obj = { a: obj };
    expect(problemsOf({ runs: [{ name: obj }] })).toContain(
      `runs[0].name: must be a string (got ${'{"a":'.repeat(11)}{"...)`,
    );
  });

  it('keeps every line short: long strings, many unknown keys, many bad values', () => {
    const long = 'x'.repeat(100_000);
    const [line] = problemsOf({ runs: [{ name: long }] });
    expect(line).toBe(`runs[0].name: must be at most 40 characters (got "${'x'.repeat(56)}...)`);
    const keys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}${long}`, i]));
    const unknown = problemsOf(keys);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.length).toBeLessThan(300);
    expect(unknown[0]).toMatch(/^unknown fields 'k0x+…', .* and 995 more$/);
    // A long list of bad values: ten are named, the rest counted, in one pass.
    const many = problemsOf({ theta0: Array.from({ length: 5000 }, () => 'a') });
    expect(many).toHaveLength(11);
    expect(many[0]).toBe('theta0[0]: must be a number (got "a")');
    expect(many[9]).toBe('theta0[9]: must be a number (got "a")');
    expect(many[10]).toMatch(
      /^theta0: 4990 more bad entries not listed \(got \["a","a",.*\.\.\.\)$/,
    );
    // Many fields wrong: twenty lines, then how many more.
    const runs = Array.from({ length: 16 }, () => ({ lr: -1, momentum: 2 }));
    const lines = problemsOf({ runs });
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('runs[0].lr: must be > 0 and ≤ 1000000 (got -1)');
    expect(lines[20]).toBe('(config): 12 more problems not listed');
    for (const line of [...unknown, ...many, ...lines]) expect(line.length).toBeLessThan(300);
  });

  it('escapes control characters of the input in messages', () => {
    const [line] = problemsOf({ runs: [{ lrr: 1, 'evil\u001b[31m\u202e': 2 }] });
    expect(line).toBe("runs[0]: unknown fields 'lrr', 'evil\\u001b[31m\\u202e'");
    expect(problemsOf({ seed: 'a\u009bb\u2066' })).toContain(
      'seed: must be a number (got "a\\u009bb\\u2066")',
    );
  });

  it('does not read inherited properties of the input', () => {
    expect(problemsOf(JSON.parse('{"__proto__": {"steps": 0}, "constructor": 1}'))).toEqual([
      "unknown fields '__proto__', 'constructor'",
    ]);
    const bare = Object.assign(Object.create(null) as object, { steps: 0 });
    expect(problemsOf(bare)).toEqual(['steps: must be a whole number from 1 to 1000000 (got 0)']);
  });

  it('accepts CSS colours: hex, rgb(a), hsl(a) with numbers, and colour names', () => {
    const colors = [
      '#abc',
      '#A1B2C3',
      '#a1b2c3d4',
      'rgb(1, 2, 3)',
      'rgba(255,0,0,0.5)',
      'rgb(100%, 0%, 50.5%)',
      'rgba(10%,20%,30%,.25)',
      'hsl(120, 50%, 50%)',
      'hsla(-120.5,50%,50%,1)',
      'steelblue',
      'RebeccaPurple',
    ];
    const c = parseConfig({ runs: colors.map((color) => ({ color })).slice(0, 16) });
    expect(c.runs.map((r) => r.color)).toEqual(colors);
  });

  it('accepts names with any printable text, emoji and accents included', () => {
    const c = parseConfig({ runs: [{ name: 'Adam (β₁ = 0.9) 🚀 — café' }] });
    expect(c.runs[0]!.name).toBe('Adam (β₁ = 0.9) 🚀 — café');
  });

  it('accepts float32 extremes and an empty custom test set', () => {
    const max = 3.4028234663852886e38;
    const c = parseConfig({
      theta0: [max, -max],
      data: {
        kind: 'custom',
        task: 'regression',
        x: [[max], [-max]],
        y: [0, 1],
        testX: [],
        testY: [],
      },
      landscape: { range: [-1e6, 1e6] },
    });
    expect(c.theta0).toEqual([max, -max]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ steps: 0, runs: [{ lr: -1, momentum: 2 }] });
    expect(problems).toHaveLength(3);
  });

  it('names a list too long to check instead of overflowing the stack (zod without eval)', () => {
    const problems = problemsOf({ landscape: { metrics: new Array(300_000).fill(1e39) } });
    expect(problems).toEqual([
      "landscape.metrics: a list of 300,000 entries is too long to check; it has far more entries than allowed (see the README's config reference)",
    ]);
  });
});
