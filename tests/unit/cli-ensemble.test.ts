/** The CLI runs a config's `ensemble` block after training and writes `result.ensemble`. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResultFileSchema } from '../../src/config/result-file-schema';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);

describe('npm run cli with an ensemble block', () => {
  it('writes every temperature’s clouds, covariances, spread and the fitted line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-ensemble-'));
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        problem: { kind: 'surface', surface: 'quadratic', kappa: 2 },
        runs: [{ optimizer: 'sgd', lr: 0.1 }],
        theta0: [0, 0],
        steps: 1,
        ensemble: {
          members: 8,
          temperatures: [{ batchSize: 4 }, { batchSize: 1 }],
          noise: { sigma: 1, examples: 16 },
          steps: 40,
          recordEvery: 10,
          plane: 'pca',
        },
      }),
    );
    const { stdout } = await exec('node', ['scripts/run-node.mjs', 'src/cli/main.ts', file], {
      cwd: process.cwd(),
      maxBuffer: 64 * 2 ** 20,
    });
    const json = JSON.parse(stdout) as unknown;
    expect(ResultFileSchema.safeParse(json).success).toBe(true);
    const ensemble = (json as ExperimentResult).ensemble!;
    expect(ensemble.steps).toEqual([0, 10, 20, 30, 40]);
    expect(ensemble.window).toEqual({ from: 20, to: 40 });
    expect(ensemble.plane.kind).toBe('pca');
    expect(ensemble.plane.directions.map((d) => Math.hypot(...d))).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(1, 6),
    ]);
    expect(ensemble.temperatures.map((t) => t.temperature)).toEqual([0.025, 0.1]);
    ensemble.temperatures.forEach((t) => {
      expect(t.a).toHaveLength(5);
      expect(t.a[0]).toHaveLength(8);
      // Every member starts at θ₀: no spread at step 0.
      expect(t.trace[0]).toBe(0);
      // In a 2-D problem the plane holds all of θ: the plane covariance's trace is tr Cov.
      const [caa, , cbb] = t.cov.at(-1)!;
      expect(caa + cbb).toBeCloseTo(t.trace.at(-1)!, 5);
    });
    expect(ensemble.temperatures[1]!.spread!).toBeGreaterThan(ensemble.temperatures[0]!.spread!);
    expect(ensemble.fit!.slope).toBeGreaterThan(0);
  }, 60_000);
});
