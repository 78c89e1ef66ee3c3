/**
 * The gradient-noise job on a session's recording: the ellipse of the chosen run at its newest
 * recorded point on the session's plane equals the engine's computation there, with the split on
 * teacher data; a surface fails with a message.
 */
import { silentListener } from '../silent-listener';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { DEFAULT_VIEW } from '../../config/view';
import { planeNoise } from '../../engine/noise/noise';
import { sampledLandscape } from '../../engine/noise/sampled-landscape';
import { importanceProbabilities } from '../../engine/optim/importance';
import { teacherTargets } from '../../engine/noise/teacher';
import { tf } from '../../engine/tf';
import type { NoiseFrame } from '../../protocol/frames';
import { ComputeSession } from '../session';

const TANH = {
  seed: 2,
  problem: { kind: 'tanh-regression', units: 3 },
  data: { kind: 'tanh-teacher', points: 40, noise: 0.3, testFraction: 0.2 },
  runs: [
    { optimizer: 'sgd', lr: 0.05, batchSize: 4, name: 'SGD' },
    { optimizer: 'sgd', lr: 0.1, batchSize: 8, name: 'SGD B=8' },
  ],
  steps: 60,
  recordEvery: 20,
} as const;

function recorder() {
  const frames: NoiseFrame[] = [];
  const listener = silentListener({ noise: (frame) => void frames.push(frame) });
  return { frames, listener };
}

describe('noise job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('gives the engine’s ellipse of the chosen run at its newest point on the session plane', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(TANH, { ...DEFAULT_VIEW, n: 5 });
    await session.playUntil(60);
    await session.run({ kind: 'noise', run: 1 });
    const tensors = tf.memory().numTensors;
    await session.run({ kind: 'noise', run: 1 });
    await session.run({ kind: 'noise', run: 1 });
    expect(tf.memory().numTensors).toBe(tensors);
    const last = frames.at(-1)!;
    expect(last.state).toBe('done');
    const point = last.result!;
    expect([point.run, point.name, point.step, point.batchSize, point.lr]).toEqual([
      1,
      'SGD B=8',
      60,
      8,
      0.1,
    ]);
    // The same numbers from the engine, at the recorded θ of run 1 on the session's plane.
    const experiment = session.experiment!;
    const p = experiment.problem.layout.size;
    const { thetas } = session.recording;
    const theta = thetas[thetas.length - 1]!.slice(p, 2 * p);
    const plane = session.currentPlane!;
    const expected = planeNoise(experiment.problem, theta, plane.d1, plane.d2, {
      batchSize: 8,
      lr: 0.1,
      labelNoise: {
        labels: experiment.dataset!.yTrain,
        cleanTargets: teacherTargets(experiment.dataset!, 'tanh-teacher'),
        sigma: 0.3,
      },
    });
    expect(point.total.gradient.covariance).toEqual(expected.total.gradient);
    expect(point.total.step.covariance).toEqual(expected.total.step);
    const split = point.split!;
    expect(split.expectedTotal.gradient.trace).toBeCloseTo(
      split.intrinsic.gradient.trace + split.exploration.gradient.trace,
      12,
    );
    expect(point.samplerFactor).toBeCloseTo((32 - 8) / 31, 14);
    session.dispose();
  });

  it('gives an importance run’s sampler landscape L_p on the grid on screen, equal to the engine’s', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    const runs = [
      { optimizer: 'sgd', lr: 0.05, batchSize: 4, name: 'SGD' },
      { ...TANH.runs[0], name: 'IS', sampling: { kind: 'importance', temperature: 0.05 } },
      { ...TANH.runs[0], name: 'IS hot', sampling: { kind: 'importance', temperature: 1e12 } },
    ];
    await session.configure({ ...TANH, runs }, { ...DEFAULT_VIEW, n: 5 });
    await session.playUntil(60);
    const grid = { a: [-1, -0.5, 0, 0.5, 1], b: [-2, -1, 0, 1, 2] };
    await session.run({ kind: 'noise', run: 1, grid });
    const tensors = tf.memory().numTensors;
    await session.run({ kind: 'noise', run: 1, grid });
    await session.run({ kind: 'noise', run: 1, grid });
    expect(tf.memory().numTensors).toBe(tensors);
    const last = frames.at(-1)!;
    expect(last.state).toBe('done');
    expect(last.grid).toEqual(grid);
    const sampled = last.result!.sampled!;
    expect(last.result!.temperature).toBe(0.05);
    // The engine on the same plane, grid and θ_k (run 1's newest recorded point).
    const experiment = session.experiment!;
    const problem = experiment.problem;
    const p = problem.layout.size;
    const { thetas } = session.recording;
    const thetaK = thetas[thetas.length - 1]!.slice(p, 2 * p);
    const lossesTensor = tf.tidy(() =>
      problem.perExampleLoss(tf.tensor2d(thetaK, [1, p]), 'train'),
    );
    const losses = lossesTensor.dataSync();
    lossesTensor.dispose();
    const expected = sampledLandscape(
      problem,
      session.currentPlane!,
      grid.a,
      grid.b,
      importanceProbabilities(losses, 0.05),
    );
    expect(sampled.landscape!.sampledLoss).toEqual(Array.from(expected.sampledLoss));
    expect(sampled.landscape!.trainLoss).toEqual(Array.from(expected.trainLoss));
    // A cold sampler (U_c = 0.05) sees a landscape different from the training loss.
    const gap = Math.max(
      ...sampled.landscape!.sampledLoss.map((v, i) =>
        Math.abs(v - sampled.landscape!.trainLoss[i]!),
      ),
    );
    expect(gap).toBeGreaterThan(1e-3);
    // U_c huge: p uniform, so L_p is the true landscape (the session's own values on that grid).
    await session.run({ kind: 'noise', run: 2, grid });
    const hot = frames.at(-1)!.result!.sampled!.landscape!;
    const a = Float32Array.from({ length: 25 }, (_, k) => grid.a[k % 5]!);
    const b = Float32Array.from({ length: 25 }, (_, k) => grid.b[Math.floor(k / 5)]!);
    expect(session.view.metric).toBe('trainLoss');
    const trueLoss = session.planeValues(a, b);
    hot.sampledLoss.forEach((v, k) => {
      expect(Math.abs(v - trueLoss[k]!)).toBeLessThan(1e-5 * Math.max(1, trueLoss[k]!));
      expect(Math.abs(v - hot.trainLoss[k]!)).toBeLessThan(1e-6 * Math.max(1, trueLoss[k]!));
    });
    // A uniform run has no sampler landscape, and the frame no grid.
    await session.run({ kind: 'noise', run: 0, grid });
    expect(frames.at(-1)!.result!.sampled).toBeUndefined();
    expect(frames.at(-1)!.grid).toBeUndefined();
    // A malformed grid fails with a message naming it.
    await session.run({ kind: 'noise', run: 1, grid: { a: [0, 1], b: [0] } });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/^grid:/),
    });
    session.dispose();
  });

  it('fails with a message on an analytic surface', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { problem: { kind: 'surface' }, steps: 10, recordEvery: 5 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    await session.playUntil(10);
    await session.run({ kind: 'noise' });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/no examples/),
    });
    session.dispose();
  });
});
