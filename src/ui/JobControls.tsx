/**
 * Controls that the analysis panels and cards (curvature, flat vs sharp, mode-connecting curve,
 * bad minima, implicit bias, temperature, digits) share: the run picker, the progress bar and
 * Cancel button of a running job, and the message of a failed one.
 */
import { CancelJobButton } from './CancelJobButton';

/** What these controls read of a job's newest frame (`protocol/frames`: ConnectFrame, …). */
export interface JobFrameState {
  state: 'running' | 'done' | 'failed';
  /** Units of work done of `total`. */
  done: number;
  total: number;
  /** When failed: why, in words. */
  message?: string;
}

/** A drop-down of the runs by name; its value is the picked run's index into `names`. */
export function RunSelect({
  names,
  value,
  onChange,
  testId,
}: {
  names: readonly string[];
  value: number;
  onChange(run: number): void;
  testId: string;
}) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {names.map((name, k) => (
        <option key={k} value={k}>
          {name}
        </option>
      ))}
    </select>
  );
}

/**
 * While the job runs: its progress bar (done of total), with `showCount` the count "done / total"
 * beside it, and its Cancel button; else nothing.
 */
export function JobProgress({
  frame,
  testId,
  label,
  cancelTestId,
  cancelLabel,
  onCancel,
  showCount = false,
}: {
  frame: JobFrameState | null;
  /** The progress bar's test id and its label for screen readers. */
  testId: string;
  label: string;
  /** The Cancel button's test id and its label for screen readers (CancelJobButton). */
  cancelTestId: string;
  cancelLabel: string;
  onCancel(): void;
  /** Also show "done / total" in words between the bar and the button. */
  showCount?: boolean;
}) {
  if (frame?.state !== 'running') return null;
  return (
    <>
      <progress data-testid={testId} max={frame.total} value={frame.done} aria-label={label} />
      {showCount && (
        <span className="muted">
          {frame.done} / {frame.total}
        </span>
      )}
      <CancelJobButton onCancel={onCancel} testId={cancelTestId} label={cancelLabel} />
    </>
  );
}

/**
 * When the job failed: why, as an alert (after `prefix`, e.g. 'The comparison failed: '), with
 * class `className` ('error' unless given); else nothing.
 */
export function JobFailure({
  frame,
  testId,
  prefix,
  className = 'error',
}: {
  frame: JobFrameState | null;
  /** The alert's test id (none when left out). */
  testId?: string;
  prefix?: string;
  className?: string;
}) {
  if (frame?.state !== 'failed') return null;
  return (
    <p className={className} role="alert" data-testid={testId}>
      {prefix}
      {frame.message}
    </p>
  );
}
