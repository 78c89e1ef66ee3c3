/** The CLI runs a config's `implicitBias` block after training and writes the series into its JSON. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { MaxMarginBiasResult } from '../../src/config/result';
import { ResultFileSchema } from '../../src/config/result-file-schema';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);

describe('npm run cli with an implicitBias block', () => {
  it('writes the SVM direction and, per run, angle, margin and norm at every recorded step', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-implicit-bias-'));
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        seed: 2,
        problem: { kind: 'logistic' },
        data: { kind: 'linear', points: 40, noise: 0, margin: 0.3, testFraction: 0.25 },
        runs: [
          { optimizer: 'sgd', lr: 4, name: 'GD' },
          { optimizer: 'adagrad', lr: 0.1, name: 'Adagrad' },
        ],
        steps: 200,
        recordEvery: 50,
        implicitBias: {},
      }),
    );
    const { stdout } = await exec('node', ['scripts/run-node.mjs', 'src/cli/main.ts', file], {
      cwd: process.cwd(),
      maxBuffer: 64 * 2 ** 20,
    });
    const json = JSON.parse(stdout) as unknown;
    expect(ResultFileSchema.safeParse(json).success).toBe(true);
    const result = json as ExperimentResult;
    const bias = result.implicitBias as MaxMarginBiasResult;
    expect(bias.kind).toBe('max-margin');
    expect(bias.svm.margin).toBeCloseTo(0.202, 3);
    const length = Math.hypot(...bias.svm.theta);
    expect(bias.svm.margin).toBeCloseTo(1 / length, 12);
    bias.svm.direction.forEach((u, k) => expect(u).toBeCloseTo(bias.svm.theta[k]! / length, 12));
    expect(bias.runs.map((r) => r.name)).toEqual(['GD', 'Adagrad']);
    bias.runs.forEach((run, k) => {
      const trajectory = result.runs[k]!.trajectory;
      expect(run.steps).toEqual([0, 50, 100, 150, 200]);
      expect(run.steps).toEqual(trajectory.map((t) => t.step));
      // Recompute the last point's series from the written θ.
      const theta = trajectory.at(-1)!.theta;
      const norm = Math.hypot(...theta);
      expect(run.norm.at(-1)).toBeCloseTo(norm, 5);
      const cos = theta.reduce((s, v, j) => s + v * bias.svm.direction[j]!, 0) / norm;
      expect(run.angle.at(-1)).toBeCloseTo(Math.acos(Math.min(1, cos)), 5);
    });
  }, 60_000);
});
