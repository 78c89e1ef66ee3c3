import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);

async function cli(
  config: unknown,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lle-cli-'));
  const file = path.join(dir, 'config.json');
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  try {
    const { stdout, stderr } = await exec(
      'node',
      ['scripts/run-node.mjs', 'src/cli/main.ts', file, ...args],
      { cwd: process.cwd() },
    );
    return { code: 0, stdout, stderr, dir };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, dir };
  }
}

describe('npm run cli', () => {
  it('trains a config headless and prints the result JSON on stdout, progress on stderr', async () => {
    const config = {
      seed: 2,
      problem: { kind: 'surface', surface: 'rosenbrock' },
      runs: [
        { name: 'GD', optimizer: 'sgd', lr: 0.001 },
        { optimizer: 'adam', lr: 0.05 },
      ],
      steps: 50,
      recordEvery: 25,
    };
    const { code, stdout, stderr } = await cli(config);
    expect(code).toBe(0);
    expect(stderr).toContain('GD: train loss');
    const result = JSON.parse(stdout) as ExperimentResult;
    expect(result.backend).toBe('wasm');
    expect(result.config.steps).toBe(50);
    expect(result.runs.map((r) => r.name)).toEqual(['GD', 'Adam']);
    for (const run of result.runs) {
      expect(run.trajectory.map((p) => p.step)).toEqual([0, 25, 50]);
      // Rosenbrock's default start (−1.2, 1): f = 4.84 + 100·0.44² = 24.2.
      expect(run.trajectory[0]!.theta).toEqual([-1.2, 1].map(Math.fround));
      expect(run.trajectory[0]!.trainLoss).toBeCloseTo(24.2, 4);
      expect(run.trajectory[2]!.trainLoss).toBeLessThan(24.2);
    }
  }, 120_000);

  it('writes the result JSON to --out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-out-'));
    const out = path.join(dir, 'result.json');
    const { code } = await cli(
      {
        problem: { kind: 'surface', surface: 'quadratic', kappa: 4 },
        theta0: [-1.5, 1],
        runs: [
          { optimizer: 'sgd', lr: 0.1 },
          { optimizer: 'sgd', lr: 1000 },
        ],
        steps: 3,
        recordEvery: 1,
      },
      '--out',
      out,
      '--backend',
      'cpu',
      '--quiet',
    );
    expect(code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8')) as ExperimentResult;
    expect(result.backend).toBe('cpu');
    expect(result.problem).toMatchObject({ name: 'quadratic', parameters: 2 });
    expect(result.runs).toHaveLength(2);
    const [sgd, hot] = result.runs;
    expect(sgd!.name).toBe('SGD');
    expect(sgd!.trajectory.map((p) => p.step)).toEqual([0, 1, 2, 3]);
    // x ← 0.9x, y ← 0.6y on ½(x² + 4y²).
    expect(sgd!.trajectory[3]!.theta[0]).toBeCloseTo(-1.0935, 5);
    expect(sgd!.trajectory[3]!.theta[1]).toBeCloseTo(0.216, 5);
    expect(sgd!.trajectory[0]!.trainLoss).toBeCloseTo(0.5 * (2.25 + 4), 5);
    expect(sgd!.diverged).toBe(false);
    expect(hot!.diverged).toBe(true);
    expect(hot!.divergedAt).toBe(1);
    // Update 1 jumped to a loss of ~3e7; the run is frozen at θ₀, the point before it.
    expect(hot!.trajectory[3]!.theta).toEqual([-1.5, 1]);
  }, 120_000);

  it('exits with status 1 and the field-by-field message for an invalid config', async () => {
    const { code, stderr } = await cli({ runs: [{ optimizer: 'adam', lr: -1 }] });
    expect(code).toBe(1);
    expect(stderr).toContain('runs[0].lr: must be > 0 and ≤ 1000000 (got -1)');
  }, 120_000);

  it('exits with status 2 for unreadable JSON', async () => {
    const { code, stderr } = await cli('{ not json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot read .*config\.json/);
  }, 120_000);
});
