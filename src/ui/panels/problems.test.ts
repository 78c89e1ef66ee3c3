import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config/parse';
import { assignProblems, isUnder, splitProblem } from './problems';

describe('config problem lines', () => {
  it('splits a line at its path', () => {
    expect(splitProblem('runs[1].lr: must be > 0 and ≤ 1000000 (got -1)')).toMatchObject({
      path: 'runs[1].lr',
      message: 'must be > 0 and ≤ 1000000 (got -1)',
    });
    expect(splitProblem("runs[0]: unknown field 'lrr'").path).toBe('runs[0]');
    expect(splitProblem("unknown field 'foo'")).toMatchObject({
      path: '',
      message: "unknown field 'foo'",
    });
    expect(splitProblem('(config): must be a JSON object (got 3)').path).toBe('');
  });

  it('splits the lines parseConfig really writes', () => {
    let problems: readonly string[] = [];
    try {
      parseConfig({ data: { kind: 'spiral', points: 1 }, runs: [{ lr: -1 }] });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    const paths = problems.map((p) => splitProblem(p).path).sort();
    expect(paths).toEqual(['data.points', 'runs[0].lr']);
  });

  it('knows which paths lie under a prefix', () => {
    expect(isUnder('runs[0].lr', 'runs')).toBe(true);
    expect(isUnder('runs[0].lr', 'runs[0]')).toBe(true);
    expect(isUnder('runsX', 'runs')).toBe(false);
    expect(isUnder('runs[10].lr', 'runs[1]')).toBe(false);
  });

  it('assigns lines to fields and keeps the rest', () => {
    const { byField, other } = assignProblems(
      ['data.points: bad (got 1)', 'steps: bad (got 0)', 'data.points: also bad'],
      ['data.points'],
    );
    expect(byField.get('data.points')).toEqual(['bad (got 1)', 'also bad']);
    expect(other.map((p) => p.path)).toEqual(['steps']);
  });
});
