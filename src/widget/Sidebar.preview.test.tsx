// @vitest-environment happy-dom
/**
 * The sidebar feeds the data preview from the form's draft: after switching the data set to the
 * handwritten digits (before "Apply and restart") the applied circles are no longer plotted; a
 * "Not applied yet" line describes the digits.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionController } from '../client/controller';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { DEFAULT_VIEW } from '../config/view';
import type { SessionInfo } from '../protocol/session-info';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { Sidebar } from './Sidebar';

afterEach(cleanup);

/** What the worker reports for the default (circles) experiment, with two points. */
const INFO: SessionInfo = {
  names: ['SGD', 'Momentum', 'Adam'],
  colors: ['#000', '#111', '#222'],
  steps: 300,
  problem: { name: 'mlp', task: 'classification', parameters: 337, layout: '' },
  model: 'MLP 2-16-16-1 (tanh), 337 parameters',
  data: 'two circles, 256 training / 64 test points',
  loss: 'binary cross-entropy',
  dataKind: 'circles',
  points: {
    inputDim: 2,
    xTrain: new Float32Array([-1, 0]),
    yTrain: new Float32Array([0]),
    xTest: new Float32Array([1, 0]),
    yTest: new Float32Array([1]),
  },
  window: [-1.2, 1.2, -1.2, 1.2],
};

describe('Sidebar data preview', () => {
  it('shows the pending digits, not the applied circles, until applied', () => {
    const store = createAppStore();
    store.setState({
      session: { ...initialSession(DEFAULT_EXPERIMENT, DEFAULT_VIEW), info: INFO },
    });
    render(
      <StoreProvider store={store}>
        <Sidebar controller={{} as SessionController} />
      </StoreProvider>,
    );
    const plotted = () => document.querySelectorAll('.data-preview circle[data-split]').length;
    expect(plotted()).toBe(2);
    fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'digits' } });
    expect(plotted()).toBe(0);
    const note = screen.getByTestId('data-preview-note');
    expect(note.getAttribute('data-state')).toBe('pending');
    expect(note.textContent).toContain('Not applied yet');
    expect(note.textContent).toContain(
      'Handwritten digits: 1,797 images of 8×8 pixels, 10 classes',
    );
    expect(screen.getByText('unapplied changes')).toBeTruthy();
  });
});
