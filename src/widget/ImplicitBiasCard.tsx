/**
 * The implicit-bias card of an explorer (Srebro et al.; SCIENCE.md §8), shown for logistic
 * regression and least squares (the problems the analysis applies to): one click runs the
 * controller's implicit-bias job on every run's recorded path, and the panel shows each run against
 * the SVM direction or A⁺b, with the runs' newest losses from the session's history
 * (`ui/ImplicitBiasPanel`).
 */
import { useMemo } from 'react';
import type { SessionController } from '../client/controller';
import { runDisplayColor } from '../scene/lecture-style';
import { useAppStore } from '../state/store';
import { ImplicitBiasPanel } from '../ui/ImplicitBiasPanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

/** The problems implicit bias is measured for (experiment/implicit-bias.ts). */
export const IMPLICIT_BIAS_PROBLEMS = ['logistic', 'linear-regression'];

export function ImplicitBiasCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.implicitBias);
  const info = useAppStore((s) => s.session!.info);
  // Not the history itself while training (it changes with every batch of frames): whether the
  // button can measure, and the newest losses only while a result's table shows them.
  const canMeasure = useAppStore((s) => s.session!.history.steps.length > 1);
  const history = useAppStore((s) =>
    s.session!.implicitBias?.result &&
    IMPLICIT_BIAS_PROBLEMS.includes(s.session!.info?.problem.name ?? '')
      ? s.session!.history
      : null,
  );
  const lecture = useAppStore((s) => s.lecture);
  const sizes = useChartSizes();
  const hidden = useHidden('implicit-bias');
  const colors = useMemo(
    () => (info?.colors ?? []).map((c, k) => runDisplayColor(c, k, lecture)),
    [info, lecture],
  );
  const finalLoss = useMemo(
    () => ({
      train: history?.trainLoss.map((l) => l.at(-1) ?? NaN) ?? [],
      test: history?.testLoss.map((l) => l.at(-1) ?? NaN) ?? [],
    }),
    [history],
  );
  if (!info || hidden || !IMPLICIT_BIAS_PROBLEMS.includes(info.problem.name)) return null;
  return (
    <AnalysisCard
      testId="implicit-bias-card"
      title="Implicit bias"
      note="same loss, different answers: which solution each optimiser picks (Soudry et al. 2018; Wilson et al. 2017)"
    >
      <ImplicitBiasPanel
        frame={frame}
        colors={colors}
        finalLoss={finalLoss}
        canMeasure={canMeasure}
        {...sizes}
        onMeasure={() => void controller.measureImplicitBias()}
        onCancel={() => void controller.cancelJob('implicit-bias')}
      />
    </AnalysisCard>
  );
}
