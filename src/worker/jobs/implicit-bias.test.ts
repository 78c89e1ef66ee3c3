/**
 * The implicit-bias job on a session's recording: the same numbers the CLI gives for the same
 * config (the lesson's separable data, γ = 0.202), an angle recomputed by hand from the recorded θ,
 * and the engine's message for a problem that does not qualify.
 */
import { silentListener } from '../silent-listener';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { parseConfig } from '../../config/parse';
import type { MaxMarginBiasResult } from '../../config/result';
import { DEFAULT_VIEW } from '../../config/view';
import { runExperiment } from '../../experiment/run';
import type { ImplicitBiasFrame } from '../../protocol/frames';
import { ComputeSession } from '../session';

const LOGISTIC = {
  seed: 2,
  problem: { kind: 'logistic' },
  data: { kind: 'linear', points: 40, noise: 0, margin: 0.3, testFraction: 0.25 },
  runs: [
    { optimizer: 'sgd', lr: 4, name: 'GD' },
    { optimizer: 'adagrad', lr: 0.1, name: 'Adagrad' },
  ],
  theta0: [0, 0, 0],
  steps: 400,
  recordEvery: 100,
} as const;

function recorder() {
  const frames: ImplicitBiasFrame[] = [];
  const listener = silentListener({ implicitBias: (frame) => void frames.push(frame) });
  return { frames, listener };
}

describe('implicit-bias job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('gives the CLI’s angles and margins for every run; the angle recomputed from θ by hand', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(LOGISTIC, { ...DEFAULT_VIEW, n: 5 });
    await session.playUntil(400);
    await session.run({ kind: 'implicit-bias' });
    const ofJob = frames.filter((f) => f.jobId === frames.at(-1)!.jobId);
    expect(ofJob.map((f) => [f.state, f.done, f.total])).toEqual([
      ['running', 0, 2],
      ['running', 1, 2],
      ['done', 2, 2],
    ]);
    const bias = ofJob.at(-1)!.result as MaxMarginBiasResult;
    expect(bias.kind).toBe('max-margin');
    expect(bias.svm.margin).toBeCloseTo(0.202, 3);
    expect(bias.runs.map((r) => r.name)).toEqual(['GD', 'Adagrad']);
    expect(bias.runs[0]!.steps).toEqual([0, 100, 200, 300, 400]);
    // The CLI on the same config: the same series (float32 training on both sides).
    const cli = (await runExperiment(parseConfig({ ...LOGISTIC, implicitBias: {} }), 'cpu'))
      .implicitBias as MaxMarginBiasResult;
    for (const [k, run] of bias.runs.entries()) {
      const expected = cli.runs[k]!;
      expect(run.steps).toEqual(expected.steps);
      // θ(0) = 0 has no direction: its angle and margin are NaN on both sides.
      expect(run.angle[0]).toBeNaN();
      expect(expected.angle[0]).toBeNaN();
      for (let i = 1; i < run.steps.length; i++) {
        expect(run.angle[i]).toBeCloseTo(expected.angle[i]!, 6);
        expect(run.margin[i]).toBeCloseTo(expected.margin[i]!, 6);
      }
    }
    // By hand: the angle between GD's newest recorded θ and the SVM direction.
    const gd = session.trajectories()[0]!;
    const theta = Array.from(gd.subarray(gd.length - 3));
    const u = bias.svm.direction;
    const dot = theta.reduce((s, t, j) => s + t * u[j]!, 0);
    const norm = Math.hypot(...theta);
    expect(bias.runs[0]!.angle.at(-1)).toBeCloseTo(Math.acos(dot / norm), 6);
    expect(bias.runs[0]!.norm.at(-1)).toBeCloseTo(norm, 5);
    // GD at step 400 is nearer the SVM direction than Adagrad.
    expect(bias.runs[0]!.angle.at(-1)!).toBeLessThan(bias.runs[1]!.angle.at(-1)!);
    await session.dispose();
  }, 60_000);

  it('says why when the problem does not qualify (not separable; an MLP)', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { ...LOGISTIC, data: { kind: 'xor', points: 40 }, steps: 10 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    await session.step(10);
    await session.run({ kind: 'implicit-bias' });
    expect(frames.at(-1)!.state).toBe('failed');
    expect(frames.at(-1)!.message).toMatch(
      /^implicitBias: the data are not linearly separable: the hard-margin SVM has no solution.*use data.kind 'linear'/,
    );
    await session.configure(
      { ...LOGISTIC, problem: { kind: 'mlp', hidden: [4] }, theta0: undefined, steps: 10 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    await session.step(10);
    await session.run({ kind: 'implicit-bias' });
    expect(frames.at(-1)).toMatchObject({
      state: 'failed',
      message: "implicitBias: needs problem 'logistic' or 'linear-regression', not 'mlp'",
    });
    await session.dispose();
  }, 60_000);
});
