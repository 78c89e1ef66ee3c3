/**
 * HDF5 surface files: ours re-import to identical arrays; a file written by h5py in the key
 * layout of Li et al.'s loss-landscape tool (`scripts/make-h5-fixture.py`) imports with the values
 * its script computed; bad files are named with what is wrong.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { decodeSurfaceHdf5, encodeSurfaceHdf5, isHdf5, SurfaceFileError } from './hdf5';
import { surfaceLandscape, surfaceMetric, surfaceTrajectories, type Surface } from './surface';

const FIXTURE = path.resolve(__dirname, '../../tests/fixtures/reference-surface.h5');

/** A 5×5 surface with two metrics, a plane of P = 7 in a two-tensor layout and two paths. */
function sampleSurface(): Surface {
  const n = 5;
  const a = Float64Array.from({ length: n }, (_, i) => Math.fround(-1 + 0.5 * i));
  const b = Float64Array.from({ length: n }, (_, j) => Math.fround(-0.3 + 0.4 * j));
  const loss = new Float64Array(n * n);
  const acc = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      loss[j * n + i] = Math.fround(0.1 + a[i]! ** 2 + 2 * b[j]! ** 2 + 0.01 * i);
      acc[j * n + i] = Math.fround(0.5 + 0.013 * (i + n * j));
    }
  loss[7] = Number.NaN; // a diverged point stays NaN
  const f32 = (xs: number[]) => Float32Array.from(xs);
  return {
    a,
    b,
    grids: { trainLoss: loss, trainAccuracy: acc },
    axisLabels: ['PC1 (72.4 %)', 'PC2 (11.0 %)'],
    directions: 'pca',
    explained: [0.724, 0.11],
    plane: {
      centre: f32([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7]),
      d1: f32([1, 0, 0, 0.5, 0, 0, 0.25]),
      d2: f32([0, 1, 0, 0, 0.5, 0, -0.25]),
    },
    layout: [
      { name: 'W0', shape: [2, 3], offset: 0, kind: 'weight', unitAxis: 1 },
      { name: 'b0', shape: [1], offset: 6, kind: 'bias' },
    ],
    pathMetric: 'trainLoss',
    paths: [
      {
        name: 'SGD',
        color: '#4e79a7',
        a: f32([0, 0.5, 0.75]),
        b: f32([0, 0.1, 0.2]),
        trueValue: f32([1, 0.5, 0.25]),
        planeValue: f32([1, 0.6, 0.3]),
        offPlaneRelative: f32([0, 0.1, 0.2]),
      },
      {
        name: 'Adam',
        color: '#f28e2b',
        a: f32([0, -0.5]),
        b: f32([0, 0.3]),
        trueValue: f32([1, 0.4]),
        planeValue: f32([1, 0.45]),
        offPlaneRelative: f32([0, 0.05]),
      },
    ],
  };
}

let testFiles = 0;

/** Writes a file with h5wasm's own API (for files our writer would never make). */
async function h5File(build: (f: InstanceType<typeof h5wasm.File>) => void): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const name = `/test-${++testFiles}.h5`;
  const file = new h5wasm.File(name, 'w');
  build(file);
  file.close();
  const bytes = module.FS.readFile(name) as Uint8Array;
  module.FS.unlink(name);
  return bytes;
}

async function problemsOf(bytes: Uint8Array): Promise<readonly string[]> {
  try {
    await decodeSurfaceHdf5(bytes);
  } catch (e) {
    if (e instanceof SurfaceFileError) return e.problems;
    throw e;
  }
  throw new Error('the file was read');
}

