/**
 * The form's data preview state: the applied points only while the draft describes the same data
 * (defaults filled in), else the pending data in words or why it cannot be previewed. Counts are
 * the split rule's, worked by hand: round(0.2 · 1797) = round(359.4) = 359 test, 1438 training.
 */
import { describe, expect, it } from 'vitest';
import { NO_POINTS_MESSAGE } from './ExperimentForm';
import { dataPreviewState, type DataSide } from './data-preview-state';

const CIRCLES: DataSide = {
  seed: 1,
  data: { kind: 'circles', points: 320, noise: 0.05, testFraction: 0.2 },
  problemKind: 'mlp',
};

describe('dataPreviewState', () => {
  it('is "applied" when the draft is the training data, defaults filled in', () => {
    expect(dataPreviewState(CIRCLES, CIRCLES)).toEqual({
      kind: 'applied',
      summary:
        'Two circles: 320 points in the plane (256 training, 64 test), 2 classes, input noise σ = 0.05, seed 1',
    });
    // The same data written with its defaults left out, and another problem on the same data.
    const sparse: DataSide = { data: { kind: 'circles' }, problemKind: 'logistic' };
    expect(dataPreviewState(sparse, CIRCLES).kind).toBe('applied');
  });

  it('describes the digits as pending, never as the applied circles', () => {
    const digits: DataSide = { seed: 1, data: { kind: 'digits' }, problemKind: 'cnn' };
    expect(dataPreviewState(digits, CIRCLES)).toEqual({
      kind: 'pending',
      summary:
        'Handwritten digits: 1,797 images of 8×8 pixels, 10 classes (1,438 training, 359 test)',
    });
    const subset: DataSide = {
      data: { kind: 'digits', points: 500, testFraction: 0.1 },
      problemKind: 'cnn',
    };
    expect(dataPreviewState(subset, digits)).toEqual({
      kind: 'pending',
      summary:
        'Handwritten digits: 500 of the 1,797 images of 8×8 pixels, 10 classes (450 training, 50 test)',
    });
  });

  it('is pending when only the seed or one data field changed', () => {
    expect(dataPreviewState({ ...CIRCLES, seed: 2 }, CIRCLES)).toMatchObject({
      kind: 'pending',
      summary: expect.stringMatching(/, seed 2$/) as unknown,
    });
    const noisier = { ...CIRCLES, data: { kind: 'circles' as const, noise: 0.3 } };
    expect(dataPreviewState(noisier, CIRCLES)).toMatchObject({
      kind: 'pending',
      summary: expect.stringContaining('input noise σ = 0.3') as unknown,
    });
    // Applied from a surface (no data yet): whatever the draft holds is pending.
    expect(dataPreviewState(CIRCLES, { problemKind: 'surface' }).kind).toBe('pending');
  });

  it('cannot preview invalid data fields and names them', () => {
    const bad: DataSide = { ...CIRCLES, data: { kind: 'circles', points: 1 } };
    const state = dataPreviewState(bad, CIRCLES);
    expect(state.kind).toBe('invalid');
    expect(state.kind === 'invalid' && state.reasons).toEqual([
      expect.stringMatching(/^data\.points: must be .*\(got 1\)$/) as unknown,
    ]);
    expect(dataPreviewState({ ...CIRCLES, seed: -1 }, CIRCLES)).toMatchObject({
      kind: 'invalid',
      reasons: [expect.stringMatching(/^seed: /) as unknown],
    });
    const empty: DataSide = { data: { kind: 'custom', task: 'classification', x: [], y: [] } };
    expect(dataPreviewState(empty, CIRCLES)).toEqual({
      kind: 'invalid',
      reasons: [NO_POINTS_MESSAGE],
    });
  });

  it('has nothing to preview on an analytic surface', () => {
    expect(dataPreviewState({ problemKind: 'surface' }, CIRCLES)).toEqual({ kind: 'none' });
  });

  it('describes the other data kinds with their counts', () => {
    const teacher = dataPreviewState({ data: { kind: 'tanh-teacher' } }, CIRCLES);
    // 64 points: round(12.8) = 13 test, 51 training; defaults 3 units, σ = 0.1, seed 1.
    expect(teacher).toMatchObject({
      summary:
        'tanh teacher: 64 points on a line (51 training, 13 test), a teacher of 3 tanh units, label noise σ = 0.1, seed 1',
    });
    const design = dataPreviewState(
      { data: { kind: 'linear-design' }, problemKind: 'linear-regression' },
      CIRCLES,
    );
    expect(design).toMatchObject({
      summary:
        'Linear design: 20 points with 50 features each (16 training, 4 test), label noise σ = 0, seed 1',
    });
    const custom = dataPreviewState(
      {
        data: {
          kind: 'custom',
          task: 'classification',
          x: [
            [0, 0],
            [1, 1],
            [0, 1],
            [1, 0],
            [2, 2],
          ],
          y: [0, 1, 2, 1, 0],
        },
      },
      CIRCLES,
    );
    // 5 points: round(1) = 1 test, 4 training; labels 0…2: 3 classes.
    expect(custom).toMatchObject({
      summary:
        'Your points: 5 points with 2 inputs (4 training, 1 test), classification, 3 classes',
    });
  });
});
