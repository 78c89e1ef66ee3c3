// @vitest-environment happy-dom
/**
 * The form's data preview follows the pending edit: the plot of the training data only while the
 * form still describes that data; after a switch to the digits (or any other data) a "Not applied
 * yet" line describing the new data instead, and a "cannot preview" line for invalid fields.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../config/schema';
import { DraftDataPreview } from './DraftDataPreview';
import { ExperimentForm } from './ExperimentForm';
import type { DataPoints, PlotWindow } from './plot';

afterEach(cleanup);

const APPLIED: ExperimentInput = {
  seed: 1,
  problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
  data: { kind: 'circles', points: 320, noise: 0.05, testFraction: 0.2 },
};

/** Three training and one test point of the applied circles (what the worker sent). */
const POINTS: DataPoints = {
  inputDim: 2,
  xTrain: new Float32Array([-1, 0, 1, 0, 0, 1]),
  yTrain: new Float32Array([0, 1, 1]),
  xTest: new Float32Array([0, -1]),
  yTest: new Float32Array([0]),
};
const WINDOW: PlotWindow = [-1.2, 1.2, -1.2, 1.2];

/** The form and its preview, as the sidebar wires them: the preview reads the draft. */
function FormWithPreview() {
  const [draft, setDraft] = useState<ExperimentInput>(APPLIED);
  const side = (c: ExperimentInput) => ({
    seed: c.seed,
    data: c.data,
    problemKind: c.problem?.kind,
  });
  return (
    <>
      <ExperimentForm value={draft} onChange={setDraft} problems={[]} />
      <DraftDataPreview
        draft={side(draft)}
        applied={side(APPLIED)}
        points={POINTS}
        window={WINDOW}
      />
    </>
  );
}

const plottedPoints = () => document.querySelectorAll('.data-preview circle[data-split]').length;
const note = () => screen.queryByTestId('data-preview-note');

describe('DraftDataPreview', () => {
  it('plots the training data while the form describes it', () => {
    render(<FormWithPreview />);
    expect(plottedPoints()).toBe(4);
    expect(note()).toBeNull();
  });

  it('after picking the digits shows them as not applied, never the circles', () => {
    render(<FormWithPreview />);
    fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'digits' } });
    expect((screen.getByLabelText('Data set') as HTMLSelectElement).value).toBe('digits');
    expect(plottedPoints()).toBe(0);
    expect(note()!.getAttribute('data-state')).toBe('pending');
    expect(note()!.textContent).toContain('Not applied yet');
    expect(note()!.textContent).toContain(
      'Handwritten digits: 1,797 images of 8×8 pixels, 10 classes (1,438 training, 359 test)',
    );
    // Back to the applied data: the plot returns.
    fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'circles' } });
    expect(plottedPoints()).toBe(4);
    expect(note()).toBeNull();
  });

  it('the CNN brings the digits, previewed as pending', () => {
    render(<FormWithPreview />);
    fireEvent.change(screen.getByLabelText('Problem'), { target: { value: 'cnn' } });
    expect(plottedPoints()).toBe(0);
    expect(note()!.textContent).toMatch(/Not applied yet.*Handwritten digits: 1,797 images/);
  });

  it('a changed data field is pending', () => {
    render(<FormWithPreview />);
    const points = screen.getByLabelText('Points');
    fireEvent.change(points, { target: { value: '100' } });
    fireEvent.blur(points);
    expect(plottedPoints()).toBe(0);
    // 100 points: round(0.2 · 100) = 20 test, 80 training.
    expect(note()!.textContent).toContain(
      'Two circles: 100 points in the plane (80 training, 20 test)',
    );
  });

  it('invalid data fields (a link, a lesson) cannot be previewed, and say which', () => {
    // The form's fields refuse out-of-range numbers before committing; a document can still
    // bring them.
    render(
      <DraftDataPreview
        draft={{ seed: 1, data: { kind: 'circles', points: 1 }, problemKind: 'mlp' }}
        applied={{ seed: 1, data: APPLIED.data, problemKind: 'mlp' }}
        points={POINTS}
        window={WINDOW}
      />,
    );
    expect(plottedPoints()).toBe(0);
    expect(note()!.getAttribute('data-state')).toBe('invalid');
    expect(note()!.textContent).toBe(
      'Cannot preview the data: fix these fields first' +
        'data.points: must be a whole number from 2 to 100000 (got 1)',
    );
  });

  it('shows nothing for an analytic surface', () => {
    render(
      <DraftDataPreview
        draft={{ problemKind: 'surface' }}
        applied={{ data: APPLIED.data, problemKind: 'mlp' }}
        points={POINTS}
        window={WINDOW}
      />,
    );
    expect(plottedPoints()).toBe(0);
    expect(note()).toBeNull();
  });

  it('the applied digits: their description and where the images are', () => {
    const digits = { seed: 1, data: { kind: 'digits' as const }, problemKind: 'cnn' };
    render(<DraftDataPreview draft={digits} applied={digits} />);
    expect(note()!.getAttribute('data-state')).toBe('applied');
    expect(note()!.textContent).not.toContain('Not applied yet');
    expect(note()!.textContent).toContain('Sample images are in the Digits card.');
  });
});
