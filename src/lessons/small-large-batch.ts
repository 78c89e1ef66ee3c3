/**
 * The lesson “Small vs large batch”.
 */
import type { Lesson } from './lesson';

export const SMALL_LARGE_BATCH_LESSON: Lesson = {
  id: 'small-large-batch',
  title: 'Small vs large batch',
  summary: 'A batch of 16 makes SGD noisy: its full-batch loss goes up and down on the way.',
  document: {
    experiment: {
      runs: [
        { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
        { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
      ],
      steps: 150,
      recordEvery: 1,
    },
    display: { speed: 5 },
  },
  steps: [
    {
      text: 'Same learning rate; one run sees 16 points per step, the other all of them. Press play (or space).',
    },
    { text: 'The small-batch loss curve jitters; the full-batch one descends smoothly.' },
  ],
};
