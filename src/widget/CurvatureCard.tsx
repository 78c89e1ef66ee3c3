/**
 * The curvature card of an explorer: measures every run's Hessian at the point on screen (the
 * scrubbed recorded point, or the newest) through the controller's curvature job, and shows the
 * result (`ui/CurvaturePanel`). The stability edges come from the runs as configured.
 */
import { useMemo } from 'react';
import { ConfigError, parseConfig } from '../config/parse';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { CurvaturePanel } from '../ui/CurvaturePanel';
import { useHidden } from '../ui/useHidden';
import { stabilityEdge } from './stability-edge';

const EMPTY: never[] = [];

export function CurvatureCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.curvature);
  const info = useAppStore((s) => s.session!.info);
  const config = useAppStore((s) => s.session!.config);
  const recorded = useAppStore((s) => s.session!.history.steps.length);
  const scrub = useAppStore((s) => s.scrub);
  const lecture = useAppStore((s) => s.lecture);
  const hidden = useHidden('curvature');
  const edges = useMemo(() => {
    try {
      return parseConfig(config).runs.map(stabilityEdge);
    } catch (error) {
      if (error instanceof ConfigError) return EMPTY;
      throw error;
    }
  }, [config]);
  if (!info || hidden) return null;
  return (
    <section className="card" data-testid="curvature-card">
      <div className="card-head">
        <h2>
          Curvature{' '}
          <span className="h2-note">
            Hessian of the training loss at each run’s point on screen
          </span>
        </h2>
      </div>
      <CurvaturePanel
        frame={frame}
        names={info.names}
        colors={info.colors}
        edges={edges}
        canMeasure={recorded > 0}
        textSize={lecture ? 20 : 15}
        onMeasure={() =>
          void controller.measureCurvature(undefined, scrub === null ? undefined : scrub)
        }
      />
    </section>
  );
}
