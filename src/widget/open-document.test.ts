import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_CONFIG, DEFAULT_EXPERIMENT } from '../config/app';
import { LESSONS } from '../lessons/registry';
import { openDocument } from './open-document';

describe('openDocument', () => {
  it('opens the demo for {} with nothing hidden and no lesson', () => {
    const opened = openDocument({}, null, true, null);
    expect(opened.experiment).toEqual(DEFAULT_EXPERIMENT);
    expect(opened.view).toEqual(DEFAULT_APP_CONFIG.view);
    expect(opened.display).toEqual(DEFAULT_APP_CONFIG.display);
    expect(opened.lesson).toBeNull();
    expect(opened.hidden).toEqual([]);
    expect(opened.notice).toBeNull();
  });

  it('takes the lesson, the hide list and lecture mode', () => {
    const id = LESSONS[0]!.id;
    const opened = openDocument(
      { lesson: { id, step: 1 }, hide: ['play', 'view.n'], display: { lecture: true } },
      'wasm',
      false,
      null,
    );
    expect(opened.lesson).toEqual({ id, step: 1 });
    expect(opened.hidden).toEqual(['play', 'view.n']);
    expect(opened.display.lecture).toBe(true);
    expect(opened.backend).toBe('wasm');
    expect(opened.autoplay).toBe(false);
  });

  it('names an unknown lesson and a bad field; the rest opens', () => {
    const opened = openDocument(
      {
        experiment: { steps: 0, seed: 7 },
        lesson: { id: 'no-such-lesson' },
        hide: ['reset'],
      },
      null,
      true,
      'A host note.',
    );
    expect(opened.lesson).toBeNull();
    expect(opened.hidden).toEqual(['reset']);
    expect(opened.experiment).toEqual({ seed: 7 });
    expect(opened.notice).toBe(
      [
        'A host note.',
        "Some of this explorer's settings could not be used:",
        'experiment.steps: must be a whole number from 1 to 1000000 (got 0); the default is used instead',
        `lesson: there is no lesson "no-such-lesson" (the lessons are ${LESSONS.map((l) => l.id).join(', ')}); no lesson is opened`,
      ].join('\n'),
    );
  });
});
