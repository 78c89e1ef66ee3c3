/**
 * The "Copy link" button (control id `copy-link`): copies a link to the explorer's current
 * shareable state (the host turns the state into a URL with `linkFor`) and says so. Where the
 * clipboard is refused (an insecure page, a denied permission, an iframe without the permission)
 * the link is shown in a selected text box to copy by hand.
 */
import { useEffect, useRef, useState } from 'react';
import type { ShareState } from '../config/share';
import { selectShareState } from '../state/share-state';
import { useStoreApi } from '../state/store';
import { useHidden } from '../ui/useHidden';

/** How long "Link copied" stays (ms). */
const CONFIRM_MS = 2500;

type CopyStatus = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; url: string };

export function CopyLinkButton({ linkFor }: { linkFor: (state: ShareState) => string }) {
  const store = useStoreApi();
  const hidden = useHidden('copy-link');
  const [status, setStatus] = useState<CopyStatus>({ kind: 'idle' });
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (status.kind !== 'copied') return;
    const timer = setTimeout(() => setStatus({ kind: 'idle' }), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [status]);
  useEffect(() => {
    if (status.kind === 'manual') box.current?.select();
  }, [status]);
  if (hidden) return null;

  const copy = async () => {
    const state = selectShareState(store.getState());
    if (!state) return;
    const url = linkFor(state);
    try {
      const clipboard = globalThis.navigator?.clipboard;
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(url);
      setStatus({ kind: 'copied' });
    } catch {
      setStatus({ kind: 'manual', url });
    }
  };
  return (
    <span className="copy-link">
      <button
        type="button"
        className="button"
        data-testid="copy-link"
        title="Copy a link that opens these settings"
        onClick={() => void copy()}
      >
        Copy link
      </button>
      <span role="status" className="copy-link-status" data-testid="copy-link-status">
        {status.kind === 'copied' ? 'Link copied' : ''}
      </span>
      {status.kind === 'manual' && (
        <label className="copy-link-manual">
          <span>The clipboard is not available here; copy the link:</span>
          <input
            ref={box}
            readOnly
            value={status.url}
            data-testid="copy-link-text"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
    </span>
  );
}
