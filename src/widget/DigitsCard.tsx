/**
 * The digits data view card, shown when the applied experiment trains on the 8×8 handwritten
 * digits: sample images, and each run's confusion matrix and misclassified test images at its
 * newest recorded θ (`ui/DigitsPanel`). The controller's digits view job runs when the session
 * starts (θ₀) and again whenever training finishes; a button reruns it at the newest step.
 */
import { useEffect, useMemo } from 'react';
import type { SessionController } from '../client/controller';
import { runDisplayColor } from '../scene/lecture-style';
import { useAppStore } from '../state/store';
import { DigitsPanel } from '../ui/DigitsPanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

export function DigitsCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.digitsView);
  const info = useAppStore((s) => s.session!.info);
  const finished = useAppStore((s) => s.session!.finished);
  const lecture = useAppStore((s) => s.lecture);
  const { textSize } = useChartSizes();
  const hidden = useHidden('digits');
  const shown = !!info && !hidden && info.dataKind === 'digits';
  const colors = useMemo(
    () => (info?.colors ?? []).map((c, k) => runDisplayColor(c, k, lecture)),
    [info, lecture],
  );
  // A new session shows its samples (and θ₀'s predictions); the end of training, the trained runs'.
  useEffect(() => {
    if (shown) void controller.showDigits();
  }, [shown, info, finished, controller]);
  if (!shown) return null;
  return (
    <AnalysisCard
      testId="digits-card"
      title="Digits"
      note="what the network gets wrong: the confusion matrix and misclassified test images"
    >
      <DigitsPanel
        frame={frame}
        colors={colors}
        canRefresh
        textSize={textSize}
        onRefresh={() => void controller.showDigits()}
        onCancel={() => void controller.cancelJob('digits-view')}
      />
    </AnalysisCard>
  );
}
