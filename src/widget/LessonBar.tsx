/**
 * The lesson bar (panel id `lessons`): a picker of the registry's lessons and, inside a lesson,
 * its short text steps with Previous / Next. Picking a lesson opens its document (the runs
 * restart, paused, on its view and display) and hides its controls; each step sets the state it
 * talks about (`lesson-actions.ts`). The keys 1–9 reach the same steps.
 */
import type { SessionController } from '../client/controller';
import { LESSONS, lessonById } from '../lessons/registry';
import { useAppStore, useStoreApi } from '../state/store';
import { useHidden } from '../ui/useHidden';
import { goToLessonStep, openLesson } from './lesson-actions';

export function LessonBar({ controller }: { controller: SessionController }) {
  const store = useStoreApi();
  const position = useAppStore((s) => s.lesson);
  const hidden = useHidden('lessons');
  if (hidden) return null;
  const lesson = position ? lessonById(position.id) : undefined;
  const index = lesson ? Math.min(position!.step, lesson.steps.length - 1) : 0;
  const step = lesson?.steps[index];
  return (
    <section className="card lesson-bar" aria-label="Lesson" data-testid="lesson-bar">
      <div
        className="lesson-bar-head"
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5em 1em', alignItems: 'center' }}
      >
        <label className="lesson-picker">
          <span>Lesson</span>{' '}
          <select
            data-testid="lesson-picker"
            value={lesson?.id ?? ''}
            onChange={(e) => void openLesson(store, controller, e.target.value || null)}
          >
            <option value="">Free exploration</option>
            {LESSONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        {lesson && (
          <span
            className="lesson-nav"
            style={{ display: 'inline-flex', gap: '0.5em', alignItems: 'center' }}
          >
            <button
              type="button"
              className="button"
              data-testid="lesson-prev"
              disabled={index === 0}
              onClick={() => void goToLessonStep(store, controller, index - 1)}
            >
              ← Previous
            </button>
            <span className="muted" data-testid="lesson-position">
              Step {index + 1} of {lesson.steps.length}
            </span>
            <button
              type="button"
              className="button"
              data-testid="lesson-next"
              disabled={index === lesson.steps.length - 1}
              onClick={() => void goToLessonStep(store, controller, index + 1)}
            >
              Next →
            </button>
          </span>
        )}
      </div>
      {lesson && step && (
        <div className="lesson-body">
          {index === 0 && <p className="muted lesson-summary">{lesson.summary}</p>}
          <p className="lesson-step" data-testid="lesson-step" aria-live="polite">
            {step.text}
          </p>
        </div>
      )}
    </section>
  );
}
