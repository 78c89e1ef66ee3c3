import { describe, expect, it } from 'vitest';
import { problemLayout } from '../experiment/build';
import { describeLayout } from '../engine/problems/layout';
import { ConfigError, parseConfig } from './parse';

/** The lines of the ConfigError a config raises. */
function problemsOf(input: unknown): readonly string[] {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("config problem {kind: 'cnn'}", () => {
  it('fills its defaults and knows its layout before any data (P = 666 for [4, 8])', () => {
    const config = parseConfig({ problem: { kind: 'cnn' }, data: { kind: 'digits' } });
    expect(config.problem).toEqual({ kind: 'cnn', channels: [4, 8], activation: 'tanh' });
    expect(describeLayout(problemLayout(config))).toBe(
      'K1[3,3,1,4] b1[4] K2[3,3,4,8] b2[8] W3[32,10] b3[10] (P = 666)',
    );
  });

  it('refuses data other than the digits, naming what is allowed', () => {
    const lines = problemsOf({ problem: { kind: 'cnn' }, data: { kind: 'spiral' } });
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(
      /^data\.kind: problem 'cnn' needs image data: 'digits' \(the 8×8 handwritten digits\), not 'spiral'/,
    );
  });

  it('refuses bad channels and activations with the allowed values', () => {
    const lines = problemsOf({
      problem: { kind: 'cnn', channels: [0, 8], activation: 'gelu' },
      data: { kind: 'digits' },
    });
    expect(
      lines.some((l) => l.startsWith('problem.channels[0]: must be a whole number from 1 to 32')),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith('problem.activation: must be one of tanh, relu, sigmoid')),
    ).toBe(true);
    const short = problemsOf({ problem: { kind: 'cnn', channels: [4] }, data: { kind: 'digits' } });
    expect(short.length).toBe(1);
    expect(short[0]).toMatch(
      /^problem\.channels: must be the two convolutions' output channels \[c1, c2\], each 1 to 32/,
    );
  });
});