describe('HDF5 surface files', () => {
  it('re-imports an exported surface to identical arrays', async () => {
    const surface = sampleSurface();
    const bytes = await encodeSurfaceHdf5(surface, 'surface.h5');
    expect(isHdf5(bytes)).toBe(true);
    const { surface: back, ours, notComputed } = await decodeSurfaceHdf5(bytes);
    expect(ours).toBe(true);
    expect(notComputed).toEqual({});
    expect(back.a).toEqual(surface.a);
    expect(back.b).toEqual(surface.b);
    // Losses are float64 as written, NaN included; accuracies went through percent and back.
    expect(back.grids.trainLoss).toEqual(surface.grids.trainLoss);
    expect(Float32Array.from(back.grids.trainAccuracy!)).toEqual(
      Float32Array.from(surface.grids.trainAccuracy!),
    );
    expect(back.grids.testLoss).toBeUndefined();
    // What the explorer draws is bit for bit the same.
    for (const metric of ['trainLoss', 'trainAccuracy'] as const) {
      expect(surfaceLandscape(back, metric)).toEqual(surfaceLandscape(surface, metric));
    }
    expect(back.plane).toEqual(surface.plane);
    expect(back.layout).toEqual(surface.layout);
    expect(back.axisLabels).toEqual(surface.axisLabels);
    expect(back.directions).toBe('pca');
    expect(back.explained).toEqual([0.724, 0.11]);
    expect(back.pathMetric).toBe('trainLoss');
    expect(back.paths).toEqual(surface.paths);
    expect(surfaceTrajectories(back, 'trainLoss').map((t) => [t.name, t.length])).toEqual([
      ['SGD', 3],
      ['Adam', 2],
    ]);
    // Paths are of the training loss: on the accuracy grid they would stand at wrong heights.
    expect(surfaceTrajectories(back, 'trainAccuracy')).toEqual([]);
  });

  it('writes the reference tool’s keys, shapes, dtypes and units', async () => {
    const surface = sampleSurface();
    const bytes = await encodeSurfaceHdf5(surface, 'my-surface.h5');
    const module = await h5wasm.ready;
    module.FS.writeFile('/layout.h5', bytes);
    const f = new h5wasm.File('/layout.h5', 'r');
    try {
      const d = (key: string) => f.get(key) as InstanceType<typeof h5wasm.Dataset>;
      expect(f.keys().sort()).toEqual(
        [
          'dir_file',
          'explained_variance_ratio_',
          'lle',
          'proj_xcoord',
          'proj_ycoord',
          'train_acc',
          'train_loss',
          'xcoordinates',
          'xdirection',
          'ycoordinates',
          'ydirection',
        ].sort(),
      );
      expect([d('xcoordinates').dtype, d('xcoordinates').shape]).toEqual(['<d', [5]]);
      expect([d('train_loss').dtype, d('train_loss').shape]).toEqual(['<d', [5, 5]]);
      // Flat index j·n + i is the value at (x[i], y[j]) (the tool's meshgrid(x, y).ravel()).
      const loss = d('train_loss').value as Float64Array;
      expect(loss[3 * 5 + 2]).toBe(surface.grids.trainLoss![3 * 5 + 2]);
      // Accuracy in percent, as the tool's evaluation.py reports it.
      expect((d('train_acc').value as Float64Array)[6]).toBeCloseTo(
        100 * surface.grids.trainAccuracy![6]!,
        10,
      );
      expect(d('dir_file').value).toBe('my-surface.h5');
      // The direction-file groups: one dataset per parameter tensor, shaped as the tensor.
      const x0 = f.get('xdirection/0') as InstanceType<typeof h5wasm.Dataset>;
      const y1 = f.get('ydirection/1') as InstanceType<typeof h5wasm.Dataset>;
      expect([x0.shape, Array.from(x0.value as Float32Array)]).toEqual([
        [2, 3],
        [1, 0, 0, 0.5, 0, 0],
      ]);
      expect([y1.shape, Array.from(y1.value as Float32Array)]).toEqual([[1], [-0.25]]);
      expect(Array.from(d('proj_xcoord').value as Float64Array)).toEqual([0, 0.5, 0.75]);
    } finally {
      f.close();
      module.FS.unlink('/layout.h5');
    }
  });

  it('imports the fixture written by h5py in the reference tool’s layout', async () => {
    const bytes = new Uint8Array(await readFile(FIXTURE));
    const { surface, ours, notComputed } = await decodeSurfaceHdf5(bytes);
    expect(ours).toBe(false);
    const n = 9;
    expect(Array.from(surface.a)).toEqual(Array.from({ length: n }, (_, i) => -1 + (2 * i) / 8));
    expect(surface.b[0]).toBe(-0.5);
    expect(surface.b[8]).toBe(1.5);
    // The script's closed forms: train_loss = 0.5 + x² + 3y² + xy/4, accuracies in percent.
    const loss = (x: number, y: number) => 0.5 + x * x + 3 * y * y + 0.25 * x * y;
    let worst = 0;
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const [x, y] = [surface.a[i]!, surface.b[j]!];
        const k = j * n + i;
        worst = Math.max(worst, Math.abs(surface.grids.trainLoss![k]! - loss(x, y)));
        worst = Math.max(
          worst,
          Math.abs(surface.grids.trainAccuracy![k]! - (1 - 0.1 * loss(x, y))),
        );
        if (k !== 5) {
          worst = Math.max(worst, Math.abs(surface.grids.testLoss![k]! - 1.1 * loss(x, y)));
          worst = Math.max(
            worst,
            Math.abs(surface.grids.testAccuracy![k]! - (0.95 - 0.1 * loss(x, y))),
          );
        }
      }
    expect(worst).toBeLessThan(1e-12);
    // Point 5 was left at the tool's −1: not computed, NaN here.
    expect(surface.grids.testLoss![5]).toBeNaN();
    expect(notComputed).toEqual({ testLoss: 1, testAccuracy: 1 });
    expect(surfaceMetric(surface)).toBe('trainLoss');
    const view = surfaceLandscape(surface, 'trainLoss');
    expect(view.n).toBe(9);
    expect(view.values[2 * 9 + 4]).toBe(Math.fround(loss(0, 0)));
    expect(view.axisLabels).toEqual(['x (d₁)', 'y (d₂)']);
    expect(surface.plane).toBeNull();
    expect(surface.paths).toEqual([]);
  });

  it('names what is wrong with a file', async () => {
    expect(await problemsOf(new TextEncoder().encode('{"runs": []}'))).toEqual([
      expect.stringMatching(/^not an HDF5 file/),
    ]);
    const x = Float64Array.from([-1, 0, 1]);
    expect(
      await problemsOf(
        await h5File((f) =>
          f.create_dataset({ name: 'train_loss', data: new Float64Array(9), shape: [3, 3] }),
        ),
      ),
    ).toEqual([expect.stringMatching(/^xcoordinates: missing/)]);
    expect(
      await problemsOf(
        await h5File((f) => {
          f.create_dataset({ name: 'xcoordinates', data: x });
          f.create_dataset({ name: 'train_loss', data: new Float64Array(3) });
        }),
      ),
    ).toEqual([expect.stringMatching(/^ycoordinates: missing: this is a 1-D surface/)]);
    expect(
      await problemsOf(
        await h5File((f) => {
          f.create_dataset({ name: 'xcoordinates', data: x });
          f.create_dataset({ name: 'ycoordinates', data: x });
          f.create_dataset({ name: 'train_loss', data: new Float64Array(8), shape: [2, 4] });
          f.create_dataset({ name: 'train_acc', data: 'high' });
        }),
      ),
    ).toEqual([
      'train_loss: has shape [2, 4], expected [3, 3] (len(xcoordinates), len(ycoordinates))',
      'train_acc: holds dtype S, expected numbers',
    ]);
    expect(
      await problemsOf(
        await h5File((f) => {
          f.create_dataset({ name: 'xcoordinates', data: x });
          f.create_dataset({ name: 'ycoordinates', data: Float64Array.from([0, 1]) });
          f.create_dataset({ name: 'loss', data: new Float64Array(6), shape: [3, 2] });
        }),
      ),
    ).toEqual([
      'xcoordinates has 3 points and ycoordinates 2: the explorer shows square grids (n × n)',
      'no surface: none of train_loss, test_loss, train_acc, test_acc is in the file (its keys: loss, xcoordinates, ycoordinates)',
    ]);
    expect(
      await problemsOf(
        await h5File((f) => {
          f.create_dataset({ name: 'xcoordinates', data: Float64Array.from([1, 0, -1]) });
          f.create_dataset({ name: 'ycoordinates', data: x });
          f.create_dataset({
            name: 'train_loss',
            data: new Float64Array(9).fill(-1),
            shape: [3, 3],
          });
        }),
      ),
    ).toEqual(['xcoordinates: must be finite and strictly increasing (entry 1 is 0)']);
    expect(
      await problemsOf(
        await h5File((f) => {
          f.create_dataset({ name: 'xcoordinates', data: x });
          f.create_dataset({ name: 'ycoordinates', data: x });
          f.create_dataset({
            name: 'train_loss',
            data: new Float64Array(9).fill(-1),
            shape: [3, 3],
          });
        }),
      ),
    ).toEqual(["train_loss: no point is computed yet (every value is negative: the tool's −1)"]);
  });
});
