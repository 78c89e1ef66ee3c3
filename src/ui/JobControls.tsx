/**
 * Controls that the analysis panels (bad minima, mode-connecting curve) share: the run picker,
 * the progress bar and Cancel button of a running job, and the message of a failed one.
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

/** While the job runs: its progress bar (done of total) and its Cancel button; else nothing. */
export function JobProgress({
  frame,
  testId,
  label,
  cancelTestId,
  cancelLabel,
  onCancel,
}: {
  frame: JobFrameState | null;
  /** The progress bar's test id and its label for screen readers. */
  testId: string;
  label: string;
  /** The Cancel button's test id and its label for screen readers (CancelJobButton). */
  cancelTestId: string;
  cancelLabel: string;
  onCancel(): void;
}) {
  if (frame?.state !== 'running') return null;
  return (
    <>
      <progress data-testid={testId} max={frame.total} value={frame.done} aria-label={label} />
      <CancelJobButton onCancel={onCancel} testId={cancelTestId} label={cancelLabel} />
    </>
  );
}

/** When the job failed: why, as an alert; else nothing. */
export function JobFailure({ frame, testId }: { frame: JobFrameState | null; testId: string }) {
  if (frame?.state !== 'failed') return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {frame.message}
    </p>
  );
}
