/**
 * The CLI given the app's document (`{ experiment, view, display }`): it trains the runs,
 * recording every `experiment.recordEvery` updates, and writes the landscape the app shows for the
 * view when training has finished. An experiment-only file is read as it always was.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentPaths, runCli } from '../../src/cli/cli';
import { parseAppConfig } from '../../src/config/app';
import type { ExperimentResult } from '../../src/experiment/run';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lle-cli-app-'));
});

async function cli(
  name: string,
  config: unknown,
  ...args: string[]
): Promise<{ code: number; result: ExperimentResult | null; stderr: string }> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(config));
  let stdout = '';
  let stderr = '';
  const code = await runCli([file, '--backend', 'cpu', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += `${t}\n`),
    env: {},
  });
  return { code, result: code === 0 ? (JSON.parse(stdout) as ExperimentResult) : null, stderr };
}

/** A small experiment: an MLP 2-8-1 on 60 spiral points, two runs, 30 updates recorded every 5. */
const EXPERIMENT = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [8] },
  data: { kind: 'spiral', points: 60 },
  runs: [
    { name: 'SGD', optimizer: 'sgd', lr: 0.5 },
    { name: 'Adam', optimizer: 'adam', lr: 0.05 },
  ],
  steps: 30,
  recordEvery: 5,
};

