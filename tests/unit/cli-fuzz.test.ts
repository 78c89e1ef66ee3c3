/**
 * The CLI on nasty input files: every one ends with exit status 1 (invalid config) or 2 (unreadable
 * file), a message and no stack trace; an unexpected internal error is one line (the stack only
 * with LLE_DEBUG=1); text from the input reaches the terminal with control characters escaped.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/cli';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);
const STACK_LINE = /^\s+at /m;
// eslint-disable-next-line no-control-regex -- looking for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

/** File contents, each a config the CLI must refuse with a message. */
const NASTY: Record<string, string> = {
  'deep nesting in runs': `{"runs": ${nested(10_000)}}`,
  'deep nesting in a number field': `{"seed": ${nested(10_000)}}`,
  'deep objects in data': `{"data": ${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  'a 20 MB name': `{"runs": [{"name": "${'x'.repeat(20_000_000)}"}]}`,
  'a 2,000,000-number θ₀ of strings': `{"theta0": [${Array(2_000_000).fill('"a"').join(',')}]}`,
  'Infinity from 1e999':
    '{"runs": [{"lr": 1e999, "theta0": [-1e999]}], "data": {"kind": "spiral", "noise": 1e999}}',
  'prototype keys':
    '{"__proto__": {"steps": 0}, "constructor": {"name": 1}, "runs": [{"__proto__": 1}]}',
  'control characters':
    '{"runs": [{"name": "\\u001b[2J\\u001b]0;pwned\\u0007", "color": "red\\u202e"}], "\\u001b[31mkey": 1}',
  'testX wider than x':
    '{"data": {"kind": "custom", "task": "regression", "x": [[0], [1]], "y": [0, 1], "testX": [[0, 1, 2, 3, 4, 5, 6, 7]], "testY": [1]}}',
  'testX narrower than x':
    '{"data": {"kind": "custom", "task": "regression", "x": [[0, 0], [1, 1]], "y": [0, 1], "testX": [[0]], "testY": [1]}}',
  'tanh-regression on 2-D points':
    '{"problem": {"kind": "tanh-regression"}, "data": {"kind": "custom", "task": "regression", "x": [[0, 0], [1, 1]], "y": [0, 1]}}',
  'float32 overflow': '{"landscape": {"range": [-1e39, 1e39]}, "theta0": [3.5e38]}',
  'wrong θ₀ length': '{"theta0": [1, 2, 3]}',
  'huge experiment':
    '{"runs": [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}], "steps": 1000000, "recordEvery": 1}',
  null: 'null',
  'a list': '[]',
  'a string': '"spiral"',
  'empty file': '',
  'binary garbage': '\u0000\u00ff\u001b[0m\ufffd{',
  'NaN literal': '{"steps": NaN}',
  unterminated: '{"runs": [',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lle-fuzz-'));
});

async function inProcess(
  args: string[],
  overrides: Partial<CliIo> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += `${t}\n`),
    env: {},
    run: () => Promise.reject(new Error('the experiment must not run')),
    ...overrides,
  });
  return { code, stdout, stderr };
}

async function fileWith(name: string, text: string): Promise<string> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
  await writeFile(file, text);
  return file;
}

describe('the CLI on nasty files (in process)', () => {
  it.each(Object.entries(NASTY))(
    '%s: a message, status 1 or 2, no stack',
    async (name, text) => {
      const { code, stdout, stderr } = await inProcess([await fileWith(name, text), '--quiet']);
      expect([1, 2]).toContain(code);
      expect(stdout).toBe('');
      expect(stderr).not.toMatch(STACK_LINE);
      expect(stderr).not.toMatch(RAW_CONTROL);
      expect(stderr).not.toContain('Internal error');
      for (const line of stderr.trimEnd().split('\n')) expect(line.length).toBeLessThan(400);
      if (code === 1) expect(stderr).toMatch(/^Invalid experiment config:\n {2}- /);
    },
    60_000,
  );

  it('names the field for each former crash', async () => {
    const lines = async (name: string) =>
      (await inProcess([await fileWith(name, NASTY[name]!)])).stderr;
    expect(await lines('testX wider than x')).toContain(
      'data.testX[0]: every test point must have 1 coordinate like the training points, this one has 8',
    );
    expect(await lines('tanh-regression on 2-D points')).toContain(
      "data.x: problem 'tanh-regression' needs 1-D inputs, these points have 2 coordinates",
    );
    expect(await lines('deep nesting in runs')).toContain('runs[0]: must be an object');
    expect(await lines('wrong θ₀ length')).toContain('theta0: must have P = 337 numbers');
    expect(await lines('control characters')).toContain(
      '  - runs[0].name: must not contain control characters (terminal escapes, line breaks, bidirectional overrides) (got "\\u001b[2J\\u001b]0;pwned\\u0007")',
    );
  });

  it('refuses a file over 64 MB without reading it, and a missing file', async () => {
    const big = path.join(dir, 'big.json');
    await writeFile(big, '');
    await truncate(big, 65 * 2 ** 20); // sparse: no 65 MB written
    const { code, stderr } = await inProcess([big]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^Cannot read .*big\.json: the file has 68 MB; a config may have at most 67 MB\n$/,
    );
    const missing = await inProcess([path.join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Cannot read .*missing\.json: ENOENT/);
    expect((await inProcess([dir])).code).toBe(2);
  });

  it('reports an internal error in one line, with the stack only under LLE_DEBUG=1', async () => {
    const config = await fileWith('valid', '{"problem": {"kind": "surface"}, "steps": 1}');
    const boom = () => Promise.reject(new Error('boom\nsecond line'));
    const plain = await inProcess([config, '--quiet'], { run: boom });
    expect(plain.code).toBe(3);
    expect(plain.stderr).toBe('Internal error: boom second line\n');
    const debug = await inProcess([config, '--quiet'], { run: boom, env: { LLE_DEBUG: '1' } });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(
      /^Internal error: boom second line\nError: boom\nsecond line\n\s+at /,
    );
  });

  it('escapes control characters of the names it prints', async () => {
    const config = await fileWith('named', '{"problem": {"kind": "surface"}, "steps": 1}');
    const run = (): Promise<ExperimentResult> =>
      Promise.resolve({
        runs: [
          {
            name: 'evil\u001b[2J\u202e',
            trajectory: [{ step: 0, theta: [0, 0], trainLoss: 1, testLoss: 1, gradNorm: 0 }],
            diverged: false,
            divergedAt: null,
          },
        ],
        unavailable: { testLoss: 'because\u0007' },
      } as unknown as ExperimentResult);
    const { code, stderr } = await inProcess([config], { run });
    expect(code).toBe(0);
    expect(stderr).toContain('evil\\u001b[2J\\u202e: train loss 1.000');
    expect(stderr).toContain('testLoss: unavailable (because\\u0007); null in the result');
    expect(stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('the CLI on nasty files (spawned)', () => {
  it.each(['deep nesting in runs', 'testX wider than x', 'binary garbage'])(
    '%s: status 1 or 2 and no stack trace',
    async (name) => {
      const file = await fileWith(`spawn-${name}`, NASTY[name]!);
      let code = 0;
      let stderr = '';
      try {
        ({ stderr } = await exec('node', ['scripts/run-node.mjs', 'src/cli/main.ts', file], {
          cwd: process.cwd(),
        }));
      } catch (e) {
        ({ code, stderr } = e as { code: number; stderr: string });
      }
      expect([1, 2]).toContain(code);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(stderr.trim().length).toBeGreaterThan(0);
    },
    120_000,
  );
});
