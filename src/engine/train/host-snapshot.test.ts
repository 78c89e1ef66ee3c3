import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { parseConfig } from '../../config/parse';
import type { ExperimentInput } from '../../config/schema';
import { buildExperiment } from '../../experiment/build';
import type { Problem } from '../problems/problem';
import { tf } from '../tf';
import { train, type Snapshot, type TrainerOptions } from './trainer';

/**
 * Snapshots of the host training path evaluated on the host (`Problem.hostSnapshot`) against the
 * same snapshots by the tensor program (`snapshotAt`) on the same θ: both runs step on the host
 * (`engine: 'host'`), so their θ are identical and only the evaluation differs.
 *
 * Tolerances: the losses are float64 sums of float32 outputs on the host, float32 sums of float32
 * losses in the tensor program, and the outputs differ by float32 rounding of products with
 * ≤ 21 terms and by the two tanh approximations (< 3e-7 each): ~1e-6 relative in z, and
 * |∂ℓ/∂z| ≤ 1 (cross-entropies) or 2|z − y| (mse), so 2e-6 relative (plus 1e-7 absolute for
 * losses near 0) bounds them (measured on both backends: ≤ 4.6e-7 train, ≤ 7.6e-7 test). ‖∇L‖
 * is the norm of gradients that `mlp-backprop.test.ts` pins to 2e-5 of the largest component
 * against tf.grad; as a norm the componentwise errors average out: 1e-5 relative (measured
 * ≤ 1.1e-6). Accuracies count the same
 * comparisons and round the mean as the backend does: equal.
 */
const BASE: Pick<ExperimentInput, 'seed' | 'steps' | 'recordEvery' | 'runs'> = {
  seed: 4,
  steps: 30,
  recordEvery: 10,
  runs: [
    { optimizer: 'sgd', lr: 0.3, batchSize: 16 },
    { optimizer: 'momentum', lr: 0.05 },
    { optimizer: 'adam', lr: 0.02 },
  ],
};

const spiral = { kind: 'spiral', points: 80, noise: 0.05, testFraction: 0.25 } as const;
const spiral3 = { kind: 'spiral3', points: 90, noise: 0.03, testFraction: 0.2 } as const;
const teacher = { kind: 'tanh-teacher', points: 40, testFraction: 0.25 } as const;

const CASES: Array<[string, ExperimentInput]> = [
  [
    'bce, tanh 2-8-6-1',
    { ...BASE, problem: { kind: 'mlp', hidden: [8, 6], activation: 'tanh' }, data: spiral },
  ],
  [
    'bce, relu 2-12-1',
    { ...BASE, problem: { kind: 'mlp', hidden: [12], activation: 'relu' }, data: spiral },
  ],
  ['bce, logistic regression', { ...BASE, problem: { kind: 'logistic' }, data: spiral }],
  [
    'softmax-ce, sigmoid 2-8-6-3',
    { ...BASE, problem: { kind: 'mlp', hidden: [8, 6], activation: 'sigmoid' }, data: spiral3 },
  ],
  [
    'softmax-ce, relu 2-10-3',
    { ...BASE, problem: { kind: 'mlp', hidden: [10], activation: 'relu' }, data: spiral3 },
  ],
  [
    'softmax-ce, tanh 2-7-3',
    { ...BASE, problem: { kind: 'mlp', hidden: [7], activation: 'tanh' }, data: spiral3 },
  ],
  ['softmax-ce, multinomial logistic', { ...BASE, problem: { kind: 'logistic' }, data: spiral3 }],
  [
    'mse, tanh 1-6-1',
    { ...BASE, problem: { kind: 'mlp', hidden: [6], activation: 'tanh' }, data: teacher },
  ],
  [
    'mse, sigmoid 1-5-4-1',
    { ...BASE, problem: { kind: 'mlp', hidden: [5, 4], activation: 'sigmoid' }, data: teacher },
  ],
  [
    'mse, relu 1-9-1',
    { ...BASE, problem: { kind: 'mlp', hidden: [9], activation: 'relu' }, data: teacher },
  ],
];

