import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../config/app';
import { LESSONS, lessonById, lessonRuns } from './registry';

describe('lessons', () => {
  it('each lesson is a valid document with text steps, and ids are unique', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      const doc = parseAppConfig(lesson.document);
      expect(doc.experiment.runs.length).toBeGreaterThanOrEqual(2);
      expect(lesson.steps.length).toBeGreaterThan(0);
      expect(lessonById(lesson.id)).toBe(lesson);
    }
    expect(lessonById('__proto__')).toBeUndefined();
  });

  it('carries the run presets the runs editor offers, with their exact values', () => {
    expect(LESSONS.map((l) => [l.title, lessonRuns(l)])).toEqual([
      [
        'SGD vs Momentum vs Adam',
        [
          { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
          { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
          { name: 'Adam', optimizer: 'adam', lr: 0.01 },
        ],
      ],
      [
        'Adam vs AdamW',
        [
          { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.01, weightDecay: 0.01 },
          { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.01, weightDecay: 0.01 },
        ],
      ],
      [
        'Small vs large batch',
        [
          { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
          { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
        ],
      ],
    ]);
  });
});
