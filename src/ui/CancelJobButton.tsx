/**
 * The Cancel button of a running analysis (curvature, minima, curve, bad minima): shown beside its
 * progress bar while the job runs; the worker stops the job within one unit of its work.
 */
export function CancelJobButton({
  onCancel,
  testId,
  label,
}: {
  onCancel: () => void;
  /** e.g. 'cancel-curvature'. */
  testId: string;
  /** What is cancelled, for screen readers (e.g. 'Cancel the curvature analysis'). */
  label: string;
}) {
  return (
    <button
      type="button"
      className="button"
      data-testid={testId}
      aria-label={label}
      onClick={onCancel}
    >
      Cancel
    </button>
  );
}
