/** The CLI trains a config's `connect` block after the runs and writes the curve into its JSON. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/run';

const exec = promisify(execFile);

/** Himmelblau's f = (x² + y − 11)² + (x + y² − 7)², closed form. */
const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;

describe('npm run cli with a connect block', () => {
  it('joins two of Himmelblau’s minima: the segment’s losses are f along it, the curve bends lower', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-connect-'));
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        problem: { kind: 'surface', surface: 'himmelblau' },
        runs: [
          { name: 'to (3, 2)', optimizer: 'adam', lr: 0.05, theta0: [2, 1] },
          { name: 'to (−2.8, 3.1)', optimizer: 'adam', lr: 0.05, theta0: [-2, 2] },
        ],
        steps: 400,
        recordEvery: 200,
        connect: {
          type: 'chain',
          steps: 200,
          samples: 8,
          n: 9,
          optimizer: { lr: 0.05, optimizer: 'adam' },
        },
      }),
    );
    const { stdout } = await exec('node', ['scripts/run-node.mjs', 'src/cli/main.ts', file], {
      cwd: process.cwd(),
      maxBuffer: 64 * 2 ** 20,
    });
    const result = JSON.parse(stdout) as ExperimentResult;
    const c = result.connect!;
    expect(c.type).toBe('chain');
    expect(c.names).toEqual(['to (3, 2)', 'to (−2.8, 3.1)']);
    expect(c.history).toHaveLength(200);
    const [w0, w2] = result.runs.map((r) => r.trajectory.at(-1)!.theta);
    // Both runs reached a minimum (f ≈ 0).
    expect(himmelblau(w0![0]!, w0![1]!)).toBeLessThan(1e-3);
    expect(himmelblau(w2![0]!, w2![1]!)).toBeLessThan(1e-3);
    c.t.forEach((t, i) => {
      const x = (1 - t) * w0![0]! + t * w2![0]!;
      const y = (1 - t) * w0![1]! + t * w2![1]!;
      const f = himmelblau(x, y);
      expect(Math.abs(c.segment.trainLoss[i]! - f)).toBeLessThanOrEqual(1e-4 * Math.max(1, f));
    });
    // An analytic surface has no test split.
    expect(c.segment.testLoss).toBeNull();
    expect(c.segment.testBarrier).toBeNull();
    expect(c.segment.barrier).toBeGreaterThan(60);
    expect(Math.max(...c.curve.trainLoss)).toBeLessThan(Math.max(...c.segment.trainLoss));
    // The chain's bend is its point at t = ½.
    const bend = c.bend;
    const atBend = himmelblau(bend[0]!, bend[1]!);
    expect(Math.abs(c.curve.trainLoss[30]! - atBend)).toBeLessThanOrEqual(
      1e-4 * Math.max(1, atBend),
    );
    expect(c.plane!.values).toHaveLength(81);
  }, 120_000);
});
