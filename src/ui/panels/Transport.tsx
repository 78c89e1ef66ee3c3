/**
 * Play / pause, single step, reset, speed, the step counter and the timeline scrubber of a
 * training session, as a controlled component: it shows the props and reports clicks.
 *
 * The scrubber runs over the recorded frames 0 … frames − 1; `scrub = null` is the "live" state
 * (follow the newest frame). Moving the scrubber reports the frame index; the Live button reports
 * null. Space toggles play/pause while the transport bar itself has keyboard focus (the explorer's
 * keys, widget/keyboard.ts, take space wherever the focus is).
 */
import { memo, useId, type KeyboardEvent } from 'react';
import { useHidden } from '../useHidden';
import './panels.css';

export const SPEEDS = [1, 2, 5, 10, 20, 50] as const;

export interface TransportProps {
  /** Training is running. */
  playing: boolean;
  /** All planned steps are done (play and step are disabled; reset starts over). */
  finished: boolean;
  /** Updates done so far. */
  step: number;
  /** Planned number of updates. */
  totalSteps: number;
  /** Recorded frames (snapshots) available to the scrubber. */
  frames: number;
  /** Frame shown, or null to follow the newest ("live"). */
  scrub: number | null;
  /** Steps per animation frame (one of SPEEDS). */
  speed: number;
  /** The training step of the frame being shown while scrubbing (shown as "showing step N"). */
  scrubStep?: number;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
  onSpeed(stepsPerFrame: number): void;
  /** A frame index (0 … frames − 1), or null for live. */
  onScrub(index: number | null): void;
}

export function Transport({
  playing,
  finished,
  step,
  totalSteps,
  frames,
  scrub,
  speed,
  scrubStep,
  onPlay,
  onPause,
  onStep,
  onReset,
  onSpeed,
  onScrub,
}: TransportProps) {
  const id = useId();
  // A classroom link may hide any of these controls.
  const hidePlay = useHidden('play');
  const hideStep = useHidden('step');
  const hideReset = useHidden('reset');
  const hideSpeed = useHidden('display.speed');
  const hideTimeline = useHidden('timeline');
  const live = scrub === null;
  const last = Math.max(0, frames - 1);
  const position = live ? last : Math.min(Math.max(0, scrub), last);
  const toggle = () => {
    if (playing) onPause();
    else if (!finished) onPlay();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.key === ' ' || e.code === 'Space') && e.target === e.currentTarget) {
      e.preventDefault();
      toggle();
    }
  };
  return (
    <div
      className="panel transport"
      role="toolbar"
      aria-label="Training controls (space: play or pause)"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="transport-buttons">
        {!hidePlay && (
          <button
            type="button"
            className="panel-button primary transport-play"
            aria-keyshortcuts="Space"
            disabled={!playing && finished}
            onClick={toggle}
          >
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
        )}
        {!hideStep && (
          <button
            type="button"
            className="panel-button"
            disabled={playing || finished}
            onClick={onStep}
          >
            Step
          </button>
        )}
        {!hideReset && (
          <button type="button" className="panel-button" onClick={onReset}>
            Reset
          </button>
        )}
      </div>
      {!hideSpeed && <SpeedPicker id={`${id}-speed`} speed={speed} onSpeed={onSpeed} />}
      <output className="transport-counter" aria-live="off" data-testid="step-counter">
        step {step} / {totalSteps}
        {finished ? <span className="transport-done"> · done</span> : null}
      </output>
      {!hideTimeline && (
        <div className="transport-scrubber">
          <label htmlFor={`${id}-scrub`}>Timeline</label>
          <input
            id={`${id}-scrub`}
            type="range"
            min={0}
            max={last}
            step={1}
            value={position}
            disabled={frames < 2}
            aria-valuetext={live ? 'live: newest frame' : `frame ${position + 1} of ${frames}`}
            onChange={(e) => onScrub(Number(e.target.value))}
          />
          <button
            type="button"
            className="panel-button small transport-live"
            aria-pressed={live}
            onClick={() => onScrub(live ? last : null)}
          >
            Live
          </button>
          {!live && scrubStep !== undefined ? (
            <span className="transport-scrub-step">showing step {scrubStep}</span>
          ) : null}
        </div>
      )}
    </div>
  );
}

/**
 * The speed picker. Memoised: the transport re-renders with every batch of training frames (its
 * step counter), and a select that re-renders has all its options walked by React DOM.
 */
const SpeedPicker = memo(function SpeedPicker({
  id,
  speed,
  onSpeed,
}: {
  id: string;
  speed: number;
  onSpeed(stepsPerFrame: number): void;
}) {
  const speeds: number[] = SPEEDS.includes(speed as (typeof SPEEDS)[number])
    ? [...SPEEDS]
    : [...SPEEDS, speed].sort((a, b) => a - b);
  return (
    <div className="panel-field inline">
      <label htmlFor={id}>Speed</label>
      <select id={id} value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
        {speeds.map((s) => (
          <option key={s} value={s}>
            {s} step{s === 1 ? '' : 's'} / frame
          </option>
        ))}
      </select>
    </div>
  );
});
