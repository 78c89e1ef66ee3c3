// @vitest-environment happy-dom
/**
 * Learning rates follow the problem: switching the problem in the form replaces the runs with
 * that problem's tuned race and says so; the runs editor's presets are the problem's.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionController } from '../client/controller';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { DEFAULT_VIEW } from '../config/view';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { Sidebar } from './Sidebar';

afterEach(cleanup);

/** The learning rates shown in the runs editor, in order. */
const shownRates = () =>
  screen.getAllByLabelText(/^Learning rate/).map((input) => (input as HTMLInputElement).value);

describe('Sidebar', () => {
  it('switching to Rosenbrock brings its race and a note; the presets follow', () => {
    const store = createAppStore();
    store.setState({ session: initialSession(DEFAULT_EXPERIMENT, DEFAULT_VIEW) });
    render(
      <StoreProvider store={store}>
        <Sidebar controller={{} as SessionController} />
      </StoreProvider>,
    );
    expect(shownRates()).toEqual(['0.3', '0.1', '0.02']);
    expect(screen.getByRole('button', { name: 'Tuned race (two spirals)' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Problem'), { target: { value: 'surface' } });
    expect(shownRates()).toEqual(['0.001', '0.001', '0.1']);
    expect(screen.getByTestId('race-note').textContent).toMatch(
      /^Learning rates replaced by the race tuned for Rosenbrock: SGD η 0\.001/,
    );
    expect(screen.getByRole('button', { name: 'Tuned race (Rosenbrock)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rosenbrock’s ravine' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Adam vs AdamW' })).toBeNull();
  });
});
