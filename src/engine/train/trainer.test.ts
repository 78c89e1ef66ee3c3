import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { parseConfig } from '../../config/parse';
import type { ExperimentInput } from '../../config/schema';
import { buildExperiment, trainerOptions, type Experiment } from '../../experiment/build';
import { tf } from '../tf';
import { train, trainToEnd, type Snapshot } from './trainer';

/** A small race: four optimisers, three batch sizes, SAM and weight decay, on two spirals. */
const RACE: ExperimentInput = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [8, 8], activation: 'tanh' },
  data: { kind: 'spiral', points: 64, noise: 0.05, testFraction: 0.25 },
  runs: [
    { optimizer: 'sgd', lr: 0.2, batchSize: 16 },
    { optimizer: 'momentum', lr: 0.05, weightDecay: 0.001 },
    { optimizer: 'adam', lr: 0.01, batchSize: 7, schedule: { kind: 'cosine', warmupSteps: 5 } },
    { optimizer: 'nadam', lr: 0.01, batchSize: 16, sam: { rho: 0.05 } },
  ],
  steps: 40,
  recordEvery: 10,
};

async function run(
  input: ExperimentInput,
  pick?: number[],
): Promise<{ experiment: Experiment; snapshots: Snapshot[] }> {
  const config = parseConfig(input);
  const experiment = buildExperiment(config);
  const ks = pick ?? experiment.runs.map((_, k) => k);
  const p = experiment.problem.layout.size;
  const theta0 = new Float32Array(ks.length * p);
  ks.forEach((k, i) => theta0.set(experiment.theta0.subarray(k * p, (k + 1) * p), i * p));
  try {
    const snapshots = await trainToEnd({
      problem: experiment.problem,
      runs: ks.map((k) => experiment.runs[k]!),
      theta0,
      steps: config.steps,
      recordEvery: config.recordEvery,
      batchSeeds: ks.map((k) => experiment.batchSeeds[k]!),
      divergenceFactor: config.divergenceFactor,
    });
    return { experiment, snapshots };
  } finally {
    experiment.problem.dispose();
  }
}

