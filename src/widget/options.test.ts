import { describe, expect, it } from 'vitest';
import { encodeLink } from '../config/link';
import { parseShareState } from '../config/share';
import { LESSONS } from '../lessons/registry';
import { createEmitter } from './emitter';
import {
  parseAutoplay,
  parseConfigText,
  parseHideList,
  resolveWidgetOptions,
  WidgetOptionsError,
} from './options';

/** The problems of `read()`, which must throw a WidgetOptionsError. */
function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof WidgetOptionsError) return error.problems;
    throw error;
  }
  throw new Error('expected a WidgetOptionsError');
}

describe('widget options', () => {
  it('resolves the defaults', () => {
    expect(resolveWidgetOptions({})).toEqual({
      document: {},
      lesson: null,
      hide: [],
      backend: null,
      autoplay: true,
    });
  });

  it('names every bad option with its value and what is allowed', () => {
    const problems = problemsOf(() =>
      resolveWidgetOptions({
        lesson: 'no-such-lesson',
        hide: ['play', 'nonsense'],
        backend: 'gpu',
        document: { view: { n: 3 } },
      }),
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^lesson: no lesson "no-such-lesson"/);
    expect(problems[1]).toMatch(/^hide: unknown "nonsense"/);
    expect(problems[2]).toBe('backend: must be one of webgpu, webgl, wasm, cpu (got "gpu")');
    expect(problems[3]).toMatch(/^config: view\.n/);
  });

  it("opens a lesson's document and hides its controls with the host's", () => {
    const lesson = LESSONS[0]!;
    const resolved = resolveWidgetOptions({ lesson: lesson.id, hide: ['reset'] });
    expect(resolved.document).toBe(lesson.document);
    expect(resolved.hide).toEqual([...new Set([...(lesson.hide ?? []), 'reset'])]);
  });

  it('reads attribute texts', () => {
    expect(parseHideList(' play, reset  view.n ')).toEqual(['play', 'reset', 'view.n']);
    expect(parseAutoplay(null)).toBe(true);
    expect(parseAutoplay('0')).toBe(false);
    expect(parseAutoplay('false')).toBe(false);
    expect(problemsOf(() => parseAutoplay('maybe'))[0]).toBe(
      'autoplay: must be true, false, 1 or 0 (got "maybe")',
    );
    expect(parseConfigText('')).toEqual({ document: {} });
    expect(parseConfigText('{"view": {"n": 21}}')).toEqual({ document: { view: { n: 21 } } });
    expect(problemsOf(() => parseConfigText('[1, 2]'))[0]).toMatch(
      /^config: must be a JSON document/,
    );
    expect(problemsOf(() => parseConfigText('{oops'))[0]).toContain('"{oops"');
  });

  it("reads a share link's hash: the document, the lesson and the hide list", () => {
    const state = parseShareState({ view: { n: 21 }, hide: ['reset'] });
    const read = parseConfigText(`#${encodeLink(state)}`);
    expect(read.document.view).toMatchObject({ n: 21 });
    expect(read.hide).toEqual(['reset']);
    expect(problemsOf(() => parseConfigText('#v99.abc'))[0]).toMatch(/^config: /);
  });
});

describe('emitter', () => {
  it('calls listeners, unsubscribes, counts and survives a throwing listener', () => {
    const emitter = createEmitter<{ step: { step: number } }>();
    const seen: number[] = [];
    const stop = emitter.on('step', ({ step }) => seen.push(step));
    emitter.on('step', () => {
      throw new Error('a broken host listener');
    });
    const error = console.error;
    console.error = () => undefined;
    emitter.emit('step', { step: 1 });
    console.error = error;
    expect(seen).toEqual([1]);
    expect(emitter.size()).toBe(2);
    stop();
    emitter.emit('step', { step: 2 });
    expect(seen).toEqual([1]);
    emitter.clear();
    expect(emitter.size()).toBe(0);
  });
});
