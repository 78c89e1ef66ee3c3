/**
 * The experiment form's data preview, fed by the form's pending edit: while the draft describes
 * the data that is training it plots the session's points (`DataPreview`); when the draft
 * describes other data it says what that data is, marked "Not applied yet" (the page cannot
 * generate points: the generators live in the engine, which only the worker runs, and the worker
 * makes them on "Apply and restart"); when the draft's data fields are invalid it says so. It
 * never shows the previous data under a new choice (`data-preview-state.ts` decides).
 */
import { memo, useMemo } from 'react';
import { DataPreview } from './DataPreview';
import { dataPreviewState, type DataSide } from './data-preview-state';
import type { DataPoints, PlotWindow } from './plot';
import './panels.css';
import './data-preview.css';

export interface DraftDataPreviewProps {
  /** The form's pending edit. */
  draft: DataSide;
  /** The config that is training (the one `points` were generated from). */
  applied: DataSide;
  /** The applied data's points (`SessionInfo.points`; absent for data with more than 2 inputs). */
  points?: DataPoints;
  /** Their window [xMin, xMax, yMin, yMax] (`SessionInfo.window`). */
  window?: PlotWindow;
}

const PENDING_HINT =
  'Training still uses the previous data. Apply and restart to generate this data and train on it.';

/** Why the applied data has no plot here. */
function appliedHint(kind: string | undefined): string {
  if (kind === 'digits') return 'Sample images are in the Digits card.';
  if (kind === 'linear-design') return 'More than two inputs: no plot.';
  return 'The plot appears once the session has started.';
}

export const DraftDataPreview = memo(function DraftDataPreview({
  draft: { seed, data, problemKind },
  applied: { seed: appliedSeed, data: appliedData, problemKind: appliedKind },
  points,
  window,
}: DraftDataPreviewProps) {
  // Recomputed only when the data fields (or the problem kind) change, not on other edits.
  const state = useMemo(
    () =>
      dataPreviewState(
        { seed, data, problemKind },
        { seed: appliedSeed, data: appliedData, problemKind: appliedKind },
      ),
    [seed, data, problemKind, appliedSeed, appliedData, appliedKind],
  );
  if (state.kind === 'none') return null;
  if (state.kind === 'applied' && points && window) {
    return <DataPreview points={points} window={window} />;
  }
  return (
    <div
      className={`panel data-preview-note data-preview-${state.kind}`}
      data-testid="data-preview-note"
      data-state={state.kind}
      role="status"
    >
      {state.kind === 'invalid' ? (
        <>
          <p className="data-preview-head">Cannot preview the data: fix these fields first</p>
          <ul className="data-preview-reasons">
            {state.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          {state.kind === 'pending' ? (
            <p className="data-preview-head">
              <span className="data-preview-badge">Not applied yet</span>
            </p>
          ) : null}
          <p className="data-preview-summary">{state.summary}</p>
          <p className="data-preview-hint small">
            {state.kind === 'pending' ? PENDING_HINT : appliedHint(data?.kind)}
          </p>
        </>
      )}
    </div>
  );
});