describe.each(NODE_BACKENDS)('trainer (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it('records step 0, every recordEvery steps and the last step, and lowers the loss', async () => {
    const { snapshots } = await run({ ...RACE, steps: 45 });
    expect(snapshots.map((s) => s.step)).toEqual([0, 10, 20, 30, 40, 45]);
    const first = snapshots[0]!;
    const last = snapshots[snapshots.length - 1]!;
    // All runs share θ₀, so they start with the same loss.
    for (let k = 1; k < 4; k++) expect(first.trainLoss[k]).toBe(first.trainLoss[0]);
    for (let k = 0; k < 4; k++) {
      expect(last.trainLoss[k]!).toBeLessThan(first.trainLoss[k]!);
      expect(last.divergedAt[k]).toBe(-1);
      expect(last.trainAccuracy![k]!).toBeGreaterThanOrEqual(0);
      expect(last.gradNorm[k]!).toBeGreaterThan(0);
    }
  });

  it('K batched runs equal K separate runs', async () => {
    const together = await run(RACE);
    for (let k = 0; k < 4; k++) {
      const alone = await run(RACE, [k]);
      const p = together.experiment.problem.layout.size;
      together.snapshots.forEach((s, i) => {
        const a = alone.snapshots[i]!;
        expect(a.step).toBe(s.step);
        const mine = s.theta.subarray(k * p, (k + 1) * p);
        let maxDiff = 0;
        for (let j = 0; j < p; j++) maxDiff = Math.max(maxDiff, Math.abs(mine[j]! - a.theta[j]!));
        expect(maxDiff, `run ${k} at step ${s.step}`).toBeLessThan(1e-5);
        expect(a.trainLoss[0]!).toBeCloseTo(s.trainLoss[k]!, 5);
      });
    }
  });

  it('gives identical results for the same seed and different ones for another seed', async () => {
    const a = await run(RACE);
    const b = await run(RACE);
    const c = await run({ ...RACE, seed: 4 });
    const last = (r: { snapshots: Snapshot[] }) => r.snapshots[r.snapshots.length - 1]!;
    expect(Array.from(last(a).theta)).toEqual(Array.from(last(b).theta));
    expect(Array.from(a.experiment.dataset!.xTrain)).toEqual(
      Array.from(b.experiment.dataset!.xTrain),
    );
    expect(Array.from(last(a).theta)).not.toEqual(Array.from(last(c).theta));
  });

  it('flags a run with learning rate 1e3 as diverged and lets the others finish', async () => {
    const { snapshots } = await run({
      ...RACE,
      runs: [
        { optimizer: 'sgd', lr: 0.2 },
        { optimizer: 'sgd', lr: 1e3 },
        { optimizer: 'adam', lr: 0.01 },
      ],
    });
    const first = snapshots[0]!;
    const last = snapshots[snapshots.length - 1]!;
    expect(last.divergedAt[1]!).toBeGreaterThanOrEqual(1);
    expect(last.divergedAt[1]!).toBeLessThanOrEqual(10);
    expect(last.divergedAt[0]).toBe(-1);
    expect(last.divergedAt[2]).toBe(-1);
    // The diverged run is frozen at a finite θ; the others kept improving.
    expect(last.theta.every(Number.isFinite)).toBe(true);
    expect(last.trainLoss[0]!).toBeLessThan(first.trainLoss[0]!);
    expect(last.trainLoss[2]!).toBeLessThan(first.trainLoss[2]!);
    // Frozen: θ of the diverged run does not change after it diverged.
    const p = last.theta.length / 3;
    expect(Array.from(snapshots[2]!.theta.subarray(p, 2 * p))).toEqual(
      Array.from(last.theta.subarray(p, 2 * p)),
    );
  });

  it('flags a run whose loss overflows to Inf/NaN (regression, lr 1e3)', async () => {
    const { snapshots } = await run({
      problem: { kind: 'tanh-regression', units: 4 },
      data: { kind: 'tanh-teacher', points: 32 },
      runs: [
        { optimizer: 'sgd', lr: 0.05 },
        { optimizer: 'sgd', lr: 1e3 },
      ],
      steps: 200,
      recordEvery: 50,
      divergenceFactor: 1e30,
    });
    const last = snapshots[snapshots.length - 1]!;
    expect(last.divergedAt[1]!).toBeGreaterThan(0);
    expect(last.divergedAt[0]).toBe(-1);
    expect(Number.isFinite(last.trainLoss[0]!)).toBe(true);
    expect(last.theta.every(Number.isFinite)).toBe(true);
  });

  it('leaves the tensor count unchanged after 1,000 steps', async () => {
    const config = parseConfig({ ...RACE, steps: 1000, recordEvery: 100 });
    const experiment = buildExperiment(config);
    const before = tf.memory().numTensors;
    await trainToEnd(trainerOptions(experiment));
    expect(tf.memory().numTensors).toBe(before);
    experiment.problem.dispose();
  });

  it('stops when asked and frees its tensors (break, and abort signal)', async () => {
    const config = parseConfig({ ...RACE, steps: 1000, recordEvery: 5 });
    const experiment = buildExperiment(config);
    const options = trainerOptions(experiment);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    for await (const s of train(options)) {
      seen.push(s.step);
      if (s.step === 10) break;
    }
    expect(seen).toEqual([0, 5, 10]);
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    const steps: number[] = [];
    for await (const s of train({ ...options, signal: controller.signal })) {
      steps.push(s.step);
      if (s.step === 15) controller.abort();
    }
    expect(steps[steps.length - 1]).toBe(15);
    expect(tf.memory().numTensors).toBe(before);
    experiment.problem.dispose();
  });
});
