/**
 * Opening a lesson and moving through its steps: the lesson's document is applied to a running
 * explorer (experiment through the controller, which restarts the runs; view and display through
 * the controller and the store), its hidden controls go to the store, and `store.lesson` records
 * where the learner is (a link carries it). The lesson bar's buttons and the keys 1–9 call these.
 *
 * A step's state is the lesson's document with the patches of every step up to it applied, so
 * going back undoes what later steps set; the experiment is re-applied (restarting the runs) only
 * when that step's experiment differs from the one running. A step's `action` (play, pause,
 * reset, or an analysis once training has ended) runs when the step is shown.
 */
import type { SessionController } from '../client/controller';
import {
  DEFAULT_EXPERIMENT,
  parseAppConfig,
  type AppConfig,
  type AppConfigInput,
} from '../config/app';
import { isHideTarget } from '../config/controls';
import type { ExperimentInput } from '../config/schema';
import { lessonById, type Lesson } from '../lessons/registry';
import type { AppStore } from '../state/store';

/** The document in force at step `index`: the lesson's, with steps 0…index's patches merged. */
export function lessonDocumentAt(lesson: Lesson, index: number): AppConfigInput {
  let experiment = lesson.document.experiment;
  let view = { ...lesson.document.view };
  let display = { ...lesson.document.display };
  lesson.steps.slice(0, index + 1).forEach((step) => {
    if (step.document?.experiment) experiment = { ...experiment, ...step.document.experiment };
    view = { ...view, ...step.document?.view, ...step.view };
    display = { ...display, ...step.document?.display };
    if (step.viewMode) display.viewMode = step.viewMode;
  });
  return { ...(experiment ? { experiment } : {}), view, display };
}

/** The experiment of a document as the form edits it (the demo when it has none). */
const experimentOf = (doc: AppConfigInput): ExperimentInput =>
  (doc.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT;

/** Shows a parsed document's display settings (mode, heights, colours, speed). */
function applyDisplay(store: AppStore, controller: SessionController, doc: AppConfig): void {
  const state = store.getState();
  state.setViewMode(doc.display.viewMode);
  state.setHeightOptions(doc.display.height);
  state.setColormap(doc.display.colormap);
  state.setOvershoot(doc.display.overshoot);
  state.setNoiseEllipse(doc.display.noiseEllipse);
  if (state.session?.speed !== doc.display.speed) void controller.setSpeed(doc.display.speed);
}

/**
 * Applies a whole document to a running explorer: the view goes into the session first, so that
 * the restarted runs open on it (one landscape, not two), then the experiment is applied.
 * Resolves false when the experiment was refused (its problems are shown by the form).
 */
export async function applyDocument(
  store: AppStore,
  controller: SessionController,
  document: AppConfigInput,
): Promise<boolean> {
  const doc = parseAppConfig(document);
  applyDisplay(store, controller, doc);
  store.getState().patchSession({ view: doc.view });
  store.getState().setMetric(doc.view.metric);
  store.getState().setScrub(null);
  return controller.apply(experimentOf(document));
}

/**
 * Opens lesson `id` at its first step (its document applied, its controls hidden beside those a
 * classroom link hid), or closes the lesson with null (its hidden controls come back; the runs
 * stay as they are). Unknown ids are ignored.
 */
export async function openLesson(
  store: AppStore,
  controller: SessionController,
  id: string | null,
): Promise<void> {
  const state = store.getState();
  // The previous lesson's hidden controls come back; what a classroom link hid stays hidden.
  const previous = state.lesson ? (lessonById(state.lesson.id)?.hide ?? []) : [];
  const kept = state.hidden.filter((name) => !previous.includes(name));
  if (id === null) {
    state.setLesson(null);
    state.setHidden(kept);
    return;
  }
  const lesson = lessonById(id);
  if (!lesson) return;
  const added = (lesson.hide ?? []).filter((name) => isHideTarget(name) && !kept.includes(name));
  state.setHidden([...kept, ...added]);
  state.setLesson({ id, step: 0 });
  await applyDocument(store, controller, lessonDocumentAt(lesson, 0));
  await runAction(store, controller, lesson, 0);
}

/**
 * Shows step `index` (0-based; keys 1–9 pass 0–8) of the open lesson: sets the state it
 * describes and records the position in the store. Does nothing without an open lesson or for
 * an index past its last step.
 */
export async function goToLessonStep(
  store: AppStore,
  controller: SessionController,
  index: number,
): Promise<void> {
  const position = store.getState().lesson;
  const lesson = position ? lessonById(position.id) : undefined;
  if (!position || !lesson || !Number.isInteger(index)) return;
  if (index < 0 || index >= lesson.steps.length) return;
  const before = lessonDocumentAt(lesson, position.step);
  const after = lessonDocumentAt(lesson, index);
  store.getState().setLesson({ id: lesson.id, step: index });
  if (JSON.stringify(before.experiment) !== JSON.stringify(after.experiment)) {
    await applyDocument(store, controller, after);
  } else {
    const doc = parseAppConfig(after);
    applyDisplay(store, controller, doc);
    const view = store.getState().session?.view;
    if (view && JSON.stringify(view) !== JSON.stringify(doc.view))
      await controller.setView(doc.view);
  }
  await runAction(store, controller, lesson, index);
}

/** Runs step `index`'s action (play, pause, reset, an analysis), if it has one. */
async function runAction(
  store: AppStore,
  controller: SessionController,
  lesson: Lesson,
  index: number,
): Promise<void> {
  switch (lesson.steps[index]?.action) {
    case 'play':
      return controller.play();
    case 'pause':
      return controller.pause();
    case 'reset':
      return controller.reset();
    case 'compare-minima':
      return whenTrained(store, controller, () => controller.compareMinima({ runs: [0, 1] }));
    case 'train-curve':
      return whenTrained(store, controller, () => controller.trainCurve());
    case 'find-bad-minima':
      return whenTrained(store, controller, () => controller.findBadMinima());
    case 'implicit-bias':
      return whenTrained(store, controller, () => controller.measureImplicitBias());
    case 'ensemble':
      return whenTrained(store, controller, () => controller.runEnsemble());
  }
}

/**
 * Starts an analysis (`start`: e.g. the minima job on runs 0 and 1) once training has ended: at
 * once when it has, else it plays the runs (if paused) and starts it when they finish. Resolves
 * when the job has been started or the wait set up; the wait is dropped when the learner leaves
 * the step or the runs are restarted (a new experiment), so no analysis lands on a different
 * lesson state.
 */
export async function whenTrained(
  store: AppStore,
  controller: SessionController,
  start: () => Promise<void>,
): Promise<void> {
  const session = store.getState().session;
  if (!session) return;
  if (session.finished) return start();
  const position = store.getState().lesson;
  const info = session.info;
  const unsubscribe = store.subscribe((state) => {
    const left =
      state.lesson?.id !== position?.id ||
      state.lesson?.step !== position?.step ||
      state.session?.info !== info;
    if (left) return unsubscribe();
    if (state.session?.finished) {
      unsubscribe();
      void start();
    }
  });
  if (!session.playing) await controller.play();
}
