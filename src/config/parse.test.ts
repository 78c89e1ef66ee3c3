import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './parse';

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
      { problem: { kind: 'cnn' } },
      'problem.kind: must be one of mlp, logistic, linear-regression, tanh-regression, surface (got "cnn")',
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
      'data.kind: must be one of spiral, circles, xor, gaussians, moons, linear, tanh-teacher, linear-design, custom (got "swissroll")',
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
          y: [0, 2],
        },
      },
      'data.y[1]: classification labels must be 0 or 1 (got 2)',
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
  ])('rejects %j with its message', (input, message) => {
    expect(problemsOf(input)).toContain(message);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ steps: 0, runs: [{ lr: -1, momentum: 2 }] });
    expect(problems).toHaveLength(3);
  });
});
