/**
 * The app's recording in the result's shape equals what the CLI's headless run records for the
 * same config: the same steps, θ and metrics (the worker keeps no past gradient norms: null).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { DEFAULT_VIEW } from '../config/view';
import { runExperiment } from '../experiment/run';
import type { SessionListener } from '../protocol/frames';
import { recordedResult } from './recorded';
import { ComputeSession } from './session';

const CONFIG = {
  seed: 5,
  problem: { kind: 'mlp', hidden: [4] },
  data: { kind: 'spiral', points: 40 },
  runs: [
    { optimizer: 'sgd', lr: 0.3 },
    { optimizer: 'adam', lr: 0.02 },
  ],
  steps: 10,
  recordEvery: 5,
};

const quiet: SessionListener = {
  session: () => undefined,
  snapshot: () => undefined,
  landscapeFailed: () => undefined,
  curvature: () => undefined,
  minima: () => undefined,
  connect: () => undefined,
  badMinima: () => undefined,
  implicitBias: () => undefined,
  ensemble: () => undefined,
  noise: () => undefined,
  digitsView: () => undefined,
  landscape: () => undefined,
  progress: () => undefined,
  status: () => undefined,
  error: () => undefined,
};

describe('recordedResult', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('is the CLI run’s config, problem and trajectories (gradNorm null)', async () => {
    const session = new ComputeSession(quiet);
    expect(recordedResult(session)).toBeNull();
    try {
      await session.configure(CONFIG, DEFAULT_VIEW);
      await session.playUntil(10);
      const recorded = recordedResult(session)!;
      const cli = await runExperiment(session.experiment!.config, 'cpu');
      expect(recorded.config).toEqual(cli.config);
      expect(recorded.problem).toEqual(cli.problem);
      expect(recorded.unavailable).toEqual(cli.unavailable);
      expect(recorded.runs.map((r) => r.trajectory.map((p) => p.step))).toEqual([
        [0, 5, 10],
        [0, 5, 10],
      ]);
      recorded.runs.forEach((run, k) => {
        const expected = cli.runs[k]!;
        expect(run.name).toBe(expected.name);
        expect(run.hyper).toEqual(expected.hyper);
        expect(run.trajectory).toEqual(expected.trajectory.map((p) => ({ ...p, gradNorm: null })));
      });
    } finally {
      await session.dispose();
    }
  }, 60_000);
});
