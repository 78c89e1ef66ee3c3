/**
 * The bad-minima card of an explorer (Huang et al. 2019): the user picks the good run, the poison
 * ratio ρ and the checkpoints of its path; one click trains bad runs from them through the
 * controller's bad-minima job (the config `badMinima` block's other settings, or their defaults),
 * and shows good vs bad (`ui/BadMinimaPanel`), or a replayed result file's `badMinima` block.
 */
import { useState } from 'react';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { BadMinimaPanel } from '../ui/BadMinimaPanel';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard, useChartSizes } from './AnalysisCard';

export function BadMinimaCard({ controller }: { controller: SessionController }) {
  const frame = useAppStore((s) => s.session!.badMinima);
  const info = useAppStore((s) => s.session!.info);
  const block = useAppStore((s) => s.session!.config.badMinima);
  const recorded = useAppStore((s) => s.session!.history.steps.length);
  const sizes = useChartSizes();
  const hidden = useHidden('bad-minima');
  // The picks start from the config's badMinima block (a lesson's), else its defaults.
  const [run, setRun] = useState<number | null>(null);
  const [rho, setRho] = useState<number | null>(null);
  const [checkpoints, setCheckpoints] = useState<string | null>(null);
  // Classification only; inputs that are not 2-D points (digits) have no data backdrop, and a
  // replayed file none either: the card still shows the result.
  if (!info || hidden || info.problem.task !== 'classification') return null;
  const k = info.names.length;
  const good =
    run !== null && run < k ? run : block?.run !== undefined && block.run < k ? block.run : 0;
  const ratio = rho ?? block?.rho ?? 1;
  const text = checkpoints ?? (block?.checkpoints ?? [0, 0.5, 1]).join(', ');
  return (
    <AnalysisCard
      testId="bad-minima-card"
      title="Bad minima next door"
      note="minima that fit the training set just as well but generalise badly (Huang et al. 2019)"
    >
      <BadMinimaPanel
        frame={frame}
        names={info.names}
        run={good}
        onRun={setRun}
        rho={ratio}
        onRho={setRho}
        checkpoints={text}
        onCheckpoints={setCheckpoints}
        canFind={recorded > 1}
        points={info.points}
        {...sizes}
        onFind={(list) =>
          void controller.findBadMinima({ run: good, rho: ratio, checkpoints: list })
        }
        onCancel={() => void controller.cancelJob('bad-minima')}
      />
    </AnalysisCard>
  );
}
