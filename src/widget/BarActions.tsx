/**
 * The buttons at the end of the explorer's bar: the settings drawer (where the sidebar is folded
 * away: lecture mode, narrow screens), the list of keys, lecture mode and fullscreen. A classroom
 * link may hide `lecture` and `fullscreen` (control ids of `config/controls.ts`).
 */
import { useAppStore } from '../state/store';

export interface BarActionsProps {
  /** The settings drawer is open. */
  drawerOpen: boolean;
  onDrawer(): void;
  onHelp(): void;
  fullscreen: boolean;
  /** The browser offers fullscreen here. */
  fullscreenAvailable: boolean;
  onFullscreen(): void;
}

export function BarActions({
  drawerOpen,
  onDrawer,
  onHelp,
  fullscreen,
  fullscreenAvailable,
  onFullscreen,
}: BarActionsProps) {
  const lecture = useAppStore((s) => s.lecture);
  const setLecture = useAppStore((s) => s.setLecture);
  const hidden = useAppStore((s) => s.hidden);
  return (
    <>
      <button
        type="button"
        className="button drawer-button"
        data-testid="drawer-button"
        aria-expanded={drawerOpen}
        onClick={onDrawer}
      >
        ☰ Settings
      </button>
      <button
        type="button"
        className="button"
        data-testid="keys-button"
        aria-keyshortcuts="?"
        onClick={onHelp}
        title="Keys (?)"
      >
        ⌨ Keys
      </button>
      {!hidden.includes('lecture') && (
        <button
          type="button"
          className="button"
          data-testid="lecture"
          aria-pressed={lecture}
          aria-keyshortcuts="L"
          onClick={() => setLecture(!lecture)}
          title="Large type, thick lines, projector colours (L)"
        >
          Lecture mode
        </button>
      )}
      {!hidden.includes('fullscreen') && fullscreenAvailable && (
        <button
          type="button"
          className="button"
          data-testid="fullscreen"
          aria-pressed={fullscreen}
          aria-keyshortcuts="F"
          onClick={onFullscreen}
          title="Fullscreen (F)"
        >
          {fullscreen ? 'Exit fullscreen' : 'Fullscreen'}
        </button>
      )}
    </>
  );
}
