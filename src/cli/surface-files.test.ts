/**
 * The CLI's `--hdf5`, `--plane` and `--vtk` files: the HDF5 file holds the result's grids (every
 * metric) and the plane, the plane file's `landscape` block recomputes the grid exactly, and the
 * VTK file's points parse back to (a, b, training loss) with (n − 1)² quads.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../config/result';
import { decodeSurfaceHdf5 } from '../export/hdf5';
import type { PlaneFile } from '../export/plane';
import { runCli } from './cli';

const EXPERIMENT = {
  seed: 5,
  problem: { kind: 'mlp', hidden: [3] },
  data: { kind: 'moons', points: 40 },
  runs: [
    { optimizer: 'sgd', lr: 0.4 },
    { optimizer: 'adam', lr: 0.05 },
  ],
  steps: 10,
  recordEvery: 5,
};

async function cli(config: unknown, ...options: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lle-surface-'));
  const file = path.join(dir, 'config.json');
  await writeFile(file, JSON.stringify(config));
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [file, '--backend', 'cpu', ...options.map((o) => (o.startsWith('--') ? o : path.join(dir, o)))],
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t + '\n'), env: {} },
  );
  return { code, stdout, stderr, dir };
}

/** The points and quads of an ASCII .vtp file, parsed back. */
function parseVtp(text: string) {
  const array = (name: string) => {
    const m = new RegExp(`<DataArray [^>]*Name="${name}"[^>]*>([^<]*)</DataArray>`).exec(text);
    return m ? m[1]!.trim().split(/\s+/).map(Number) : null;
  };
  const points = /<Points>\s*<DataArray [^>]*>([^<]*)<\/DataArray>/.exec(text)![1]!;
  return {
    points: points.trim().split(/\s+/).map(Number),
    connectivity: array('connectivity')!,
    offsets: array('offsets')!,
    trainLoss: array('trainLoss')!,
    pieces: /NumberOfPoints="(\d+)"[^>]*NumberOfPolys="(\d+)"/.exec(text)!.slice(1).map(Number),
  };
}

describe('the CLI’s surface files', () => {
  it('writes HDF5, plane and VTK files of the landscape it computed', async () => {
    const config = {
      ...EXPERIMENT,
      landscape: { n: 6, metrics: ['trainLoss', 'testAccuracy'], range: [-0.5, 1] },
    };
    const { code, stdout, stderr, dir } = await cli(
      config,
      '--hdf5',
      's.h5',
      '--plane',
      'plane.json',
      '--vtk',
      's.vtp',
      '--quiet',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ExperimentResult;
    const l = result.landscape!;
    const { surface } = await decodeSurfaceHdf5(
      new Uint8Array(await readFile(path.join(dir, 's.h5'))),
    );
    expect(Array.from(surface.a)).toEqual(l.a);
    expect(Array.from(surface.b)).toEqual(l.b);
    expect(Array.from(surface.grids.trainLoss!)).toEqual(l.values.trainLoss);
    expect(Array.from(surface.grids.testAccuracy!, Math.fround)).toEqual(l.values.testAccuracy);
    expect(surface.layout).toEqual(result.problem.layout);
    expect(surface.plane!.d1).toHaveLength(result.problem.parameters);
    expect(surface.paths.map((p) => p.name)).toEqual(['SGD', 'Adam']);
    expect(Array.from(surface.paths[1]!.a)).toEqual(l.trajectories[1]!.a);

    // The plane file's landscape block, in the same experiment, computes the same grids.
    const plane = JSON.parse(await readFile(path.join(dir, 'plane.json'), 'utf8')) as PlaneFile;
    expect(plane.landscape.directions.aRange).toEqual([-0.5, 1]);
    expect(Array.from(plane.landscape.directions.d1)).toEqual(Array.from(surface.plane!.d1));
    const again = await cli({ ...EXPERIMENT, landscape: plane.landscape }, '--quiet');
    const l2 = (JSON.parse(again.stdout) as ExperimentResult).landscape!;
    expect(l2.directions).toBe('explicit');
    expect(l2.values).toEqual(l.values);

    // The VTK points are (a[i], b[j], trainLoss[j·n + i]); (n − 1)² quads of four corners.
    const vtp = parseVtp(await readFile(path.join(dir, 's.vtp'), 'utf8'));
    const n = 6;
    expect(vtp.pieces).toEqual([n * n, (n - 1) * (n - 1)]);
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const k = j * n + i;
        expect(vtp.points.slice(3 * k, 3 * k + 3)).toEqual([
          l.a[i],
          l.b[j],
          l.values.trainLoss![k],
        ]);
      }
    expect(vtp.trainLoss).toEqual(l.values.trainLoss);
    expect(vtp.connectivity.slice(0, 8)).toEqual([0, 1, 7, 6, 1, 2, 8, 7]);
    expect(vtp.offsets.at(-1)).toBe(4 * (n - 1) * (n - 1));
  }, 120_000);

  it('refuses surface files of a config without a landscape (exit 2, before training)', async () => {
    const { code, stderr } = await cli(EXPERIMENT, '--hdf5', 's.h5');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot write --hdf5, --plane or --vtk: .* computes no landscape/);
    const missing = await cli(EXPERIMENT, '--plane');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--plane needs a file name/);
  }, 60_000);
});
