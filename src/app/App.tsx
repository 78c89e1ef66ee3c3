/**
 * The explorer page: the URL, the page's title and footer, one `Explorer` widget, and the signals
 * tests and embedding pages read. URL parameters (validated, see ./url.ts): `?backend=` forces a
 * tfjs backend, `?steps=N` sets the number of updates, `?autoplay=0` starts paused.
 *
 * When the first complete landscape is on screen the page sets `document.body.dataset.ready`,
 * dispatches `lle:ready` and keeps `window.__lle` up to date (for tests); on an error it sets
 * `document.body.dataset.error`.
 */
import { useCallback, useState } from 'react';
import { Explorer, type ExplorerHandle } from '../widget/Explorer';
import { DEFAULT_CONFIG } from './defaults';
import { exposeHandle } from './handle';
import { readUrlParams } from './url';

export function App() {
  // A bad URL value is named and replaced by its default: the page always opens.
  const [url] = useState(() => readUrlParams(window.location.search, DEFAULT_CONFIG));
  const [unexpose] = useState<{ current: (() => void) | null }>(() => ({ current: null }));
  const onHandle = useCallback(
    (handle: ExplorerHandle | null) => {
      unexpose.current?.();
      unexpose.current = handle
        ? exposeHandle(handle.store, handle.controller, handle.scene)
        : null;
    },
    [unexpose],
  );
  return (
    <div className="page wide">
      <header className="header">
        <h1>Loss Landscape Explorer</h1>
        <p className="subtitle">
          Optimisers race from the same start across the loss landscape of a real network, trained
          live in your browser. The surface is the loss on a plane through parameter space; each
          path is drawn at the loss the optimiser actually saw, with a drop line where it leaves the
          plane.
        </p>
      </header>
      <Explorer
        document={{ experiment: url.config }}
        backend={url.backend}
        autoplay={url.autoplay}
        notice={url.warnings.length ? url.warnings.join('\n') : null}
        onHandle={onHandle}
        onError={(error) => {
          if (error) document.body.dataset.error = error;
          else delete document.body.dataset.error;
        }}
        onReady={(detail) => {
          document.body.dataset.ready = 'true';
          window.dispatchEvent(
            new CustomEvent('lle:ready', {
              detail: { msSinceNavigation: detail.firstLandscapeMs },
            }),
          );
        }}
      />
      <footer className="footer">
        Computed in your browser with TensorFlow.js in a Web Worker; drawn with three.js. Runs share
        θ₀ unless given their own seed, so the race is fair.
      </footer>
    </div>
  );
}
