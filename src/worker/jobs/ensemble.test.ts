/**
 * The ensemble job in a session: the CLI's numbers for the same config, progress frames, a
 * failure that names the field, and a cancel that stops it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { parseConfig } from '../../config/parse';
import { DEFAULT_VIEW } from '../../config/view';
import { runExperiment } from '../../experiment/run';
import type { EnsembleFrame } from '../../protocol/frames';
import { ComputeSession } from '../session';
import { silentListener } from '../silent-listener';

const QUADRATIC = {
  seed: 4,
  problem: { kind: 'surface', surface: 'quadratic', kappa: 3 },
  runs: [{ optimizer: 'sgd', lr: 0.1 }],
  theta0: [0.5, 0.5],
  steps: 10,
  ensemble: {
    members: 8,
    temperatures: [{ batchSize: 4 }, { batchSize: 1 }],
    noise: { sigma: 1, examples: 16 },
    steps: 60,
    recordEvery: 5,
    frames: 3,
    plane: 'axes',
  },
} as const;

function recorder() {
  const frames: EnsembleFrame[] = [];
  const listener = silentListener({ ensemble: (frame) => void frames.push(frame) });
  return { frames, listener };
}

describe('ensemble job', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('reports progress, then the CLI’s clouds and spreads for the same config', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(QUADRATIC, { ...DEFAULT_VIEW, n: 5 });
    await session.run({ kind: 'ensemble' });
    expect(frames.map((f) => [f.state, f.done, f.total])).toEqual([
      ['running', 0, 60],
      ['running', 20, 60],
      ['running', 40, 60],
      ['running', 60, 60],
      ['done', 60, 60],
    ]);
    const result = frames.at(-1)!.result!;
    const cli = (await runExperiment(parseConfig(QUADRATIC), 'cpu')).ensemble!;
    expect(result.steps).toEqual(cli.steps);
    result.temperatures.forEach((t, i) => {
      expect(t.spread).toBeCloseTo(cli.temperatures[i]!.spread!, 6);
      expect(t.a.at(-1)).toEqual(cli.temperatures[i]!.a.at(-1));
    });
    // A spec field replaces the block's: one temperature.
    await session.run({ kind: 'ensemble', spec: { temperatures: [{ batchSize: 2 }] } });
    expect(frames.at(-1)!.result!.temperatures.map((t) => t.temperature)).toEqual([0.05]);
    await session.dispose();
  }, 60_000);

  it('names the field when the settings do not apply, and stops when cancelled', async () => {
    const { frames, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure({ ...QUADRATIC, ensemble: undefined }, { ...DEFAULT_VIEW, n: 5 });
    await session.run({ kind: 'ensemble' });
    expect(frames.at(-1)!.state).toBe('failed');
    expect(frames.at(-1)!.message).toMatch(/^ensemble\.noise: an analytic surface has no data/);
    await session.run({ kind: 'ensemble', spec: { members: 100 } });
    expect(frames.at(-1)!.message).toBe('ensemble.members: must be a whole number from 2 to 64');
    frames.length = 0;
    const running = session.run({
      kind: 'ensemble',
      spec: {
        ...QUADRATIC.ensemble,
        temperatures: [...QUADRATIC.ensemble.temperatures],
        steps: 100_000,
        recordEvery: 1000,
      },
    });
    // Cancel once the job is under way (a fixed delay raced it on an idle machine).
    while (!frames.some((f) => f.state === 'running'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    session.cancel('ensemble');
    await running;
    expect(frames.some((f) => f.state === 'done')).toBe(false);
    await session.dispose();
  }, 60_000);
});
