/**
 * The list of the explorer's keys (opened with `?` or the ⌨ button), over the explorer. Closes
 * with Esc, `?`, the close button or a click beside the box.
 */
import { useEffect, useId, useRef } from 'react';
import { KEY_BINDINGS } from './keyboard';

export function KeyHelp({ onClose }: { onClose(): void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className="key-help-backdrop" onClick={onClose}>
      <div
        className="key-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="key-help"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="key-help-head">
          <h2 id={titleId}>Keys</h2>
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
        <dl>
          {KEY_BINDINGS.map((b) => (
            <div key={b.keys} className="key-help-row">
              <dt>
                <kbd>{b.keys}</kbd>
              </dt>
              <dd>{b.what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted key-help-note">
          Keys act wherever the focus is, except while you type in a text field.
        </p>
      </div>
    </div>
  );
}
