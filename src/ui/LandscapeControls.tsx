/**
 * The landscape panel's toolbar: 3-D surface or contour map, linear or log height, the clip
 * quantile, the metric the surface shows, on analytic surfaces the step-and-Taylor overlay, and
 * the timeline scrubber. Everything goes through the
 * store of the nearest `StoreProvider`.
 */
import { memo } from 'react';
import { useAppStore } from '../state/store';
import { useHidden } from './useHidden';
import type { LandscapeMetric } from '../state/view-types';

const CLIP_CHOICES = [1, 0.99, 0.95, 0.9, 0.8] as const;
const METRICS: { value: LandscapeMetric; label: string }[] = [
  { value: 'trainLoss', label: 'training loss' },
  { value: 'testLoss', label: 'test loss' },
  { value: 'trainAccuracy', label: 'training accuracy' },
  { value: 'testAccuracy', label: 'test accuracy' },
];

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          data-value={o.value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/**
 * `showScrubber`: false where a transport bar already has the timeline. Memoised: it reads the
 * store itself, so its parent's re-render with every training snapshot (the toolbar's step
 * counter) need not re-render its buttons and selects.
 */
export const LandscapeControls = memo(function LandscapeControls({
  showScrubber = true,
}: {
  showScrubber?: boolean;
}) {
  const viewMode = useAppStore((s) => s.viewMode);
  const setViewMode = useAppStore((s) => s.setViewMode);
  const height = useAppStore((s) => s.height);
  const setHeightOptions = useAppStore((s) => s.setHeightOptions);
  const metric = useAppStore((s) => s.metric);
  const setMetric = useAppStore((s) => s.setMetric);
  // A classroom link may hide any of these fields.
  const hideViewMode = useHidden('display.viewMode');
  const hideScale = useHidden('display.height.scale');
  const hideClip = useHidden('display.height.clip');
  const hideMetric = useHidden('view.metric');
  // The step-and-Taylor overlay exists on the analytic surfaces only.
  const surface = useAppStore((s) => s.session?.info?.problem.task === 'surface');
  const overshoot = useAppStore((s) => s.overshoot);
  const setOvershoot = useAppStore((s) => s.setOvershoot);
  const hideOvershoot = useHidden('display.overshoot');
  const noiseEllipse = useAppStore((s) => s.noiseEllipse);
  const setNoiseEllipse = useAppStore((s) => s.setNoiseEllipse);
  const hideNoise = useHidden('display.noiseEllipse');
  return (
    <div className="landscape-controls">
      {!hideViewMode && (
        <Segmented
          label="View"
          testId="view-mode"
          value={viewMode}
          onChange={setViewMode}
          options={[
            { value: '3d', label: '3-D surface' },
            { value: 'contour', label: 'Contour map' },
          ]}
        />
      )}
      {!hideScale && (
        <Segmented
          label="Height scale"
          testId="height-scale"
          value={height.scale}
          onChange={(scale) => setHeightOptions({ scale })}
          options={[
            { value: 'linear', label: 'Linear' },
            { value: 'log', label: 'Log' },
          ]}
        />
      )}
      {!hideClip && (
        <label className="control">
          <span>Clip above</span>
          <select
            data-testid="height-clip"
            value={height.clip}
            onChange={(e) => setHeightOptions({ clip: Number(e.target.value) })}
          >
            {CLIP_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c === 1 ? 'nothing (max)' : `${Math.round(c * 100)} % quantile`}
              </option>
            ))}
          </select>
        </label>
      )}
      {!hideMetric && (
        <label className="control">
          <span>Surface of</span>
          <select
            data-testid="metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as LandscapeMetric)}
          >
            {METRICS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {surface && !hideOvershoot && (
        <button
          type="button"
          className="scene-button"
          data-testid="overshoot-toggle"
          aria-pressed={overshoot}
          onClick={() => setOvershoot(!overshoot)}
          title="Draw the selected run’s step from the point on screen, with its second-order Taylor model and the multipliers 1 − ηλ"
        >
          Step + Taylor
        </button>
      )}
      {!surface && !hideNoise && (
        <button
          type="button"
          className="scene-button"
          data-testid="noise-ellipse-toggle"
          aria-pressed={noiseEllipse}
          onClick={() => setNoiseEllipse(!noiseEllipse)}
          title="Draw the selected run’s mini-batch gradient-noise ellipse at its marker on the contour map (computed when paused)"
        >
          Noise ellipse
        </button>
      )}
      {showScrubber && <Scrubber />}
    </div>
  );
});

/** Timeline scrubber over the recorded points; "Live" follows the newest point. */
function Scrubber() {
  const scrub = useAppStore((s) => s.scrub);
  const setScrub = useAppStore((s) => s.setScrub);
  const trajectories = useAppStore((s) => s.trajectories);
  useAppStore((s) => s.trajectoryVersion); // the longest length changes in place
  const longest = trajectories.reduce((m, t) => Math.max(m, t.length), 0);
  if (longest < 2) return null;
  const value = scrub === null ? longest - 1 : Math.min(scrub, longest - 1);
  return (
    <label className="control scrubber">
      <span>Point</span>
      <input
        type="range"
        data-testid="scrubber"
        min={0}
        max={longest - 1}
        step={1}
        value={value}
        onChange={(e) => setScrub(Number(e.target.value))}
      />
      <span className="scrub-value">
        {value + 1} / {longest}
      </span>
      <button
        type="button"
        className="scene-button"
        aria-pressed={scrub === null}
        onClick={() => setScrub(null)}
      >
        Live
      </button>
    </label>
  );
}
