/**
 * What an explorer opens at mount from its `document` prop: the shareable state (`config/share.ts`:
 * the document plus the lesson and the `hide` list) validated, its nearest valid state when parts
 * of it are bad (each dropped field named in the notice), the experiment as written (the forms
 * edit it with defaults implicit), and the lesson checked against the registry.
 */
import type { ExperimentInput } from '../config/schema';
import { DEFAULT_EXPERIMENT, type DisplayConfig, type ViewConfig } from '../config/app';
import { openShareState, type ShareStateInput } from '../config/share';
import { LESSONS, lessonById } from '../lessons/registry';
import type { LessonPosition } from '../state/store';

/** The validated parts an explorer starts from. */
export interface OpenedDocument {
  /** The experiment as written (fields left out take their defaults). */
  experiment: ExperimentInput;
  view: ViewConfig;
  /** How it is drawn; `display.lecture` is lecture mode. */
  display: DisplayConfig;
  /** The lesson to open and its step, or null. */
  lesson: LessonPosition | null;
  /** Controls and panels hidden from the learner. */
  hidden: string[];
  backend: string | null;
  autoplay: boolean;
  /** The host's notice and what of the document could not be used, or null. */
  notice: string | null;
}

/**
 * Opens `document` (any part may be left out, `{}` is the demo). Bad fields are dropped and named,
 * an unknown lesson id is named and no lesson opens; nothing throws.
 */
export function openDocument(
  document: ShareStateInput,
  backend: string | null,
  autoplay: boolean,
  notice: string | null,
): OpenedDocument {
  const opened = openShareState(document);
  const { state } = opened;
  const problems = [...opened.problems];
  let lesson: LessonPosition | null = state.lesson ?? null;
  if (lesson && !lessonById(lesson.id)) {
    problems.push(
      `lesson: there is no lesson "${lesson.id}" (the lessons are ${LESSONS.map((l) => l.id).join(', ')}); no lesson is opened`,
    );
    lesson = null;
  }
  const problem = problems.length
    ? `Some of this explorer's settings could not be used:\n${problems.join('\n')}`
    : null;
  // The form edits the experiment as written (defaults stay implicit).
  const experiment = (opened.input.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT;
  return {
    experiment,
    view: state.view,
    display: state.display,
    lesson,
    hidden: [...state.hide],
    backend,
    autoplay,
    notice: [notice, problem].filter(Boolean).join('\n') || null,
  };
}
