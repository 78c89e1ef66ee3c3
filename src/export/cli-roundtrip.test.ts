/**
 * A result the CLI writes opens in the app and is written back unchanged: the CLI runs in-process
 * on a tiny document, its output is read (`parseResultText`), turned into the store's data
 * (`replayOf`) and encoded again from that data (`encodeResult`), as "Open result…" then
 * "Export → Result (JSON)" do.
 */
import { describe, expect, it } from 'vitest';
import { cliResultText, reexportedText } from './cli-result.fixture';
import { parseResultText } from './result';
import { replayOf } from './replay';

describe('a CLI result in the app', () => {
  it('opens, replays and re-exports to the same text', async () => {
    const text = await cliResultText({
      experiment: {
        seed: 4,
        problem: { kind: 'mlp', hidden: [4] },
        data: { kind: 'spiral', points: 40 },
        runs: [
          { optimizer: 'sgd', lr: 0.5 },
          { optimizer: 'adam', lr: 0.02 },
        ],
        steps: 12,
        recordEvery: 4,
      },
      view: { directions: 'pca', n: 7 },
    });
    const result = parseResultText(text);
    const replay = replayOf(result);
    expect(replay.history.steps).toEqual([0, 4, 8, 12]);
    expect(replay.landscape!.n).toBe(7);
    expect(replay.landscape!.values).toHaveLength(49);
    expect(replay.trajectories.map((t) => t.length)).toEqual([4, 4]);
    expect(replay.info.problem.task).toBe('classification');
    const again = reexportedText(result, {});
    expect(JSON.parse(again)).toEqual(JSON.parse(text));
    expect(again).toBe(text);
  }, 60_000);
});
