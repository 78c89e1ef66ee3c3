/** The `ensemble` block: defaults, and errors that name the field and what is allowed. */
import { describe, expect, it } from 'vitest';
import { ensembleSchedule } from './ensemble-schema';
import { ConfigError, parseConfig } from './parse';

/** The problems a config raises (empty when it parses). */
function problems(input: unknown): string[] {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('ensemble config', () => {
  it('fills in defaults and resolves steps and recording', () => {
    const config = parseConfig({ steps: 300, ensemble: {} });
    expect(config.ensemble).toEqual({
      run: 0,
      members: 32,
      temperatures: [{ batchSize: 16 }, { batchSize: 4 }, { batchSize: 1 }],
      burnIn: 0.5,
      plane: 'pca',
      axes: [0, 1],
      frames: 20,
    });
    expect(ensembleSchedule(config)).toEqual({ steps: 300, recordEvery: 3 });
    const own = parseConfig({ ensemble: { steps: 50, recordEvery: 7 } });
    expect(ensembleSchedule(own)).toEqual({ steps: 50, recordEvery: 7 });
    const escape = parseConfig({ ensemble: { escape: {} } }).ensemble!.escape;
    expect(escape).toEqual({ radius: 0.5, quenchSteps: 200 });
  });

  it('names the field and what is allowed', () => {
    expect(problems({ ensemble: { members: 65 } })).toEqual([
      'ensemble.members: must be a whole number from 2 to 64 (got 65)',
    ]);
    expect(problems({ ensemble: { temperatures: [] } })).toEqual([
      'ensemble.temperatures: must have 1 to 8 temperatures (got [])',
    ]);
    expect(problems({ ensemble: { temperatures: [{ lr: 0.1 }] } })[0]).toMatch(
      /^ensemble\.temperatures\[0\]\.batchSize: /,
    );
    expect(problems({ ensemble: { run: 3 } })).toEqual([
      'ensemble.run: refers to run 3, but there are 3 runs (got 3)',
    ]);
    expect(problems({ ensemble: { burnIn: 1 } })).toEqual([
      'ensemble.burnIn: must be from 0 to 0.95 (got 1)',
    ]);
    expect(problems({ ensemble: { plane: 'hessian' } })).toEqual([
      "ensemble.plane: must be 'pca' or 'axes' (got \"hessian\")",
    ]);
    expect(problems({ problem: { kind: 'surface' }, ensemble: {} })[0]).toMatch(
      /^ensemble\.noise: an analytic surface has no data, so no mini-batch noise/,
    );
    expect(problems({ ensemble: { noise: { sigma: 1 } } })).toEqual([
      'ensemble.noise: is for analytic surfaces; problem \'mlp\' has its own mini-batch noise: remove it (got {"sigma":1})',
    ]);
    expect(problems({ ensemble: { steps: 5000, recordEvery: 1 } })).toEqual([
      'ensemble.recordEvery: records 5001 steps, at most 1000: raise recordEvery to at least 6 (got 1)',
    ]);
    expect(problems({ ensemble: { surprise: 1 } })).toEqual(["ensemble: unknown field 'surprise'"]);
  });
});
