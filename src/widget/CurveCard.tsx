/**
 * The mode-connectivity card of an explorer (Garipov et al. 2018): the user picks two runs and
 * the curve's shape; one click trains the bend between the runs' newest points through the
 * controller's curve job (the config `connect` block's other settings, or their defaults), and
 * the paths, barriers and plane update live while it trains (`ui/CurvePanel`).
 */
import { useState } from 'react';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { CurvePanel, type CurveShape } from '../ui/CurvePanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

export function CurveCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.connect);
  const info = useAppStore((s) => s.session!.info);
  const connect = useAppStore((s) => s.session!.config.connect);
  // A boolean, not the count: the card need not re-render with every batch of training frames.
  const recorded = useAppStore((s) => s.session!.history.steps.length > 0);
  const sizes = useChartSizes();
  const hidden = useHidden('curves');
  // The picks start from the config's connect block (a lesson's), else the first two runs.
  const [runs, setRuns] = useState<[number, number] | null>(null);
  const [type, setType] = useState<CurveShape | null>(null);
  if (!info || hidden || info.names.length < 2) return null;
  const k = info.names.length;
  const fallback: [number, number] =
    connect?.runs && connect.runs[0] < k && connect.runs[1] < k
      ? [connect.runs[0], connect.runs[1]]
      : [0, 1];
  const picked: [number, number] = runs && runs[0] < k && runs[1] < k ? runs : fallback;
  const shape = type ?? connect?.type ?? 'bezier';
  return (
    <AnalysisCard
      testId="curve-card"
      title="Mode connectivity"
      note="a curve with one trained bend between two runs’ minima (Garipov et al. 2018)"
    >
      <CurvePanel
        frame={frame}
        names={info.names}
        runs={picked}
        type={shape}
        onRuns={setRuns}
        onType={setType}
        canTrain={recorded}
        {...sizes}
        onTrain={() => void controller.trainCurve({ runs: picked, type: shape })}
        onCancel={() => void controller.cancelJob('curve')}
      />
    </AnalysisCard>
  );
}
