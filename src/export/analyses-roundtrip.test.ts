/**
 * The later analyses of a CLI result (implicitBias, ensemble, noise) survive "Open result…": the
 * schema declares them (they used to be dropped silently), they come back with the values the CLI
 * wrote, a re-export writes the same text, and a malformed block is refused naming its field.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComputeClient } from '../client/compute-client';
import { SessionController } from '../client/controller';
import { analysesToExport, replaySession } from '../client/replay';
import { createAppStore } from '../state/store';
import { DEFAULT_CONFIG } from '../app/defaults';
import { DEFAULT_VIEW } from '../config/view';
import { initialSession } from '../state/session';
import { analysesCliText } from './analyses.fixture';
import { reexportedText } from './cli-result.fixture';
import { parseResultText, ResultFileError, resultJson } from './result';
import { replayOf } from './replay';

let text = '';

beforeAll(async () => {
  text = await analysesCliText();
}, 60_000);

describe('implicitBias, ensemble and noise in a result file', () => {
  it('are read back with the CLI’s values and re-exported to the same text', () => {
    const written = JSON.parse(text);
    expect(Object.keys(written)).toEqual(
      expect.arrayContaining(['implicitBias', 'ensemble', 'noise']),
    );
    const result = parseResultText(text);
    // Identical values: each block, written as JSON again, is what the CLI wrote.
    const json = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(json(result.implicitBias)).toEqual(written.implicitBias);
    expect(json(result.ensemble)).toEqual(written.ensemble);
    expect(json(result.noise)).toEqual(written.noise);
    // The angle to the SVM direction at θ₀ = 0 is undefined: null in the file, NaN once read.
    expect(written.implicitBias.runs[0].angle[0]).toBeNull();
    const bias = result.implicitBias as { runs: { angle: number[] }[] };
    expect(bias.runs[0]!.angle[0]).toBeNaN();
    expect(bias.runs[0]!.angle[1]).toBe(written.implicitBias.runs[0].angle[1]);
    expect(result.implicitBias!.kind).toBe('max-margin');
    expect(result.ensemble!.members).toBe(4);
    expect(result.ensemble!.temperatures.length).toBe(written.ensemble.temperatures.length);
    expect(result.noise!.points.map((p) => p.name)).toEqual(['SGD', 'Adam']);

    const again = reexportedText(result, {
      implicitBias: result.implicitBias,
      ensemble: result.ensemble,
      noise: result.noise,
    });
    expect(JSON.parse(again)).toEqual(written);
    expect(again).toBe(text);
  });

  it('replay puts the file’s implicit-bias and ensemble results in the session as finished jobs', () => {
    const result = parseResultText(text);
    const patch = replaySession(
      replayOf(result),
      result,
      'bias.json',
      initialSession(DEFAULT_CONFIG, DEFAULT_VIEW),
    );
    expect(patch.implicitBias).toEqual({
      jobId: 0,
      state: 'done',
      done: 1,
      total: 1,
      result: result.implicitBias,
    });
    expect(patch.ensemble).toEqual({
      jobId: 0,
      state: 'done',
      done: 1,
      total: 1,
      result: result.ensemble,
    });
  });

  it('turns a null that stood for NaN back into NaN, and keeps nulls that mean “none”', () => {
    const file = JSON.parse(text);
    file.ensemble.temperatures[0].trace[0] = null;
    file.ensemble.temperatures[0].spread = null;
    file.implicitBias.runs[0].angle[1] = null;
    file.noise.points[0].total.gradient.trace = null;
    const result = parseResultText(JSON.stringify(file));
    expect(result.ensemble!.temperatures[0]!.trace[0]).toBeNaN();
    expect(result.ensemble!.temperatures[0]!.spread).toBeNull();
    expect((result.implicitBias as { runs: { angle: number[] }[] }).runs[0]!.angle[1]).toBeNaN();
    expect(result.noise!.points[0]!.total.gradient.trace).toBeNaN();
  });

  it('refuses a malformed block, naming the field', () => {
    const problems = (mutate: (file: ReturnType<typeof JSON.parse>) => void): string => {
      const file = JSON.parse(text);
      mutate(file);
      try {
        parseResultText(JSON.stringify(file));
      } catch (e) {
        expect(e).toBeInstanceOf(ResultFileError);
        return (e as ResultFileError).problems.join('\n');
      }
      throw new Error('accepted a malformed file');
    };
    expect(problems((f) => (f.ensemble.members = 'four'))).toMatch(/^ensemble\.members: /m);
    expect(problems((f) => (f.ensemble.temperatures[1].cov[0] = [1, 2]))).toMatch(
      /^ensemble\.temperatures\[1\]\.cov\[0\]: /m,
    );
    expect(problems((f) => (f.ensemble.plane.kind = 'random'))).toMatch(
      /^ensemble\.plane\.kind: /m,
    );
    expect(problems((f) => delete f.noise.points[0].total)).toMatch(
      /^noise\.points\[0\]\.total: /m,
    );
    expect(problems((f) => (f.noise.points[1].sampling = 'stratified'))).toMatch(
      /^noise\.points\[1\]\.sampling: /m,
    );
    expect(problems((f) => (f.implicitBias.svm.margin = null))).toMatch(
      /^implicitBias\.svm\.margin: /m,
    );
  });

  it('Open result… shows them in their cards’ session fields, and Export writes the file again', async () => {
    const store = createAppStore();
    const api = {
      open: vi.fn(async () => ({ name: 'cpu', fallbacks: [], probeMs: 1 })),
      configure: vi.fn(async () => undefined),
      pause: vi.fn(async () => undefined),
      setView: vi.fn(async () => undefined),
      recorded: vi.fn(async () => null),
    };
    const client = {
      api,
      listen: (l: unknown) => l,
      onFailure: () => undefined,
      terminate: vi.fn(),
    } as unknown as ComputeClient;
    const controller = new SessionController(store, () => client, DEFAULT_CONFIG, DEFAULT_VIEW);
    await controller.start(null, false);
    const result = parseResultText(text);
    await controller.loadResult(result, 'bias.json');
    const session = store.getState().session!;
    expect(session.implicitBias?.state).toBe('done');
    expect(session.implicitBias?.result).toBe(result.implicitBias);
    expect(session.ensemble?.state).toBe('done');
    expect(session.ensemble?.result?.temperatures.map((t) => t.temperature)).toEqual(
      JSON.parse(text).ensemble.temperatures.map((t: { temperature: number }) => t.temperature),
    );
    expect(resultJson((await controller.exportResult())!)).toBe(text);
    expect(api.recorded).not.toHaveBeenCalled();
  });

  it('a live export carries the finished implicit-bias and ensemble jobs’ results, not running ones', () => {
    const result = parseResultText(text);
    const session = initialSession(DEFAULT_CONFIG, DEFAULT_VIEW);
    const done = {
      ...session,
      implicitBias: {
        jobId: 3,
        state: 'done' as const,
        done: 1,
        total: 1,
        result: result.implicitBias,
      },
      ensemble: { jobId: 4, state: 'running' as const, done: 5, total: 30 },
    };
    expect(analysesToExport(null, done)).toEqual({
      implicitBias: result.implicitBias,
      ensemble: undefined,
    });
    expect(analysesToExport(result, session)).toEqual({
      implicitBias: result.implicitBias,
      ensemble: result.ensemble,
      noise: result.noise,
    });
  });
});
