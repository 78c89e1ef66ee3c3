// @vitest-environment happy-dom
/**
 * A replayed result's bad-minima block is shown in its card (no job runs): the good and the bad
 * minimum's test accuracy, the categorical maps of three classes and the per-class bars are the
 * file's numbers.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../app/defaults';
import type { SessionController } from '../client/controller';
import { replaySession } from '../client/replay';
import { DEFAULT_VIEW } from '../config/view';
import { badMinimaCliText } from '../export/bad-minima.fixture';
import { replayOf } from '../export/replay';
import { parseResultText } from '../export/result';
import { initialSession } from '../state/session';
import { createAppStore, StoreProvider } from '../state/store';
import { BadMinimaCard } from './BadMinimaCard';

afterEach(cleanup);

describe('the bad-minima card of a replayed result', () => {
  it('shows the file’s good vs bad minima, three-class maps and per-class accuracy', async () => {
    const text = await badMinimaCliText();
    const written = JSON.parse(text).badMinima;
    const result = parseResultText(text);
    const store = createAppStore();
    const session = initialSession(DEFAULT_CONFIG, DEFAULT_VIEW);
    store.setState({ session });
    store.getState().patchSession(replaySession(replayOf(result), result, 'bad.json', session));
    render(
      <StoreProvider store={store}>
        <BadMinimaCard controller={{} as SessionController} />
      </StoreProvider>,
    );
    const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
    expect(
      screen.getByTestId('metrics-good').querySelector('[data-testid="test-accuracy"]')!
        .textContent,
    ).toBe(percent(written.good.testAccuracy));
    // The bad minimum shown first is the plane's (the last checkpoint's).
    expect(
      screen.getByTestId('metrics-bad').querySelector('[data-testid="test-accuracy"]')!.textContent,
    ).toBe(percent(written.bad[1].testAccuracy));
    for (const side of ['good', 'bad'])
      expect(
        screen
          .getByTestId(`side-${side}`)
          .querySelector('.boundary-stage')!
          .getAttribute('data-classes'),
      ).toBe('3');
    const bars = screen.getByTestId('bad-minima-class-bars');
    const values = (which: string) =>
      [...bars.querySelectorAll(`[data-which="${which}"]`)].map((r) =>
        Number(r.getAttribute('data-value')),
      );
    expect(values('good')).toEqual(written.classAccuracy.good);
    expect(values('bad')).toEqual(written.classAccuracy.bad[1]);
    expect(screen.getByTestId('bad-minima-table').querySelectorAll('tbody tr')).toHaveLength(3);
  }, 120_000);
});
