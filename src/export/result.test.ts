import { describe, expect, it } from 'vitest';
import { smallResult } from './result.fixture';
import { decodeResult, encodeResult, parseResultText, ResultFileError, resultJson } from './result';
import { recordedOf, replayOf } from './replay';

describe('result files', () => {
  it('reads back what it writes (NaN and Infinity as null, then NaN)', () => {
    const result = smallResult();
    const text = resultJson(result);
    expect(text).toContain('"values":{"trainLoss":[1,2,3,null]}');
    const back = parseResultText(text);
    expect(back.landscape!.values.trainLoss).toEqual([1, 2, 3, Number.NaN]);
    expect(back.runs[1]!.trajectory[1]!.trainLoss).toBeNaN();
    expect(resultJson(back)).toBe(text);
  });

  it('replays into store data and re-exports the same file', () => {
    const result = decodeResult(JSON.parse(resultJson(smallResult())));
    const replay = replayOf(result);
    expect(replay.history.steps).toEqual([0, 10]);
    expect(replay.history.trainLoss[1]).toEqual([24.2, Number.NaN]);
    expect(replay.divergedAt).toEqual([-1, 7]);
    expect(replay.step).toBe(10);
    expect(replay.info.names).toEqual(['SGD', 'Adam']);
    expect(replay.info.colors[1]).toBe('#ff0000');
    expect(replay.info.problem.task).toBe('surface');
    expect(Array.from(replay.landscape!.values)).toEqual([1, 2, 3, Number.NaN]);
    expect(replay.trajectories[0]!.length).toBe(2);
    expect(Array.from(replay.trajectories[0]!.a)).toEqual([-1, 0.5]);
    const again = encodeResult({
      recorded: recordedOf(result),
      divergedAt: replay.divergedAt,
      backend: result.backend,
      view: null,
      landscape: replay.landscape,
      plane: replay.plane,
      trajectories: replay.trajectories,
      offPlane: replay.offPlane,
      curvature: result.curvature,
    });
    expect(resultJson(again)).toBe(resultJson(smallResult()));
  });

  it('names what is wrong in a bad file', () => {
    const problems = (text: string): readonly string[] => {
      try {
        parseResultText(text);
      } catch (e) {
        if (e instanceof ResultFileError) return e.problems;
        throw e;
      }
      throw new Error('no error');
    };
    expect(problems('{"config": ')[0]).toMatch(/^not valid JSON: /);
    expect(problems('[1, 2]')[0]).toMatch(/expected an object with config/);
    expect(problems('{"experiment": {}}')[0]).toMatch(/app document/);
    const bad = JSON.parse(resultJson(smallResult()));
    bad.landscape.values.trainLoss.pop();
    bad.runs[0].trajectory[0].trainLoss = 'high';
    bad.config.steps = -3;
    const lines = problems(JSON.stringify(bad));
    expect(lines.some((l) => l.startsWith('config.steps: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('runs[0].trajectory[0].trainLoss: '))).toBe(true);
    const lengths = JSON.parse(resultJson(smallResult()));
    lengths.landscape.values.trainLoss.pop();
    lengths.landscape.trajectories[1].b.pop();
    expect(problems(JSON.stringify(lengths))).toEqual([
      'landscape.values.trainLoss: must hold n² = 4 values (got [1,2,3])',
      'landscape.trajectories[1].b: must hold as many points as a (2) (got [0])',
    ]);
  });
});
