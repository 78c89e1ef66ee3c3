/**
 * The address bar follows the explorer's shareable state: each change rewrites the URL's hash
 * (`pageUrlFor`) with `history.replaceState`, debounced, so moving a slider makes no history
 * entries and no flood of URL writes; "Copy link" copies the same URL, absolute.
 */
import { useEffect, useState } from 'react';
import type { ShareState } from '../config/share';
import { pageUrlFor } from './url';

/** Quiet time before the address bar is rewritten (ms). */
export const ADDRESS_BAR_DEBOUNCE_MS = 250;

export interface AddressBar {
  /** For `Explorer`'s `onShareStateChange`. */
  follow(state: ShareState): void;
  /** For `Explorer`'s `linkFor`: the absolute URL that opens `state`. */
  linkFor(state: ShareState): string;
}

/** The page's address bar, kept in step with the state (a pending write is flushed on unmount). */
export function useAddressBar(): AddressBar {
  const [bar] = useState(() => createAddressBar());
  useEffect(() => () => bar.flush(), [bar]);
  return bar;
}

function createAddressBar(): AddressBar & { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: ShareState | null = null;
  const write = () => {
    timer = null;
    if (!pending) return;
    const url = pageUrlFor(pending, window.location);
    pending = null;
    const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    if (url !== current) window.history.replaceState(window.history.state, '', url);
  };
  return {
    follow(state) {
      pending = state;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(write, ADDRESS_BAR_DEBOUNCE_MS);
    },
    linkFor: (state) => new URL(pageUrlFor(state, window.location), window.location.href).href,
    flush() {
      if (timer !== null) clearTimeout(timer);
      write();
    },
  };
}
