/**
 * The result's `classification` block: confusion counts and misclassified examples, against an
 * exact hand-computed case (multinomial logistic regression with chosen θ) and, for a trained
 * spiral3 run, against the trainer's own accuracy and the data's class counts; the CLI's result
 * validates, and a file read and written again is the same text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import { parseResultText, resultJson } from '../export/result';
import { encodeResult } from '../export/result';
import { tf } from '../engine/tf';
import { buildExperiment } from './build';
import { experimentClassification } from './classification';
import { runExperiment } from './run';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('experimentClassification', () => {
  it('counts an exact case: 3 classes on a line, z = (−x, 0.5, x)', () => {
    // x < −0.5 → class 0, −0.5 < x < 0.5 → class 1, x > 0.5 → class 2.
    const experiment = buildExperiment(
      parseConfig({
        problem: { kind: 'logistic' },
        data: {
          kind: 'custom',
          task: 'classification',
          x: [[-2], [-1], [0], [0.2], [1], [3]],
          y: [0, 1, 1, 2, 2, 0],
          testX: [[-0.7], [0.9]],
          testY: [1, 2],
        },
        runs: [{ optimizer: 'sgd', lr: 0.1 }],
        steps: 1,
      }),
    );
    try {
      expect(experiment.problem.layout.size).toBe(6);
      // W0[1,3] then b0[3].
      const theta = Float32Array.of(-1, 0, 1, 0, 0.5, 0);
      const before = tf.memory().numTensors;
      const result = experimentClassification(experiment, [theta], [7])!;
      expect(tf.memory().numTensors).toBe(before);
      // Predicted 0, 0, 1, 1, 2, 2 for labels 0, 1, 1, 2, 2, 0.
      expect(result).toEqual({
        classes: 3,
        runs: [
          {
            name: experiment.names[0],
            step: 7,
            train: {
              examples: 6,
              accuracy: 0.5,
              confusion: [1, 0, 1, 1, 1, 0, 0, 1, 1],
              misclassified: [1, 3, 5],
              predicted: [0, 1, 2],
            },
            // −0.7 → 0 (label 1), 0.9 → 2 (label 2).
            test: {
              examples: 2,
              accuracy: 0.5,
              confusion: [0, 0, 0, 1, 0, 0, 0, 0, 1],
              misclassified: [0],
              predicted: [0],
            },
          },
        ],
      });
    } finally {
      experiment.problem.dispose();
    }
  });

  it('is absent for two classes', () => {
    const experiment = buildExperiment(
      parseConfig({ problem: { kind: 'logistic' }, data: { kind: 'circles', points: 40 } }),
    );
    try {
      const p = experiment.problem.layout.size;
      const thetas = experiment.names.map(() => new Float32Array(p));
      expect(
        experimentClassification(
          experiment,
          thetas,
          thetas.map(() => 0),
        ),
      ).toBeNull();
    } finally {
      experiment.problem.dispose();
    }
  });
});

describe('the CLI result of a 3-class run', () => {
  it('holds each run’s confusion matrices, equal to the trainer’s accuracy and the class counts', async () => {
    const config = parseConfig({
      seed: 5,
      problem: { kind: 'mlp', hidden: [12] },
      data: { kind: 'spiral3', points: 150 },
      runs: [
        { optimizer: 'adam', lr: 0.03 },
        { optimizer: 'sgd', lr: 0.5 },
      ],
      steps: 60,
    });
    const result = await runExperiment(config, 'cpu');
    const block = result.classification!;
    expect(block.classes).toBe(3);
    // The data's labels, built again from the same config.
    const experiment = buildExperiment(config);
    const data = experiment.dataset!;
    experiment.problem.dispose();
    const classCounts = (y: ArrayLike<number>) =>
      [0, 1, 2].map((c) => Array.from(y).filter((v) => v === c).length);
    block.runs.forEach((run, k) => {
      const last = result.runs[k]!.trajectory.at(-1)!;
      expect(run.step).toBe(last.step);
      for (const [split, y, accuracy] of [
        ['train', data.yTrain, last.trainAccuracy!],
        ['test', data.yTest, last.testAccuracy!],
      ] as const) {
        const s = run[split]!;
        expect(s.examples).toBe(y.length);
        const rows = [0, 1, 2].map((t) => s.confusion.slice(3 * t, 3 * t + 3));
        expect(rows.map((r) => r[0]! + r[1]! + r[2]!)).toEqual(classCounts(y));
        const trace = rows[0]![0]! + rows[1]![1]! + rows[2]![2]!;
        expect(trace + s.misclassified.length).toBe(y.length);
        // The trainer's accuracy (the tensor path's argmax, float32).
        expect(s.accuracy).toBeCloseTo(accuracy, 6);
        // Each misclassified example is counted off the diagonal at (label, predicted).
        s.misclassified.forEach((i, j) => expect(s.predicted[j]).not.toBe(y[i]));
        const off = new Array(9).fill(0);
        s.misclassified.forEach((i, j) => (off[3 * y[i]! + s.predicted[j]!] += 1));
        expect(off.filter((_, e) => e % 4 !== 0)).toEqual(
          s.confusion.filter((_, e) => e % 4 !== 0),
        );
      }
    });
    // The file validates and reads back to the same text.
    const text = resultJson(result);
    const read = parseResultText(text);
    expect(read.classification).toEqual(block);
    expect(
      resultJson(
        encodeResult({
          recorded: {
            config: read.config,
            problem: read.problem,
            unavailable: read.unavailable,
            runs: read.runs.map((r) => ({
              name: r.name,
              hyper: r.hyper,
              trajectory: r.trajectory,
            })),
          },
          divergedAt: read.runs.map((r) => r.divergedAt ?? -1),
          backend: read.backend,
          view: null,
          landscape: null,
          plane: null,
          trajectories: [],
          classification: read.classification,
        }),
      ),
    ).toBe(text);
    // A damaged block is named.
    const bad = JSON.parse(text) as {
      classification: { runs: { train: { confusion: number[] } }[] };
    };
    bad.classification.runs[0]!.train.confusion.pop();
    expect(() => parseResultText(JSON.stringify(bad))).toThrow(
      /classification\.runs\[0\]\.train\.confusion: must have classes² = 9 counts, has 8/,
    );
  }, 120_000);
});
