/**
 * The temperature card of an explorer (SCIENCE.md §7, Zancato & Chiuso): one click trains seed
 * ensembles at several temperatures η/B through the controller's ensemble job (the config's
 * `ensemble` block, or its defaults; an analytic surface without a block gets additive noise
 * σ = 1, since it has no data), and the panel shows the clouds, spread vs η/B and escape
 * (`ui/EnsemblePanel`).
 */
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { EnsemblePanel } from '../ui/EnsemblePanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

export function EnsembleCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.ensemble);
  const info = useAppStore((s) => s.session!.info);
  const block = useAppStore((s) => s.session!.config.ensemble);
  const sizes = useChartSizes();
  const hidden = useHidden('ensemble');
  if (!info || hidden) return null;
  const surface = info.problem.task === 'surface';
  return (
    <AnalysisCard
      testId="ensemble-card"
      title="Temperature"
      note="SGD as a noisy dynamical system: clouds of seeds spread with η/B (Zancato & Chiuso)"
    >
      <EnsemblePanel
        frame={frame}
        {...sizes}
        onRun={() =>
          void controller.runEnsemble(
            surface && !block?.noise ? { noise: { sigma: 1 } } : undefined,
          )
        }
        onCancel={() => void controller.cancelJob('ensemble')}
      />
    </AnalysisCard>
  );
}