async function trainWith(
  input: ExperimentInput,
  snapshots: TrainerOptions['snapshots'],
  adapt: (problem: Problem) => Problem = (p) => p,
): Promise<{ snapshots: Snapshot[]; tensorCalls: number; peakTensors: number }> {
  const config = parseConfig(input);
  const e = buildExperiment(config);
  const problem = adapt(e.problem);
  const calls = [
    vi.spyOn(e.problem, 'perExampleLoss'),
    vi.spyOn(e.problem, 'outputs'),
    ...(e.problem.accuracy ? [vi.spyOn(e.problem as Required<Problem>, 'accuracy')] : []),
  ];
  const before = tf.memory().numTensors;
  let peakTensors = 0;
  const out: Snapshot[] = [];
  try {
    for await (const s of train({
      problem,
      runs: e.runs,
      theta0: e.theta0,
      steps: config.steps,
      recordEvery: config.recordEvery,
      batchSeeds: e.batchSeeds,
      divergenceFactor: config.divergenceFactor,
      engine: 'host',
      snapshots,
    })) {
      out.push(s);
      peakTensors = Math.max(peakTensors, tf.memory().numTensors - before);
    }
    expect(tf.memory().numTensors).toBe(before);
    return {
      snapshots: out,
      tensorCalls: calls.reduce((n, c) => n + c.mock.calls.length, 0),
      peakTensors,
    };
  } finally {
    calls.forEach((c) => c.mockRestore());
    e.problem.dispose();
  }
}

function expectRelative(
  actual: Float32Array,
  expected: Float32Array,
  relative: number,
  absolute: number,
  label: string,
): number {
  let worst = 0;
  expected.forEach((want, r) => {
    const got = actual[r]!;
    if (Number.isNaN(want)) {
      expect(got, `${label} run ${r}`).toBeNaN();
      return;
    }
    const error = Math.abs(got - want);
    worst = Math.max(worst, error / Math.max(Math.abs(want), 1e-30));
    expect(error, `${label} run ${r}: ${got} vs ${want}`).toBeLessThanOrEqual(
      relative * Math.abs(want) + absolute,
    );
  });
  return worst;
}

describe.each(NODE_BACKENDS)('snapshots evaluated on the host (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it.each(CASES)(
    '%s: equal the tensor program on the same θ, accuracies identical, no tensors',
    async (_label, input) => {
      const host = await trainWith(input, 'auto');
      const tensor = await trainWith(input, 'tensor');
      // The host snapshots run no tensor program at all (and leave no tensor behind).
      expect(host.tensorCalls).toBe(0);
      expect(host.peakTensors).toBe(0);
      expect(tensor.tensorCalls).toBeGreaterThan(0);
      expect(host.snapshots.map((s) => s.step)).toEqual([0, 10, 20, 30]);
      expect(tensor.snapshots.map((s) => s.step)).toEqual([0, 10, 20, 30]);
      host.snapshots.forEach((h, i) => {
        const t = tensor.snapshots[i]!;
        const at = `step ${h.step}`;
        expect(Array.from(h.theta)).toEqual(Array.from(t.theta));
        expect(Array.from(h.divergedAt)).toEqual(Array.from(t.divergedAt));
        expectRelative(h.trainLoss, t.trainLoss, 2e-6, 1e-7, `train loss, ${at}`);
        expectRelative(h.testLoss, t.testLoss, 2e-6, 1e-7, `test loss, ${at}`);
        expectRelative(h.gradNorm, t.gradNorm, 1e-5, 1e-7, `gradient norm, ${at}`);
        expect(h.trainAccuracy, at).toEqual(t.trainAccuracy);
        expect(h.testAccuracy, at).toEqual(t.testAccuracy);
        expect(t.trainAccuracy).toBeDefined();
      });
      // The runs moved: the snapshots compare different θ, not θ₀ four times.
      const first = host.snapshots[0]!.trainLoss[2]!;
      const last = host.snapshots[3]!.trainLoss[2]!;
      expect(last).toBeLessThan(first);
    },
  );

  it('an empty test split gives NaN test metrics, as the tensor program does', async () => {
    const input = {
      ...BASE,
      problem: { kind: 'mlp', hidden: [6], activation: 'tanh' },
      data: { ...spiral, testFraction: 0 },
    } as unknown as ExperimentInput;
    const host = await trainWith(input, 'auto');
    const tensor = await trainWith(input, 'tensor');
    for (const [h, t] of host.snapshots.map((s, i) => [s, tensor.snapshots[i]!] as const)) {
      expect(Array.from(h.testLoss).every(Number.isNaN)).toBe(true);
      expect(Array.from(h.testAccuracy!).every(Number.isNaN)).toBe(true);
      expect(Array.from(t.testLoss).every(Number.isNaN)).toBe(true);
      expect(h.trainAccuracy).toEqual(t.trainAccuracy);
    }
  });

  it('a problem with a host gradient but no host snapshot keeps the tensor snapshots', async () => {
    const input = CASES[0]![1];
    const withoutHostSnapshot = (problem: Problem): Problem =>
      Object.create(problem, { hostSnapshot: { value: undefined } }) as Problem;
    const run = await trainWith(input, 'auto', withoutHostSnapshot);
    expect(run.tensorCalls).toBeGreaterThan(0);
    const host = await trainWith(input, 'auto');
    expect(run.snapshots[3]!.theta).toEqual(host.snapshots[3]!.theta);
  });
});
