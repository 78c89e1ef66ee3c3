import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { ResultFileSchema } from '../config/result-file-schema';
import { tf } from '../engine/tf';
import { buildExperiment } from './build';
import { experimentConnect, type ConnectResult } from './curves';
import { runExperiment } from './run';

/** Two seeds of Adam on two circles (a small network, so that the test is quick). */
const CONFIG = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [8, 8], activation: 'tanh' },
  data: { kind: 'circles', points: 120, noise: 0.1 },
  runs: [
    { name: 'seed 1', optimizer: 'adam', lr: 0.03, initSeed: 1 },
    { name: 'seed 2', optimizer: 'adam', lr: 0.03, initSeed: 2 },
  ],
  steps: 200,
  recordEvery: 100,
  connect: { steps: 150, samples: 6, n: 11, optimizer: { optimizer: 'adam', lr: 0.03 } },
};

const max = (v: number[]) => Math.max(...v);

describe('connect block (mode-connecting curve after training)', () => {
  beforeAll(() => useNodeBackend('wasm'));
  let result: Awaited<ReturnType<typeof runExperiment>>;

  it('trains the bend and reports both paths, barriers and the plane; the file validates', async () => {
    result = await runExperiment(parseConfig(CONFIG), 'wasm');
    const c = result.connect!;
    expect(c.type).toBe('bezier');
    expect(c.runs).toEqual([0, 1]);
    expect(c.names).toEqual(['seed 1', 'seed 2']);
    expect(c.steps).toBe(150);
    expect(c.history).toHaveLength(150);
    expect(c.t).toHaveLength(61);
    expect(c.t[30]).toBeCloseTo(0.5, 6);
    for (const path of [c.segment, c.curve]) {
      for (const key of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const)
        expect(path[key]).toHaveLength(61);
      // Barrier = max along the path − mean of the end losses.
      const l = path.trainLoss;
      expect(path.barrier).toBeCloseTo(max(l) - (l[0]! + l[60]!) / 2, 6);
      const tl = path.testLoss!;
      expect(path.testBarrier).toBeCloseTo(max(tl) - (tl[0]! + tl[60]!) / 2, 6);
    }
    // Both paths start and end at the runs' final points.
    const final = result.runs.map((r) => r.trajectory.at(-1)!);
    for (const path of [c.segment, c.curve]) {
      expect(path.trainLoss[0]).toBeCloseTo(final[0]!.trainLoss, 5);
      expect(path.trainLoss[60]).toBeCloseTo(final[1]!.trainLoss, 5);
      expect(path.testAccuracy![0]).toBeCloseTo(final[0]!.testAccuracy!, 5);
    }
    console.log(
      `[connect] segment barrier ${c.segment.barrier.toFixed(3)} (test ${c.segment.testBarrier!.toFixed(3)}), curve ${c.curve.barrier.toFixed(4)} (test ${c.curve.testBarrier!.toFixed(4)}); sampled curve loss ${c.history[0]!.toFixed(3)} → ${c.history.at(-1)!.toFixed(4)}`,
    );
    expect(c.segment.barrier).toBeGreaterThan(0.3);
    expect(c.curve.barrier).toBeLessThan(c.segment.barrier / 3);
    // The sampled loss starts on the segment (bend at the midpoint) and falls.
    expect(c.history.at(-1)!).toBeLessThan(c.history[0]! / 3);
    expect(c.bend).toHaveLength(buildExperiment(parseConfig(CONFIG)).problem.layout.size);
    // The plane: w₀ at the origin, w₂ on the first axis, both paths in it; the curve off it by ≈ 0.
    const plane = c.plane!;
    expect(plane.values).toHaveLength(11 * 11);
    expect(plane.points.a[0]).toBeCloseTo(0, 4);
    expect(plane.points.b[0]).toBeCloseTo(0, 4);
    expect(plane.points.b[2]).toBeCloseTo(0, 4);
    expect(plane.points.b[1]).toBeGreaterThan(0);
    for (const b of plane.segment.b) expect(Math.abs(b)).toBeLessThan(1e-4);
    const scale = plane.points.a[2];
    for (const d of plane.curve.offPlane) expect(d).toBeLessThan(1e-5 * scale);
    // Square ranges enclosing every point of both paths.
    const width = (v: number[]) => v.at(-1)! - v[0]!;
    expect(width(plane.a)).toBeCloseTo(width(plane.b), 4);
    for (const key of ['a', 'b'] as const)
      for (const v of [...plane.curve[key], ...plane.segment[key]]) {
        expect(v).toBeGreaterThanOrEqual(plane[key][0]!);
        expect(v).toBeLessThanOrEqual(plane[key].at(-1)!);
      }
    const file = ResultFileSchema.safeParse(JSON.parse(JSON.stringify(result)));
    expect(file.success).toBe(true);
  }, 120_000);

  it('reports progress while the bend trains, stops when cancelled, leaks nothing', async () => {
    const config = parseConfig({ ...CONFIG, connect: { ...CONFIG.connect, frames: 5 } });
    const experiment = buildExperiment(config);
    const final = result.runs.map((r) => Float32Array.from(r.trajectory.at(-1)!.theta));
    try {
      const reports: { done: number; result: ConnectResult }[] = [];
      const before = tf.memory().numTensors;
      await experimentConnect(experiment, final[0]!, final[1]!, config.connect!, {
        onProgress: (r, done) => reports.push({ done, result: r }),
      });
      expect(reports.map((r) => r.done)).toEqual([0, 30, 60, 90, 120, 150]);
      // At step 0 the bend is the midpoint: the curve is the segment, and there is no plane.
      expect(reports[0]!.result.plane).toBeNull();
      expect(reports[0]!.result.curve.barrier).toBeCloseTo(reports[0]!.result.segment.barrier, 4);
      expect(reports[2]!.result.history).toHaveLength(60);
      expect(reports[2]!.result.plane!.values).toHaveLength(121);
      expect(tf.memory().numTensors).toBe(before);

      const abort = new AbortController();
      let seen = 0;
      const cancelled = experimentConnect(experiment, final[0]!, final[1]!, config.connect!, {
        signal: abort.signal,
        onProgress: (_r, done) => {
          seen = done;
          if (done >= 30) abort.abort(new Error('stop'));
        },
      });
      await expect(cancelled).rejects.toThrow('stop');
      expect(seen).toBe(30);
      expect(tf.memory().numTensors).toBe(before);
      // The same run twice has no curve: said in words.
      await expect(
        experimentConnect(experiment, final[0]!, final[0]!, config.connect!),
      ).rejects.toThrow('ended at the same point');
    } finally {
      experiment.problem.dispose();
    }
  }, 120_000);
});
