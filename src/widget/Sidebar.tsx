import { useMemo, useState } from 'react';
import type { ExperimentInput } from '../config/schema';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { DataPreview } from '../ui/panels/DataPreview';
import { ExperimentForm } from '../ui/panels/ExperimentForm';
import { RunsEditor, type RunPreset } from '../ui/panels/RunsEditor';
import { LESSONS, lessonRuns } from '../lessons/registry';
import { useHidden } from '../ui/useHidden';

const EMPTY: never[] = [];

/** The runs editor's one-click run lists: the lessons' runs. */
const PRESETS: readonly RunPreset[] = LESSONS.map((lesson) => ({
  id: lesson.id,
  label: lesson.title,
  runs: lessonRuns(lesson),
}));

/** Problem, data, model and runs: edited as a draft, applied with one button. */
export function Sidebar({ controller }: { controller: SessionController }) {
  const config = useAppStore((s) => s.session!.config);
  const problems = useAppStore((s) => s.session!.problems);
  const divergedAt = useAppStore((s) => s.session!.divergedAt);
  const info = useAppStore((s) => s.session!.info);
  const setScrub = useAppStore((s) => s.setScrub);
  const [draft, setDraft] = useState<ExperimentInput>(config);
  // A classroom link may hide either panel and the apply button.
  const hideExperiment = useHidden('experiment');
  const hideRuns = useHidden('runs');
  const hideApply = useHidden('apply');
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(config), [draft, config]);
  const apply = async () => {
    if (await controller.apply(draft)) setScrub(null);
  };
  return (
    <aside className="sidebar" aria-label="Experiment">
      {!hideExperiment && (
        <details open className="card panel">
          <summary>Problem, data and model</summary>
          <ExperimentForm value={draft} onChange={setDraft} problems={problems} />
          {info?.points && info.window && <DataPreview points={info.points} window={info.window} />}
        </details>
      )}
      {!hideRuns && (
        <details open className="card panel">
          <summary>Optimisers</summary>
          <RunsEditor
            runs={(draft.runs ?? EMPTY) as NonNullable<ExperimentInput['runs']>}
            onChange={(runs) => setDraft({ ...draft, runs })}
            problems={problems}
            divergedAt={divergedAt}
            presets={PRESETS}
            problem={draft.problem?.kind}
          />
        </details>
      )}
      {!hideApply && (
        <div className="apply-row">
          <button
            type="button"
            className="button primary"
            data-testid="apply"
            onClick={() => void apply()}
            disabled={!dirty}
          >
            Apply and restart
          </button>
          {dirty && <span className="muted">unapplied changes</span>}
        </div>
      )}
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
