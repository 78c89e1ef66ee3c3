/**
 * A document whose view is an explicit plane (what "Plane from file…" makes in the app): the CLI
 * computes the landscape on it with the plane's own ranges, and refuses one of the wrong P
 * before training, naming `view.directions` and the expected P.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../config/result';
import { runCli } from './cli';

const EXPERIMENT = {
  seed: 5,
  problem: { kind: 'mlp', hidden: [3] },
  data: { kind: 'moons', points: 40 },
  runs: [{ optimizer: 'sgd', lr: 0.4 }],
  steps: 4,
};

async function cli(config: unknown) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lle-view-plane-'));
  const file = path.join(dir, 'doc.json');
  await writeFile(file, JSON.stringify(config));
  let stderr = '';
  const out = path.join(dir, 'r.json');
  const code = await runCli([file, '--backend', 'cpu', '--out', out], {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t + '\n'),
    env: {},
  });
  return { code, stderr, out };
}

// 2-3-1: W0[2,3] b0[3] W1[3,1] b1[1], P = 13.
const unit = (i: number) => Array.from({ length: 13 }, (_, j) => (j === i ? 1 : 0));

describe('a document whose view is an explicit plane', () => {
  it('is computed on the plane’s numbers and ranges', async () => {
    const directions = {
      kind: 'explicit',
      d1: unit(0),
      d2: unit(12),
      aRange: [-0.5, 0.25],
      bRange: [-1, 3],
    };
    const { code, stderr, out } = await cli({
      experiment: EXPERIMENT,
      view: { directions, n: 5 },
    });
    expect(stderr).not.toMatch(/Cannot|Invalid/);
    expect(code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8')) as ExperimentResult;
    expect(result.landscape!.directions).toBe('explicit');
    expect(result.landscape!.a).toEqual([-0.5, -0.3125, -0.125, 0.0625, 0.25]);
    expect(result.landscape!.b).toEqual([-1, 0, 1, 2, 3]);
  }, 60_000);

  it('of the wrong P is refused before training, naming view.directions and P', async () => {
    const { code, stderr } = await cli({
      experiment: EXPERIMENT,
      view: { directions: { kind: 'explicit', d1: [1, 0], d2: unit(1) } },
    });
    // As every invalid config: exit 1, the problems listed.
    expect(code).toBe(1);
    expect(stderr).toContain(
      'view.directions.d1: must have P = 13 numbers for this problem, W0[2,3] b0[3] W1[3,1] b1[1] (P = 13); got 2',
    );
  }, 60_000);
});
