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
import { LossChart, type ChartSeries } from '../ui/LossChart';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';
import { stabilityEdge } from './stability-edge';

const EMPTY: never[] = [];

export function CurvatureCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.curvature);
  const info = useAppStore((s) => s.session!.info);
  const config = useAppStore((s) => s.session!.config);
  // A boolean, not the count: the card need not re-render with every batch of training frames.
  const recorded = useAppStore((s) => s.session!.history.steps.length > 0);
  const scrub = useAppStore((s) => s.scrub);
  const sizes = useChartSizes();
  const hidden = useHidden('curvature');
  const sharpness = useAppStore((s) => s.session!.sharpness);
  const divergedAt = useAppStore((s) => s.session!.divergedAt);
  const edges = useMemo(() => {
    try {
      return parseConfig(config).runs.map(stabilityEdge);
    } catch (error) {
      if (error instanceof ConfigError) return EMPTY;
      throw error;
    }
  }, [config]);
  // λ_max of each run (solid) and its stability edge (dashed, where the optimiser has one).
  const series = useMemo<ChartSeries[]>(() => {
    if (!info) return EMPTY;
    const n = sharpness.steps.length;
    const lines: ChartSeries[] = info.names.map((name, k) => ({
      name: `${name} λ_max`,
      color: info.colors[k]!,
      values: sharpness.values[k] ?? EMPTY,
      divergedAt: (divergedAt[k] ?? -1) >= 0 ? divergedAt[k]! : null,
    }));
    info.names.forEach((name, k) => {
      const edge = edges[k];
      if (edge !== null && edge !== undefined && n > 0)
        lines.push({
          name: `${name} edge`,
          color: info.colors[k]!,
          values: new Array<number>(n).fill(edge),
          divergedAt: null,
          dashed: true,
        });
    });
    return lines;
  }, [info, sharpness, edges, divergedAt]);
  if (!info || hidden) return null;
  return (
    <AnalysisCard
      testId="curvature-card"
      title="Curvature"
      note="Hessian of the training loss at each run’s point on screen"
    >
      {sharpness.steps.length > 0 && (
        <div data-testid="sharpness-chart">
          <p className="muted">
            λ_max of each run during training (solid), measured at ≤ 20 % of the training time (and
            while slow playback waits between steps), and the edge of stability 2/η (dashed):
            gradient descent cannot stay where λ_max is above it.
          </p>
          <LossChart
            steps={sharpness.steps}
            series={series}
            totalSteps={info.steps || 1}
            yLabel="λ_max"
            testId="sharpness-chart-svg"
            {...sizes}
            title="Largest Hessian eigenvalue of each run against training step (solid), with each run's stability edge 2/η (dashed), logarithmic y-axis"
          />
        </div>
      )}
      <CurvaturePanel
        frame={frame}
        names={info.names}
        colors={info.colors}
        edges={edges}
        canMeasure={recorded}
        textSize={sizes.textSize}
        onMeasure={() =>
          void controller.measureCurvature(undefined, scrub === null ? undefined : scrub)
        }
        onCancel={() => void controller.cancelJob('curvature')}
      />
    </AnalysisCard>
  );
}
