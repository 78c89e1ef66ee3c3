import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './parse';
import { isClassifier, testSetSize, trainSetSize } from './schema';

const problemsOf = (input: unknown): string[] => {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe("data kind 'digits'", () => {
  it('defaults to all 1797 images, 20 % test: 359 test and 1438 training points', () => {
    const config = parseConfig({ data: { kind: 'digits' } });
    expect(config.data).toEqual({ kind: 'digits', points: 1797, testFraction: 0.2 });
    expect(testSetSize(config.data)).toBe(359);
    expect(trainSetSize(config.data)).toBe(1438);
    expect(isClassifier(config)).toBe(true);
  });

  it('is classification data for logistic regression, not for the regressions', () => {
    expect(problemsOf({ problem: { kind: 'logistic' }, data: { kind: 'digits' } })).toEqual([]);
    expect(problemsOf({ problem: { kind: 'tanh-regression' }, data: { kind: 'digits' } })).toEqual([
      "data.kind: problem 'tanh-regression' needs 1-D regression data: 'tanh-teacher' or custom regression points (got \"digits\")",
    ]);
  });

  it('names points and testFraction out of range, and refuses other fields', () => {
    expect(problemsOf({ data: { kind: 'digits', points: 1798 } })).toEqual([
      expect.stringMatching(/^data\.points: must be a whole number from 20 to 1797/),
    ]);
    expect(problemsOf({ data: { kind: 'digits', testFraction: 0.95 } })).toEqual([
      expect.stringMatching(/^data\.testFraction: must be from 0 to 0\.9/),
    ]);
    expect(problemsOf({ data: { kind: 'digits', noise: 0.1 } })[0]).toMatch(/noise/);
  });
});
