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
