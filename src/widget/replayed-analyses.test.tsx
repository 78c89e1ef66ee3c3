// @vitest-environment happy-dom
/**
 * A replayed result's implicit-bias and ensemble analyses are shown in their cards (no job runs):
 * the SVM margin and each temperature's stationary spread are the file's numbers.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../app/defaults';
import type { SessionController } from '../client/controller';
import { replaySession } from '../client/replay';
import { DEFAULT_VIEW } from '../config/view';
import { analysesCliText } from '../export/analyses.fixture';
import { replayOf } from '../export/replay';
import { parseResultText } from '../export/result';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { EnsembleCard } from './EnsembleCard';
import { ImplicitBiasCard } from './ImplicitBiasCard';

afterEach(cleanup);

describe('cards of a replayed result', () => {
  it('show the file’s implicit bias and ensemble', async () => {
    const text = await analysesCliText();
    const written = JSON.parse(text);
    const result = parseResultText(text);
    const store = createAppStore();
    const session = initialSession(DEFAULT_CONFIG, DEFAULT_VIEW);
    store.setState({ session });
    store.getState().patchSession(replaySession(replayOf(result), result, 'bias.json', session));
    const controller = {} as SessionController;
    render(
      <StoreProvider store={store}>
        <ImplicitBiasCard controller={controller} />
        <EnsembleCard controller={controller} />
      </StoreProvider>,
    );
    // γ = 0.19679… in the file, shown to 3 significant digits.
    expect(written.implicitBias.svm.margin).toBeCloseTo(0.1968, 4);
    expect(screen.getByTestId('svm-margin').textContent).toBe('0.197');
    written.ensemble.temperatures.forEach((t: { spread: number }, i: number) => {
      const cell = screen.getByTestId(`ensemble-spread-${i}`);
      expect(Number(cell.getAttribute('data-value'))).toBe(t.spread);
    });
  }, 60_000);
});
