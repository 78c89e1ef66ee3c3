import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../config/app';
import { isHideTarget } from '../config/controls';
import { LESSONS, lessonById, lessonRuns } from './registry';

describe('lessons', () => {
  it('each lesson is a valid document with text steps, and ids are unique', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      const doc = parseAppConfig(lesson.document);
      expect(doc.experiment.runs.length).toBeGreaterThanOrEqual(2);
      expect(lesson.steps.length).toBeGreaterThan(0);
      expect(lessonById(lesson.id)).toBe(lesson);
      for (const name of lesson.hide ?? []) expect(isHideTarget(name)).toBe(true);
      // A step's document patch is valid on top of the lesson's document.
      for (const step of lesson.steps) {
        expect(step.text.length).toBeGreaterThan(0);
        if (step.document)
          parseAppConfig({
            experiment: { ...lesson.document.experiment, ...step.document.experiment },
            view: { ...lesson.document.view, ...step.document.view },
            display: { ...lesson.document.display, ...step.document.display },
          });
      }
    }
    expect(lessonById('__proto__')).toBeUndefined();
  });

  it('ships the ravine, the 2/λ limit, Rosenbrock and the spiral race with their exact runs', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'ravine',
      'step-size-limit',
      'edge-of-stability',
      'rosenbrock',
      'spiral-race',
      'adam-adamw',
      'small-large-batch',
      'flat-vs-sharp',
      'minima-connected',
      'bad-minimum-next-door',
      'same-loss-different-answers',
      'temperature',
    ]);
    expect(lessonRuns(lessonById('ravine')!)).toEqual([
      { name: 'SGD', optimizer: 'sgd', lr: 0.038 },
      { name: 'Momentum', optimizer: 'momentum', lr: 0.038, momentum: 0.5 },
      { name: 'Adam', optimizer: 'adam', lr: 0.1 },
    ]);
    expect(lessonRuns(lessonById('step-size-limit')!).map((r) => r.lr)).toEqual([0.1, 0.19, 0.21]);
    expect(lessonRuns(lessonById('rosenbrock')!).map((r) => r.lr)).toEqual([0.001, 0.001, 0.1]);
    expect(lessonRuns(lessonById('spiral-race')!).map((r) => r.lr)).toEqual([0.5, 1, 0.05]);
    // Flat vs sharp: the same SGD, batch 8 against the full batch, from one θ₀ (no initSeed).
    expect(lessonRuns(lessonById('flat-vs-sharp')!)).toEqual([
      { name: 'SGD, batch 8', optimizer: 'sgd', lr: 0.5, batchSize: 8 },
      { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.5, batchSize: 'full' },
    ]);
    expect(
      lessonById('flat-vs-sharp')!.steps.filter((s) => s.action === 'compare-minima'),
    ).toHaveLength(1);
    // Surfaces record every update (every few would alias SGD's zig-zag into straight jumps).
    for (const id of ['ravine', 'step-size-limit', 'rosenbrock'])
      expect(lessonById(id)!.document.experiment!.recordEvery).toBe(1);
  });
});
