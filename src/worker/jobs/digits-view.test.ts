/**
 * The digits view job on a session trained on the 8×8 digits: samples per class, and per run a
 * confusion matrix whose rows are the test split's class counts and whose trace over its sum is
 * the problem's own accuracy at the same θ; misclassified images listed with their labels.
 */
import { silentListener } from '../silent-listener';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { DEFAULT_VIEW } from '../../config/view';
import { tf } from '../../engine/tf';
import type { DigitsViewFrame } from '../../protocol/digits-view';
import { ComputeSession } from '../session';

const DIGITS = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [16], activation: 'tanh' },
  data: { kind: 'digits', points: 400, testFraction: 0.25 },
  runs: [
    { optimizer: 'adam', lr: 0.02, name: 'Adam' },
    { optimizer: 'sgd', lr: 0.001, name: 'slow SGD' },
  ],
  steps: 150,
  recordEvery: 50,
} as const;

describe('digits-view job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('samples 6 images per digit; confusion rows = test class counts, trace/sum = accuracy', async () => {
    const frames: DigitsViewFrame[] = [];
    const session = new ComputeSession(
      silentListener({ digitsView: (frame) => void frames.push(frame) }),
    );
    await session.configure(DIGITS, { ...DEFAULT_VIEW, n: 5 });
    // Before training: the predictions of θ₀.
    await session.run({ kind: 'digits-view' });
    const before = frames.at(-1)!.result!;
    expect(before.step).toBe(0);
    await session.playUntil(150);
    await session.run({ kind: 'digits-view' });
    // No leak: a second view leaves the tensor count where the first left it.
    const tensorsBefore = tf.memory().numTensors;
    await session.run({ kind: 'digits-view' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const ofJob = frames.filter((f) => f.jobId === frames.at(-1)!.jobId);
    expect(ofJob.map((f) => f.state)).toEqual(['running', 'done']);
    const view = ofJob.at(-1)!.result!;
    expect(view.classes).toBe(10);
    expect(view.split).toBe('test');
    expect(view.step).toBe(150);
    // Samples: 6 of each digit, digit by digit, pixels 0…16.
    expect([...view.samples.labels]).toEqual(
      Array.from({ length: 60 }, (_, i) => Math.floor(i / 6)),
    );
    expect(view.samples.pixels.length).toBe(60 * 64);
    expect(Math.max(...view.samples.pixels)).toBe(16);

    const experiment = session.experiment!;
    const data = experiment.dataset!;
    const testCounts = new Array<number>(10).fill(0);
    for (const y of data.yTest) testCounts[y]! += 1;
    const p = experiment.problem.layout.size;
    const theta = session.recording.thetas.at(-1)!;
    const accuracy = tf.tidy(() =>
      experiment.problem.accuracy!(tf.tensor2d(theta, [2, p]), 'test').dataSync(),
    );
    expect(view.runs.map((r) => r.name)).toEqual(['Adam', 'slow SGD']);
    view.runs.forEach((run, k) => {
      const rows = Array.from({ length: 10 }, (_, t) =>
        run.confusion.slice(10 * t, 10 * t + 10).reduce((s, v) => s + v, 0),
      );
      expect(rows).toEqual(testCounts);
      let trace = 0;
      for (let c = 0; c < 10; c++) trace += run.confusion[11 * c]!;
      expect(run.accuracy).toBeCloseTo(trace / 100, 10);
      expect(run.accuracy).toBeCloseTo(accuracy[k]!, 5);
      expect(run.errors).toBe(100 - trace);
      const listed = run.misclassified.labels.length;
      expect(listed).toBe(Math.min(24, run.errors));
      for (let i = 0; i < listed; i++) {
        expect(run.misclassified.predicted[i]).not.toBe(run.misclassified.labels[i]);
      }
    });
    // Adam has learned the digits; SGD at lr 0.001 has barely moved from θ₀.
    expect(view.runs[0]!.accuracy).toBeGreaterThan(0.85);
    expect(view.runs[1]!.accuracy).toBeLessThan(0.5);
    await session.dispose();
  });
});
