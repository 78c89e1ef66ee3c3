/**
 * What a lesson is: data — the document it opens (an `AppConfigInput`: experiment, view, display),
 * which panels it shows, which controls it hides, a few short text steps (each may set the state
 * it talks about: a document patch, a view, the view mode, play/pause/reset), and the analysis
 * jobs it runs. Each lesson lives in its own file (`src/lessons/<id>.ts`); `registry.ts` lists them.
 */
import type { AppConfigInput, ViewInput } from '../config/app';
import type { RunSchema } from '../config/schema';
import type { z } from 'zod';
import type { AnalysisJob } from '../protocol/jobs';

import type { PanelId } from '../config/controls';

/**
 * What a step does when it is shown, besides its text. The analyses run once training has ended
 * (playing it to the end first): 'compare-minima' compares runs 0 and 1's minima side by side (the
 * minima job), 'train-curve' trains the lesson's `connect` curve, 'find-bad-minima' runs its
 * `badMinima` search, 'implicit-bias' compares every run with the SVM direction or A⁺b, 'ensemble'
 * trains the lesson's seed ensembles (its `ensemble` block).
 */
export type LessonAction =
  | 'play'
  | 'pause'
  | 'reset'
  | 'compare-minima'
  | 'train-curve'
  | 'find-bad-minima'
  | 'implicit-bias'
  | 'ensemble';

export interface LessonStep {
  /** One or two sentences, shown in order. */
  text: string;
  /**
   * A patch of the lesson's document shown from this step on: its `experiment` fields replace
   * the lesson's (and restart the runs), `view` and `display` fields are merged.
   */
  document?: AppConfigInput;
  /** View fields set at this step (e.g. the PCA plane after training). */
  view?: Partial<ViewInput>;
  /** The view mode shown at this step. */
  viewMode?: '3d' | 'contour';
  /** Play, pause, reset or compare the minima when the step is shown. */
  action?: LessonAction;
}

export interface Lesson {
  id: string;
  title: string;
  /** What the learner should see, in one sentence. */
  summary: string;
  /** The document the lesson opens (fields left out take their defaults). */
  document: AppConfigInput;
  /** Panels shown (all when omitted). */
  panels?: readonly PanelId[];
  /** Field paths whose controls are hidden, e.g. 'experiment.data.kind'. */
  hide?: readonly string[];
  steps: readonly LessonStep[];
  /** Analysis jobs run when the lesson opens (the landscape always is). */
  jobs?: readonly AnalysisJob[];
}

type RunInput = z.input<typeof RunSchema>;

/** The runs of a lesson (its document's experiment.runs): what the runs editor offers as presets. */
export function lessonRuns(lesson: Lesson): RunInput[] {
  return (lesson.document.experiment?.runs ?? []) as RunInput[];
}
