/** The CLI runs a config's `badMinima` block after training and writes the comparison into its JSON. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResultFileSchema } from '../../src/config/result-file-schema';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);

describe('npm run cli with a badMinima block', () => {
  it('writes the good and bad minima, their distances and the poison set', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-bad-minima-'));
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        seed: 2,
        problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
        data: { kind: 'xor', points: 40, noise: 0.05, testFraction: 0.5 },
        runs: [{ optimizer: 'adam', lr: 0.05, name: 'Good' }],
        steps: 60,
        recordEvery: 10,
        badMinima: {
          rho: 1.5,
          checkpoints: [0, 0.5],
          steps: 60,
          checkEvery: 20,
          n: 5,
          eigenIterations: 4,
        },
      }),
    );
    const { stdout } = await exec('node', ['scripts/run-node.mjs', 'src/cli/main.ts', file], {
      cwd: process.cwd(),
      maxBuffer: 64 * 2 ** 20,
    });
    const json = JSON.parse(stdout) as unknown;
    expect(ResultFileSchema.safeParse(json).success).toBe(true);
    const result = json as ExperimentResult;
    const r = result.badMinima!;
    expect(r.name).toBe('Good');
    expect(r.trainSize).toBe(20);
    expect(r.poisonSize).toBe(30);
    expect(r.poison.y).toHaveLength(30);
    expect(r.poison.x).toHaveLength(60);
    // Checkpoints 0 and 0.5 of the 7 recorded points: steps 0 and 30.
    expect(r.bad.map((b) => b.startStep)).toEqual([0, 30]);
    const trajectory = result.runs[0]!.trajectory;
    expect(r.good.theta).toEqual(trajectory.at(-1)!.theta);
    // The distance of each bad minimum from its start, by hand from the written θ.
    r.bad.forEach((b, i) => {
      const start = trajectory[i === 0 ? 0 : 3]!.theta;
      const d = Math.sqrt(b.theta.reduce((s, x, j) => s + (x - start[j]!) ** 2, 0));
      expect(b.distance).toBeCloseTo(d, 3);
      expect(b.distanceFraction).toBeCloseTo(d / r.pathLength, 4);
      expect(b.interpolation.trainLoss).toHaveLength(61);
      expect(b.steps).toBeLessThanOrEqual(60);
    });
    expect(r.plane!.trainLoss).toHaveLength(25);
    expect(r.boundaries!.bad).toHaveLength(2);
  }, 120_000);
});