describe('npm run cli on a document', () => {
  it("writes the app's landscape: the PCA plane of the paths, the view's grid and metric", async () => {
    const document = { experiment: EXPERIMENT, view: { directions: 'pca', n: 7 } };
    const { code, result, stderr } = await cli('pca', document, '--quiet');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = result!;
    expect(r.config).toEqual(parseAppConfig(document).experiment);
    expect(r.view).toEqual(parseAppConfig(document).view);
    for (const run of r.runs)
      expect(run.trajectory.map((p) => p.step)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    const l = r.landscape!;
    expect(l.directions).toBe('pca');
    expect(l.axisLabels[0]).toMatch(/^PC1 \(\d+\.\d %\)$/);
    expect(l.axisLabels[1]).toMatch(/^PC2 \(\d+\.\d %\)$/);
    expect(l.explained![0]).toBeGreaterThan(l.explained![1]);
    expect(l.n).toBe(7);
    expect(l.a).toHaveLength(7);
    expect(l.b).toHaveLength(7);
    expect(Object.keys(l.values)).toEqual(['trainLoss']);
    expect(l.values.trainLoss).toHaveLength(49);
    for (const v of l.values.trainLoss!) expect(Number.isFinite(v)).toBe(true);
    // The plane is centred at run 0's final θ: its value there is run 0's final training loss.
    const final = r.runs[0]!.trajectory.at(-1)!.trainLoss;
    const sgd = l.trajectories[0]!;
    expect(sgd.a.at(-1)).toBeCloseTo(0, 6);
    expect(sgd.b.at(-1)).toBeCloseTo(0, 6);
    expect(Math.abs(sgd.planeLoss.at(-1)! - final)).toBeLessThan(1e-5);
    // The fitted range holds every path and the centre, with the view's margin (0.25) around.
    const [a0, a1] = [l.a[0]!, l.a.at(-1)!];
    const path = l.trajectories.flatMap((t) => t.a);
    const lo = Math.min(0, ...path);
    const hi = Math.max(0, ...path);
    expect(a0).toBeCloseTo(lo - 0.25 * (hi - lo), 5);
    expect(a1).toBeCloseTo(hi + 0.25 * (hi - lo), 5);
  }, 120_000);

  it('a symmetric range puts the grid’s centre point at run 0’s final θ', async () => {
    const document = { experiment: EXPERIMENT, view: { directions: 'pca', n: 7, range: [-1, 1] } };
    const { code, result } = await cli('pca-range', document, '--quiet');
    expect(code).toBe(0);
    const l = result!.landscape!;
    expect(l.a[3]).toBe(0);
    expect(l.b[3]).toBe(0);
    const final = result!.runs[0]!.trajectory.at(-1)!.trainLoss;
    expect(Math.abs(l.values.trainLoss![3 * 7 + 3]! - final)).toBeLessThan(1e-5);
  }, 120_000);

  it("uses the view, not the experiment's own landscape, and the app's rules for it", async () => {
    // An analytic surface is shown on its axes whatever the view's plane; one snapshot recorded
    // past θ₀ is not a path: PCA is the random plane at θ₀ with range [−1, 1].
    const surface = await cli(
      'surface',
      {
        experiment: {
          problem: { kind: 'surface' },
          runs: [{ lr: 0.001 }],
          steps: 2,
          landscape: { n: 9 },
        },
        view: { n: 5, metric: 'trainLoss' },
      },
      '--quiet',
    );
    expect(surface.code).toBe(0);
    expect(surface.result!.landscape).toMatchObject({ directions: 'axes', n: 5 });
    const early = await cli(
      'early',
      { experiment: { ...EXPERIMENT, steps: 1, recordEvery: 1 }, view: { n: 5 } },
      '--quiet',
    );
    expect(early.code).toBe(0);
    expect(early.result!.landscape).toMatchObject({ directions: 'random', n: 5 });
    expect(early.result!.landscape!.a).toEqual([-1, -0.5, 0, 0.5, 1]);
  }, 120_000);

  it('an experiment-only file is read as it always was: its own landscape, no view', async () => {
    const file = { ...EXPERIMENT, landscape: { directions: 'random', n: 5, range: [-1, 1] } };
    const { code, result } = await cli('experiment-only', file, '--quiet');
    expect(code).toBe(0);
    expect(result!).not.toHaveProperty('view');
    expect(result!.landscape).toMatchObject({ directions: 'random', n: 5 });
    // The same runs as the document of the same experiment.
    const document = await cli('same-runs', { experiment: file, view: { n: 5 } }, '--quiet');
    expect(document.result!.runs).toEqual(result!.runs);
    // With no landscape, none is computed.
    const none = await cli('no-landscape', EXPERIMENT, '--quiet');
    expect(none.result!).not.toHaveProperty('landscape');
  }, 120_000);

  it("names a document's fields from its root in every refusal", async () => {
    const bad = await cli('bad', { experiment: { steps: 0 }, view: { n: 300 } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Invalid experiment config:\n' +
        '  - experiment.steps: must be a whole number from 1 to 1000000 (got 0)\n' +
        '  - view.n: must be a whole number from 5 to 201 (got 300)\n',
    );
    const theta = await cli('theta', { experiment: { ...EXPERIMENT, theta0: [1, 2] } });
    expect(theta.code).toBe(1);
    expect(theta.stderr).toMatch(
      /^Invalid experiment config:\n {2}- experiment\.theta0: must have P = 33 numbers/,
    );
    // The landscape's work is the view's grid: too many operations names view.n.
    const big = await cli(
      'big',
      { experiment: EXPERIMENT, view: { n: 201 } },
      '--max-operations',
      '1e8',
    );
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(
      /\n {2}- view\.n: the landscape needs about .*lower view\.n to ≤ \d+/,
    );
  });

  it('renames the experiment’s fields in resource messages', () => {
    expect(
      documentPaths('steps: training needs a lot; lower steps to ≤ 9, or raise recordEvery to ≥ 3'),
    ).toBe(
      'experiment.steps: training needs a lot; lower experiment.steps to ≤ 9, or raise experiment.recordEvery to ≥ 3',
    );
    expect(documentPaths('landscape.n: the grid needs 2 GB: lower landscape.n to ≤ 51')).toBe(
      'view.n: the grid needs 2 GB: lower view.n to ≤ 51',
    );
    expect(documentPaths('landscape: one grid point needs 1 GB')).toBe(
      'view: one grid point needs 1 GB',
    );
    expect(
      documentPaths(
        'data.points: the data set needs 3 GB: lower data.points to ≤ 5 or data.features to ≤ 4',
      ),
    ).toBe(
      'experiment.data.points: the data set needs 3 GB: lower experiment.data.points to ≤ 5 or experiment.data.features to ≤ 4',
    );
    expect(documentPaths('runs[0].theta0: must have P = 2 numbers')).toBe(
      'experiment.runs[0].theta0: must have P = 2 numbers',
    );
  });
});
