/**
 * Lessons: each is data — the document it opens (an `AppConfigInput`: experiment, view, display),
 * which panels it shows, which controls it hides, a few short text steps, and the analysis jobs it
 * runs. The explorer and a lecture mode read this registry; a new lesson is one entry here plus a
 * test that its default settings show its phenomenon (lessons.test.ts).
 */
import type { AppConfigInput } from '../config/app';
import type { RunSchema } from '../config/schema';
import type { z } from 'zod';
import type { AnalysisJob } from '../protocol/jobs';

import type { PanelId } from '../config/controls';

export interface LessonStep {
  /** One or two sentences, shown in order. */
  text: string;
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

export const LESSONS: readonly Lesson[] = [
  {
    id: 'sgd-momentum-adam',
    title: 'SGD vs Momentum vs Adam',
    summary:
      'From the same start on the same surface, Adam leaves the plateau long before plain SGD does.',
    document: {
      experiment: {
        runs: [
          { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
          { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
          { name: 'Adam', optimizer: 'adam', lr: 0.01 },
        ],
      },
    },
    steps: [
      { text: 'Press play: three optimisers start from the same θ₀.' },
      { text: 'Watch the loss curves: Adam drops first; SGD creeps along the plateau.' },
      {
        text: 'When training ends the plane becomes the PCA of the paths: compare where they went.',
      },
    ],
  },
  {
    // Adam's L2 penalty goes through the adaptive scaling, AdamW's decay does not (Loshchilov &
    // Hutter 2019): on the default two spirals the first fits worse than the second.
    id: 'adam-adamw',
    title: 'Adam vs AdamW',
    summary: 'The same weight decay, coupled (Adam + L2) or decoupled (AdamW), trains differently.',
    document: {
      experiment: {
        runs: [
          { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.01, weightDecay: 0.01 },
          { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.01, weightDecay: 0.01 },
        ],
      },
    },
    steps: [
      { text: 'Both runs use λ = 0.01; only where the decay enters the update differs.' },
      { text: 'Adam + L2 ends at a higher training loss: its decay is rescaled per parameter.' },
    ],
  },
  {
    id: 'small-large-batch',
    title: 'Small vs large batch',
    summary: 'A batch of 16 makes SGD noisy: its full-batch loss goes up and down on the way.',
    document: {
      experiment: {
        runs: [
          { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
          { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
        ],
      },
    },
    steps: [
      { text: 'Same learning rate; one run sees 16 points per step, the other all of them.' },
      { text: 'The small-batch loss curve jitters; the full-batch one descends smoothly.' },
    ],
  },
];

/** The lesson called `id` (own entries only), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
