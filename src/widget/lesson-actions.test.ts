/**
 * Opening a lesson and moving through its steps against a real store and a recording
 * controller: the document is applied (view first, then the experiment), the position is
 * recorded, step actions run, later steps' state is undone when going back, and keys past the
 * last step do nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SessionController } from '../client/controller';
import { DEFAULT_VIEW } from '../config/view';
import { lessonById } from '../lessons/registry';
import { initialSession } from '../state/session';
import { createAppStore } from '../state/store';
import { goToLessonStep, lessonDocumentAt, openLesson } from './lesson-actions';

function setup() {
  const store = createAppStore();
  store.setState({ session: initialSession({}, DEFAULT_VIEW) });
  const calls: string[] = [];
  const controller = {
    apply: vi.fn(async (experiment: { problem?: { kind: string } }) => {
      calls.push(
        `apply ${experiment.problem?.kind} view ${store.getState().session!.view.directions}`,
      );
      return true;
    }),
    setView: vi.fn(async () => void calls.push('setView')),
    setSpeed: vi.fn(async (speed: number) => {
      calls.push(`speed ${speed}`);
      store.getState().patchSession({ speed });
    }),
    play: vi.fn(async () => void calls.push('play')),
    pause: vi.fn(async () => void calls.push('pause')),
    reset: vi.fn(async () => void calls.push('reset')),
    compareMinima: vi.fn(
      async (spec: { runs: number[] }) => void calls.push(`compareMinima ${spec.runs.join(',')}`),
    ),
    trainCurve: vi.fn(async () => void calls.push('trainCurve')),
    findBadMinima: vi.fn(async () => void calls.push('findBadMinima')),
    measureImplicitBias: vi.fn(async () => void calls.push('measureImplicitBias')),
    runEnsemble: vi.fn(async () => void calls.push('runEnsemble')),
  } as unknown as SessionController;
  return { store, controller, calls };
}

describe('lesson actions', () => {
  it('opens the ravine paused on its document; Next plays; keys past the end do nothing', async () => {
    const { store, controller, calls } = setup();
    await openLesson(store, controller, 'ravine');
    expect(store.getState().lesson).toEqual({ id: 'ravine', step: 0 });
    expect(calls).toEqual(['speed 1', 'apply surface view pca']);
    await goToLessonStep(store, controller, 1);
    expect(store.getState().lesson).toEqual({ id: 'ravine', step: 1 });
    expect(calls.slice(2)).toEqual(['play']);
    // Step 5 shows the contour map; going back to step 2 shows the 3-D view again.
    await goToLessonStep(store, controller, 4);
    expect(store.getState().viewMode).toBe('contour');
    await goToLessonStep(store, controller, 2);
    expect(store.getState().viewMode).toBe('3d');
    // Keys 1–9 beyond the lesson's steps, and an unknown lesson, change nothing.
    await goToLessonStep(store, controller, 8);
    expect(store.getState().lesson).toEqual({ id: 'ravine', step: 2 });
    await openLesson(store, controller, 'no-such-lesson');
    expect(store.getState().lesson).toEqual({ id: 'ravine', step: 2 });
    // No step re-applied the experiment (it did not change).
    expect(calls.filter((c) => c.startsWith('apply'))).toHaveLength(1);
    // A lesson's hidden controls are hidden while it is open, beside a classroom link's.
    store.getState().setHidden(['experiment.seed']);
    await openLesson(store, controller, 'step-size-limit');
    expect(store.getState().hidden).toEqual(['experiment.seed', 'experiment']);
    await openLesson(store, controller, null);
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().hidden).toEqual(['experiment.seed']);
  });

  it('flat vs sharp: the compare step waits for training to end, then compares runs 0 and 1', async () => {
    const { store, controller, calls } = setup();
    await openLesson(store, controller, 'flat-vs-sharp');
    const compare = lessonById('flat-vs-sharp')!.steps.findIndex(
      (s) => s.action === 'compare-minima',
    );
    // Not trained yet and paused: the step plays the runs and waits.
    await goToLessonStep(store, controller, compare);
    expect(calls.slice(-1)).toEqual(['play']);
    store.getState().patchSession({ playing: true, step: 700 });
    expect(calls.filter((c) => c.startsWith('compareMinima'))).toEqual([]);
    store.getState().patchSession({ playing: false, finished: true, step: 1500 });
    expect(calls.filter((c) => c.startsWith('compareMinima'))).toEqual(['compareMinima 0,1']);
    // Later changes do not compare again; coming back to the step when trained compares at once.
    store.getState().patchSession({ step: 1501 });
    await goToLessonStep(store, controller, compare + 1);
    await goToLessonStep(store, controller, compare);
    expect(calls.filter((c) => c.startsWith('compareMinima'))).toHaveLength(2);
    // Leaving the step before training ends drops the wait.
    store.getState().patchSession({ finished: false, playing: true });
    await goToLessonStep(store, controller, compare + 1);
    await goToLessonStep(store, controller, compare);
    await goToLessonStep(store, controller, compare + 1);
    store.getState().patchSession({ finished: true });
    expect(calls.filter((c) => c.startsWith('compareMinima'))).toHaveLength(2);
  });

  it('minima connected and the bad minimum next door: their steps train the curve / search once training has ended', async () => {
    for (const [id, action, call] of [
      ['minima-connected', 'train-curve', 'trainCurve'],
      ['bad-minimum-next-door', 'find-bad-minima', 'findBadMinima'],
      ['same-loss-different-answers', 'implicit-bias', 'measureImplicitBias'],
      ['temperature', 'ensemble', 'runEnsemble'],
    ] as const) {
      const { store, controller, calls } = setup();
      await openLesson(store, controller, id);
      const index = lessonById(id)!.steps.findIndex((s) => s.action === action);
      expect(index).toBeGreaterThan(0);
      await goToLessonStep(store, controller, index);
      expect(calls.slice(-1)).toEqual(['play']);
      expect(calls).not.toContain(call);
      store.getState().patchSession({ playing: false, finished: true });
      expect(calls.filter((c) => c === call)).toHaveLength(1);
    }
  });

  it('same loss, different answers: part 2 applies least squares from θ₀ = 0, then measures once trained', async () => {
    const { store, controller, calls } = setup();
    const id = 'same-loss-different-answers';
    await openLesson(store, controller, id);
    expect(calls).toEqual(['speed 200', expect.stringMatching(/^apply logistic/)]);
    const steps = lessonById(id)!.steps;
    const part2 = steps.findIndex((s) => s.document);
    await goToLessonStep(store, controller, part2);
    expect(calls.at(-1)).toMatch(/^apply linear-regression/);
    const doc = lessonDocumentAt(lessonById(id)!, part2).experiment!;
    expect(doc.theta0).toBeUndefined();
    expect(doc.runs!.map((r) => r.optimizer)).toEqual(['sgd', 'momentum', 'adam']);
    expect(steps[part2 + 1]!.action).toBe('implicit-bias');
    await goToLessonStep(store, controller, part2 + 1);
    expect(calls).not.toContain('measureImplicitBias');
    store.getState().patchSession({ playing: false, finished: true });
    expect(calls.filter((c) => c === 'measureImplicitBias')).toHaveLength(1);
  });

  it('a step’s document is the lesson’s with the patches of the steps up to it', () => {
    const lesson = lessonById('ravine')!;
    expect(lessonDocumentAt(lesson, 0).display).toEqual({ speed: 1 });
    expect(lessonDocumentAt(lesson, 4).display).toEqual({ speed: 1, viewMode: 'contour' });
    expect(lessonDocumentAt(lesson, 4).experiment).toBe(lesson.document.experiment);
  });
});
