/**
 * The lessons, in the order the lesson bar offers them. Each is data in its own file
 * (`src/lessons/<id>.ts`, its type in `lesson.ts`); the lesson bar (`widget/LessonBar.tsx`) and
 * the lecture keys read this list. A new lesson is its own file, one line here, a test that its
 * default settings show its phenomenon (`phenomena.test.ts`, headless) and a browser test that it
 * shows once played (`tests/e2e/lessons.test.ts`).
 *
 * Every lesson's defaults are tuned so that its effect is visible within 10 s of pressing play,
 * and no default run diverges unless divergence is the point (the η above 2/λ run).
 */
import type { Lesson } from './lesson';
import { RAVINE_LESSON } from './ravine';
import { STEP_SIZE_LIMIT_LESSON } from './step-size-limit';
import { EDGE_OF_STABILITY_LESSON } from './edge-of-stability';
import { ROSENBROCK_LESSON } from './rosenbrock';
import { SPIRAL_RACE_LESSON } from './spiral-race';
import { ADAM_ADAMW_LESSON } from './adam-adamw';
import { SMALL_LARGE_BATCH_LESSON } from './small-large-batch';
import { FLAT_VS_SHARP_LESSON } from './flat-vs-sharp';
import { MINIMA_CONNECTED_LESSON } from './minima-connected';
import { BAD_MINIMUM_NEXT_DOOR_LESSON } from './bad-minimum-next-door';
import { SAME_LOSS_DIFFERENT_ANSWERS_LESSON } from './same-loss-different-answers';
import { TEMPERATURE_LESSON } from './temperature';

export type { Lesson, LessonAction, LessonStep } from './lesson';
export { lessonRuns } from './lesson';

export const LESSONS: readonly Lesson[] = [
  RAVINE_LESSON,
  STEP_SIZE_LIMIT_LESSON,
  EDGE_OF_STABILITY_LESSON,
  ROSENBROCK_LESSON,
  SPIRAL_RACE_LESSON,
  ADAM_ADAMW_LESSON,
  SMALL_LARGE_BATCH_LESSON,
  FLAT_VS_SHARP_LESSON,
  MINIMA_CONNECTED_LESSON,
  BAD_MINIMUM_NEXT_DOOR_LESSON,
  SAME_LOSS_DIFFERENT_ANSWERS_LESSON,
  TEMPERATURE_LESSON,
];

/** The lesson called `id` (own entries only), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
