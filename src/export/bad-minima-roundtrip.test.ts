/**
 * The bad-minima block of a CLI result survives "Open result…": the schema reads it (categorical
 * maps and per-class accuracy included), the values are the CLI's, a re-export writes the same
 * text, a null that stood for NaN is NaN once read (and null again when written), and a malformed
 * block is refused naming its field.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComputeClient } from '../client/compute-client';
import { SessionController } from '../client/controller';
import { analysesToExport, replaySession } from '../client/replay';
import { DEFAULT_CONFIG } from '../app/defaults';
import { DEFAULT_VIEW } from '../config/view';
import { initialSession } from '../state/session';
import { createAppStore } from '../state/store';
import { badMinimaCliText } from './bad-minima.fixture';
import { reexportedText } from './cli-result.fixture';
import { parseResultText, ResultFileError, resultJson } from './result';
import { replayOf } from './replay';

let text = '';

beforeAll(async () => {
  text = await badMinimaCliText();
}, 120_000);

/** The re-export of a read-back result (a 3-class one also holds the confusion matrices). */
const reexport = (result: ReturnType<typeof parseResultText>) =>
  reexportedText(result, {
    badMinima: result.badMinima,
    classification: result.classification,
  });

describe('badMinima in a result file', () => {
  it('is read back with the CLI’s values and re-exported to the same text', () => {
    const written = JSON.parse(text);
    const block = written.badMinima;
    // Three classes: the maps hold 3 probabilities per grid point, summing to 1.
    expect(block.boundaries.classes).toBe(3);
    const n = block.boundaries.n;
    expect(block.boundaries.good).toHaveLength(n * n * 3);
    expect(
      block.boundaries.good[0] + block.boundaries.good[1] + block.boundaries.good[2],
    ).toBeCloseTo(1, 5);
    expect(block.classAccuracy.good).toHaveLength(3);
    expect(block.classAccuracy.bad).toHaveLength(2);
    expect(block.plane.trainLoss).toHaveLength(25);
    const result = parseResultText(text);
    expect(JSON.parse(JSON.stringify(result.badMinima))).toEqual(block);
    expect(result.badMinima!.good.testAccuracy).toBe(block.good.testAccuracy);
    expect(result.badMinima!.bad[1]!.theta).toEqual(block.bad[1].theta);
    expect(reexport(result)).toBe(text);
  });

  it('turns a null that stood for NaN into NaN, keeps “none” null, and writes both as null', () => {
    const file = JSON.parse(text);
    file.badMinima.bad[0].distanceFraction = null;
    file.badMinima.bad[1].interpolation.testLoss[3] = null;
    file.badMinima.boundaries.good[4] = null;
    file.badMinima.classAccuracy.good[2] = null;
    file.badMinima.good.lambdaMax = null;
    const edited = JSON.stringify(file);
    const r = parseResultText(edited).badMinima!;
    expect(r.bad[0]!.distanceFraction).toBeNaN();
    expect(r.bad[1]!.interpolation.testLoss[3]).toBeNaN();
    expect(r.boundaries!.good[4]).toBeNaN();
    expect(r.classAccuracy!.good[2]).toBeNaN();
    expect(r.good.lambdaMax).toBeNull();
    expect(r.bad[1]!.lambdaMax).toBe(file.badMinima.bad[1].lambdaMax);
    expect(reexport(parseResultText(edited))).toBe(edited);
    // A file without a plane or maps (no plane asked for, inputs not 2-D) keeps them null.
    file.badMinima.plane = null;
    file.badMinima.boundaries = null;
    const none = parseResultText(JSON.stringify(file)).badMinima!;
    expect(none.plane).toBeNull();
    expect(none.boundaries).toBeNull();
  });

  it('reads a file written before multi-class maps (no classes, no classAccuracy) unchanged', () => {
    const file = JSON.parse(text);
    const b = file.badMinima.boundaries;
    b.good = b.good.filter((_: number, i: number) => i % 3 === 1);
    b.bad = b.bad.map((m: number[]) => m.filter((_, i) => i % 3 === 1));
    delete b.classes;
    delete file.badMinima.classAccuracy;
    const old = JSON.stringify(file);
    const r = parseResultText(old).badMinima!;
    expect('classes' in r.boundaries!).toBe(false);
    expect('classAccuracy' in r).toBe(false);
    expect(reexport(parseResultText(old))).toBe(old);
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
    expect(problems((f) => (f.badMinima.rho = 'one'))).toMatch(/^badMinima\.rho: /m);
    expect(problems((f) => delete f.badMinima.bad[1].interpolation)).toMatch(
      /^badMinima\.bad\[1\]\.interpolation: /m,
    );
    expect(problems((f) => f.badMinima.boundaries.good.pop())).toMatch(
      /^badMinima\.boundaries\.good: must hold n·n·classes = 6912 values \(got \[/m,
    );
    expect(problems((f) => f.badMinima.boundaries.bad.pop())).toMatch(
      /^badMinima\.boundaries\.bad: must hold one map per bad minimum \(2\)/m,
    );
    expect(problems((f) => (f.badMinima.boundaries.classes = 1))).toMatch(
      /^badMinima\.boundaries\.classes: /m,
    );
    expect(problems((f) => f.badMinima.classAccuracy.bad[0].push(1))).toMatch(
      /^badMinima\.classAccuracy\.bad\[0\]: must hold one value per class \(3, as good\)/m,
    );
  });

  it('replay shows it as a finished job, and a live export carries a finished job’s result', () => {
    const result = parseResultText(text);
    const session = initialSession(DEFAULT_CONFIG, DEFAULT_VIEW);
    const patch = replaySession(replayOf(result), result, 'bad.json', session);
    expect(patch.badMinima).toEqual({
      jobId: 0,
      state: 'done',
      done: 1,
      total: 1,
      result: result.badMinima,
    });
    expect(analysesToExport(result, session).badMinima).toBe(result.badMinima);
    const live = (state: 'done' | 'running') => ({
      ...session,
      badMinima: { jobId: 2, state, done: 1, total: 1, result: result.badMinima },
    });
    expect(analysesToExport(null, live('done')).badMinima).toBe(result.badMinima);
    expect(analysesToExport(null, live('running')).badMinima).toBeUndefined();
  });

  it('Open result… puts it in the session, and Export writes the file again', async () => {
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
    await controller.loadResult(result, 'bad.json');
    const frame = store.getState().session!.badMinima;
    expect(frame?.state).toBe('done');
    expect(frame?.result).toBe(result.badMinima);
    expect(resultJson((await controller.exportResult())!)).toBe(text);
  });
});
