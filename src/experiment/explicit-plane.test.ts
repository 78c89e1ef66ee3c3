/**
 * Explicit directions (`landscape.directions: { kind: 'explicit', d1, d2, centre }`): the plane a
 * run exported (`encodePlane`, written as JSON and read back) recomputes the same grid bit for bit;
 * a plane of the wrong length or a bad entry is named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import { encodePlane, planeJson, type PlaneFile } from '../export/plane';
import { tf } from '../engine/tf';
import type { ExperimentLandscape } from './landscape';
import { runExperiment } from './run';

const BASE = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [5], activation: 'tanh' },
  data: { kind: 'moons', points: 48 },
  runs: [
    { optimizer: 'sgd', lr: 0.3 },
    { optimizer: 'adam', lr: 0.03 },
  ],
  steps: 20,
  recordEvery: 5,
} as const;

/** Runs `landscape`, returning the result and the computed landscape (plane vectors, ranges). */
async function run(landscape: unknown) {
  let computed: ExperimentLandscape | null = null;
  const result = await runExperiment(parseConfig({ ...BASE, landscape }), 'wasm', () => undefined, {
    onLandscape: (l) => (computed = l),
  });
  return { result, computed: computed! as ExperimentLandscape };
}

/** The plane file of a run, through its JSON text (as a user would save and paste it). */
function planeFileOf(
  result: Awaited<ReturnType<typeof run>>['result'],
  l: ExperimentLandscape,
): PlaneFile {
  const file = encodePlane({
    problem: result.problem,
    directions: l.directions,
    axisLabels: l.axisLabels,
    explained: l.explained,
    plane: l.plane!,
    a: l.grid.a,
    b: l.grid.b,
    ranges: { aRange: l.aRange, bRange: l.bRange },
    metrics: ['trainLoss', 'trainAccuracy'],
  });
  return JSON.parse(planeJson(file)) as PlaneFile;
}

describe('explicit directions', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('reproduce a random-plane grid exactly', async () => {
    const before = tf.memory().numTensors;
    const random = await run({ n: 9, metrics: ['trainLoss', 'trainAccuracy'], centre: { run: 1 } });
    const file = planeFileOf(random.result, random.computed);
    expect(file.landscape.directions.d1).toHaveLength(21); // MLP 2-5-1: P = 2·5 + 5 + 5 + 1
    expect(file.landscape.directions.aRange).toEqual([-1, 1]);
    const again = await run(file.landscape);
    const r = random.result.landscape!;
    const e = again.result.landscape!;
    expect(e.directions).toBe('explicit');
    expect(e.a).toEqual(r.a);
    expect(e.b).toEqual(r.b);
    expect(e.values.trainLoss).toEqual(r.values.trainLoss);
    expect(e.values.trainAccuracy).toEqual(r.values.trainAccuracy);
    // Bit for bit, not merely close: the float32 grids are the same numbers.
    const bits = (l: typeof r) => Array.from(Float32Array.from(l.values.trainLoss!));
    expect(bits(e)).toEqual(bits(r));
    // The paths project to the same coordinates.
    expect(e.trajectories.map((t) => t.a)).toEqual(r.trajectories.map((t) => t.a));
    expect(e.trajectories.map((t) => t.offPlane)).toEqual(r.trajectories.map((t) => t.offPlane));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('reproduce a PCA grid with fitted, unequal ranges exactly', async () => {
    const pca = await run({ n: 7, directions: 'pca' });
    expect(pca.computed.aRange).not.toEqual(pca.computed.bRange);
    const file = planeFileOf(pca.result, pca.computed);
    const again = await run(file.landscape);
    expect(again.result.landscape!.a).toEqual(pca.result.landscape!.a);
    expect(again.result.landscape!.b).toEqual(pca.result.landscape!.b);
    expect(again.result.landscape!.values.trainLoss).toEqual(
      pca.result.landscape!.values.trainLoss,
    );
  }, 60_000);

  it('centre defaults to the landscape’s centre run point; range to landscape.range', async () => {
    const random = await run({ n: 5, centre: { run: 0, at: 'initial' }, range: [-0.5, 0.5] });
    const {
      centre: _centre,
      aRange: _a,
      bRange: _b,
      ...rest
    } = planeFileOf(random.result, random.computed).landscape.directions;
    const again = await run({
      n: 5,
      centre: { run: 0, at: 'initial' },
      range: [-0.5, 0.5],
      directions: rest,
    });
    expect(again.result.landscape!.a).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(again.result.landscape!.values.trainLoss).toEqual(
      random.result.landscape!.values.trainLoss,
    );
  }, 60_000);

  it('names a plane of the wrong length, a bad entry and a bad range', async () => {
    const problems = async (directions: unknown) => {
      try {
        await run({ n: 5, directions });
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
      }
      return [];
    };
    const p21 = Array.from({ length: 21 }, (_, i) => (i % 3) - 1);
    expect(await problems({ kind: 'explicit', d1: [1, 2, 3], d2: p21 })).toEqual([
      expect.stringMatching(
        /^landscape\.directions\.d1: must have P = 21 numbers for this problem, .*; got 3$/,
      ),
    ]);
    expect(
      await problems({ kind: 'explicit', d1: p21, d2: p21.map(() => 0), centre: p21 }),
    ).toEqual(['landscape.directions.d2: is all zeros, so it spans no plane']);
    const bad = await problems({ kind: 'explicit', d1: ['x', ...p21.slice(1)], d2: p21 });
    expect(bad).toEqual([
      expect.stringMatching(/^landscape\.directions\.d1\[0\]: must be a number/),
    ]);
    const range = await problems({ kind: 'explicit', d1: p21, d2: p21, aRange: [1, -1] });
    expect(range).toEqual([
      expect.stringMatching(
        /^landscape\.directions\.aRange: must be \[min, max\] with finite min < max/,
      ),
    ]);
    expect(await problems('sideways')).toEqual([
      expect.stringMatching(
        /^landscape\.directions: must be random, pca, points, axes, hessian or varpro, or an explicit plane/,
      ),
    ]);
    expect(await problems({ kind: 'explicit', d1: p21, d2: p21, center: p21 })).toEqual([
      "landscape.directions: unknown field 'center'",
    ]);
  }, 60_000);
});
