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

  it('computes a curvature block at θ₀: eigenvalues of the exact Rosenbrock Hessian, trace and sharpness', async () => {
    const config = {
      problem: { kind: 'surface', surface: 'rosenbrock' },
      runs: [{ name: 'GD', optimizer: 'sgd', lr: 0.001 }],
      steps: 5,
      recordEvery: 5,
      curvature: {
        at: 'initial',
        eigen: { count: 2, iterations: 2 },
        trace: { probes: 8 },
        density: false,
        sharpness: { epsilons: [1e-3] },
      },
    };
    const { code, stdout } = await cli(config);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ExperimentResult;
    const c = result.curvature!.runs[0]!;
    expect(c.step).toBe(0);
    // At (x, y) = (−1.2, 1): H = [[2 − 400(y − 3x²), −400x], [−400x, 200]] = [[1330, 480], [480, 200]].
    const [a, b, d] = [1330, 480, 200];
    const mid = (a + d) / 2;
    const root = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    expect(c.eigen!.values[0]! / (mid + root)).toBeCloseTo(1, 4);
    expect(c.eigen!.values[1]! / (mid - root)).toBeCloseTo(1, 2);
    // zᵀHz = a + d ± 2b: the probes' mean is within its standard error of tr(H) = a + d.
    expect(Math.abs(c.trace!.value - (a + d))).toBeLessThanOrEqual(
      3 * c.trace!.standardError + 1e-3,
    );
    expect(c.trace!.probes).toBe(8);
    expect(c.density).toBeUndefined();
    expect(c.sharpness![0]!.value).toBeGreaterThan(0);
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

describe('npm run cli: refusals and reports', () => {
  it('trains with an empty test split and says the test metrics are unavailable', async () => {
    const { code, stdout, stderr } = await cli({
      data: { kind: 'spiral', points: 64, testFraction: 0 },
      runs: [{ optimizer: 'adam', lr: 0.01, name: 'A' }],
      steps: 2,
      recordEvery: 1,
      landscape: { n: 5, metrics: ['trainLoss'] },
    });
    expect(code).toBe(0);
    const reason = 'no test set: data.testFraction 0 leaves none of the 64 points for testing';
    expect(stderr).toContain(`testLoss: unavailable (${reason}); null in the result`);
    expect(stderr).not.toMatch(/XNN|status/);
    const result = JSON.parse(stdout) as ExperimentResult;
    expect(result.unavailable).toEqual({ testLoss: reason, testAccuracy: reason });
    expect(result.runs[0]!.trajectory.map((p) => p.testLoss)).toEqual([null, null, null]);
    expect(result.landscape!.values.trainLoss!.every((v) => v > 0)).toBe(true);
  }, 120_000);

  it('refuses a test-loss landscape without a test set, naming landscape.metrics', async () => {
    const { code, stdout, stderr } = await cli({
      data: { kind: 'spiral', points: 64, testFraction: 0 },
      steps: 2,
      recordEvery: 1,
      landscape: { n: 5, metrics: ['testLoss'] },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      "landscape.metrics: 'testLoss' needs a test set, but data.testFraction 0 leaves none of the 64 points for testing: raise data.testFraction or use trainLoss",
    );
  }, 120_000);

  it('shows Infinity (1e999 in JSON) as Infinity', async () => {
    const { code, stderr } = await cli('{"runs": [{"lr": 1e999}], "theta0": [1, -1e999]}');
    expect(code).toBe(1);
    expect(stderr).toContain('runs[0].lr: must be a finite number (got Infinity)');
    expect(stderr).toContain('theta0[1]: must be a finite number (got -Infinity)');
  }, 120_000);

  it('refuses oversized experiments up front, and takes a larger budget', async () => {
    const design = {
      problem: { kind: 'linear-regression' },
      data: { kind: 'linear-design', points: 100_000, features: 10_000 },
    };
    const start = Date.now();
    const refused = await cli(design);
    expect(Date.now() - start).toBeLessThan(60_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'data.points: the data set needs 12.0 GB (100,000 points × 10,001 float32 values, 3 copies: generated, split, on the device); the limit is 1.5 GB: lower data.points to ≤ ',
    );
    const many = await cli({
      runs: Array.from({ length: 16 }, () => ({})),
      steps: 1_000_000,
      recordEvery: 1,
    });
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(
      /recordEvery: the recorded trajectories need 219\.5 GB .* raise recordEvery to ≥ /,
    );
    expect(many.stderr).toMatch(/steps: training needs about 1\.8e13 floating-point operations/);
    const wide = await cli({
      problem: { kind: 'mlp', hidden: [256, 256, 256, 256] },
      runs: Array.from({ length: 16 }, () => ({})),
      landscape: { n: 201 },
    });
    expect(wide.code).toBe(1);
    expect(wide.stderr).toContain('landscape.n: the landscape needs about 4.1e12');
    // 2 runs × 20,001 snapshots × 343 numbers × 40 bytes = 549 MB: over a 500 MB budget only.
    const small = await cli(
      { runs: [{}, {}], steps: 20_000, recordEvery: 1 },
      '--budget-mb',
      '500',
      '--quiet',
    );
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/the limit is 500 MB: raise recordEvery to ≥ 2/);
  }, 120_000);

  it('reports bad options in one line with the usage', async () => {
    const bad = await cli({}, '--budget-mb', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('--budget-mb must be a number > 0 and ≤ 1000000000, got lots\n');
  }, 120_000);
});
