import { useEffect, useMemo, useState } from 'react';
import type { ExperimentInput } from '../config/schema';
import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { DraftDataPreview } from '../ui/panels/DraftDataPreview';
import { ExperimentForm } from '../ui/panels/ExperimentForm';
import { RunsEditor, type RunPreset } from '../ui/panels/RunsEditor';
import { LESSONS, lessonRuns } from '../lessons/registry';
import { problemKey, raceChanges, raceFor, raceNote, withRace } from '../lessons/races';
import { useHidden } from '../ui/useHidden';

const EMPTY: never[] = [];

/**
 * The runs editor's one-click run lists for a problem: its tuned race, then the runs of the
 * lessons on that problem (a preset replaces only the runs, so one tuned for another problem
 * could diverge here: those are not offered).
 */
function presetsFor(problem: ExperimentInput['problem']): RunPreset[] {
  const key = problemKey(problem);
  const race = raceFor(problem);
  return [
    { id: `race:${key}`, label: `Tuned race (${race.label})`, runs: race.runs },
    ...LESSONS.filter((l) => problemKey(l.document.experiment?.problem) === key).map((l) => ({
      id: l.id,
      label: l.title,
      runs: lessonRuns(l),
    })),
  ];
}

/** Problem, data, model and runs: edited as a draft, applied with one button. */
export function Sidebar({ controller }: { controller: SessionController }) {
  const config = useAppStore((s) => s.session!.config);
  const problems = useAppStore((s) => s.session!.problems);
  const divergedAt = useAppStore((s) => s.session!.divergedAt);
  const info = useAppStore((s) => s.session!.info);
  const setScrub = useAppStore((s) => s.setScrub);
  const [draft, setDraft] = useState<ExperimentInput>(config);
  /** Said when a problem change replaced the runs with that problem's race. */
  const [raceMessage, setRaceMessage] = useState<string | null>(null);
  // A config applied elsewhere (a lesson, a link) becomes the draft.
  useEffect(() => {
    setDraft(config);
    setRaceMessage(null);
  }, [config]);
  const presets = useMemo(() => presetsFor(draft.problem), [draft.problem]);
  /** The form's edit; a new problem (or κ) brings its own tuned race. */
  const editExperiment = (next: ExperimentInput) => {
    if (raceChanges(draft.problem, next.problem)) {
      const race = raceFor(next.problem);
      setDraft(withRace(next, race));
      setRaceMessage(raceNote(race));
    } else {
      setDraft(next);
    }
  };
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
          <ExperimentForm value={draft} onChange={editExperiment} problems={problems} />
          {raceMessage && (
            <p className="muted race-note" role="status" data-testid="race-note">
              {raceMessage}
            </p>
          )}
          <DraftDataPreview
            draft={{ seed: draft.seed, data: draft.data, problemKind: draft.problem?.kind }}
            applied={{ seed: config.seed, data: config.data, problemKind: config.problem?.kind }}
            points={info?.points}
            window={info?.window}
          />
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
            presets={presets}
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
