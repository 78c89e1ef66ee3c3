/**
 * Legend of the runs drawn on a landscape: colour, name, the true loss at the current point, how
 * far that point is off the plane, and whether the run diverged. Re-renders when trajectories are
 * touched (a handful of DOM nodes; the heavy drawing happens outside React).
 */
import { useAppStore } from '../state/store';
import { currentIndex, formatValue } from './geometry';
import { runDisplayColor } from './lecture-style';

export function Legend({ className = '' }: { className?: string }) {
  const trajectories = useAppStore((s) => s.trajectories);
  const scrub = useAppStore((s) => s.scrub);
  useAppStore((s) => s.trajectoryVersion); // re-render on in-place updates
  const lecture = useAppStore((s) => s.lecture);
  // The tanh model's exact (w, shift) view has no plane: θ is compared with the point of the
  // surface that (w, s) stands for, [w, r + s, α*(w, s)].
  const exact = useAppStore((s) => s.session?.plane?.directions === 'varpro');
  if (trajectories.length === 0) return null;
  return (
    <ul className={`run-legend ${className}`} data-testid="run-legend">
      {trajectories.map((t, index) => {
        const k = currentIndex(t, scrub);
        const loss = k >= 0 ? t.trueLoss[k]! : NaN;
        const off = k >= 0 ? t.offPlane[k]! : 0;
        return (
          <li key={t.name} data-run={t.name}>
            <span
              className="run-swatch"
              style={{ background: runDisplayColor(t.color, index, lecture) }}
            />
            <span className="run-name">{t.name}</span>
            <span className="run-value">{k >= 0 ? formatValue(loss) : '–'}</span>
            {off > 0.02 && (
              <span
                className="run-off"
                title={
                  exact
                    ? 'distance from the surface’s point [w, centres moved together by the shift, α solved], relative to ‖θ‖'
                    : 'distance from the plane, relative'
                }
              >
                {Math.round(100 * off)} % off {exact ? 'surface' : 'plane'}
              </span>
            )}
            {t.diverged && <span className="run-diverged">diverged</span>}
          </li>
        );
      })}
    </ul>
  );
}
