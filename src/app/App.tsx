/**
 * The explorer page: the URL, the page's title and footer, one `Explorer` widget, and the signals
 * tests and embedding pages read. The URL (validated, see ./url.ts): the hash is a link to the
 * whole state (`#v1.…`: experiment, view, display, lesson, hidden controls) and follows it as it
 * changes (./address-bar.ts); `?backend=` forces a tfjs backend, `?steps=N` sets the number of
 * updates, `?autoplay=0` starts paused, `?lecture=1` opens lecture mode.
 *
 * When the first complete landscape is on screen the page sets `document.body.dataset.ready`,
 * dispatches `lle:ready` and keeps `window.__lle` up to date (for tests); on an error it sets
 * `document.body.dataset.error`.
 */
import { useCallback, useState } from 'react';
import { Explorer, type ExplorerHandle } from '../widget/Explorer';
import { useAddressBar } from './address-bar';
import { exposeHandle } from './handle';
import { readPageUrl } from './url';

export function App() {
  // A bad URL value or link field is named and left out: the page always opens.
  const [url] = useState(() => readPageUrl(window.location.search, window.location.hash));
  const addressBar = useAddressBar();
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
      <Explorer
        title={<PageTitle />}
        keys="page"
        document={url.document}
        onShareStateChange={addressBar.follow}
        linkFor={addressBar.linkFor}
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

/**
 * The page's title in the explorer's one-line bar, its introduction folded into a disclosure, so
 * the landscape is the first thing on screen.
 */
function PageTitle() {
  return (
    <details className="page-title">
      <summary>
        <h1>Loss Landscape Explorer</h1>
      </summary>
      <p className="subtitle">
        Optimisers race from the same start across the loss landscape of a real network, trained
        live in your browser. The surface is the loss on a plane through parameter space; each path
        is drawn at the loss the optimiser actually saw, with a drop line where it leaves the plane.
      </p>
    </details>
  );
}
