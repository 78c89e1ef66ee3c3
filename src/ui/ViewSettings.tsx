/**
 * How the landscape is sliced: the plane's directions (filter-normalised random, PCA of the
 * trajectories, through three run points, or a surface's own axes), the grid resolution and range,
 * and a button that recomputes it (e.g. PCA on demand). Controlled: props in, `onChange` out.
 * "Plane from file…" opens a plane JSON (the explorer's plane export, or a bare {d1, d2, centre})
 * checked against the model (`model`: P and layout) and shows the landscape on its numbers.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { isExplicit } from '../config/directions-schema';
import type { ViewSpec } from '../config/view';
import { planeFileName, readPlaneFile, type PlaneModel } from '../export/plane-file';
import { useHidden } from './useHidden';

export interface ViewSettingsProps {
  view: ViewSpec;
  /** Analytic surfaces have exact axes: the direction choice is fixed. */
  surface: boolean;
  /** The tanh model: its exact (w, shift) landscape is offered as well. */
  tanh?: boolean;
  onChange(view: ViewSpec): void;
  onRecompute(): void;
  /** Landscape job progress, or null. */
  progress: { done: number; total: number } | null;
  /** Why the last change of view could not be shown (the controls show the view on screen). */
  error?: string | null;
  /** Explained variance of the PCA axes on screen. */
  explained: [number, number] | null;
  /** Run names, for choosing the three points of a 'points' plane. */
  runNames: readonly string[];
  /** The model a plane file must fit (P, layout); without it no plane file is offered. */
  model?: PlaneModel | null;
}

type RunPoint = { run: number; at: 'initial' | 'final' };

/** The default three points: run 1's start and end, and run 2's end (or run 1's start again). */
export function defaultThrough(runs: number): [RunPoint, RunPoint, RunPoint] {
  return [
    { run: 0, at: 'initial' },
    { run: 0, at: 'final' },
    { run: runs > 1 ? 1 : 0, at: 'final' },
  ];
}

const DIRECTIONS: {
  value: Extract<ViewSpec['directions'], string>;
  label: string;
  title: string;
}[] = [
  {
    value: 'pca',
    label: 'PCA of paths',
    title: 'Top two principal directions of all recorded points (random until the runs have moved)',
  },
  {
    value: 'random',
    label: 'Random',
    title: 'Two Gaussian directions, normalised per unit to θ (Li et al. 2018)',
  },
  {
    value: 'points',
    label: 'Through points',
    title: 'The plane through run 1’s start and end and run 2’s end',
  },
  {
    value: 'hessian',
    label: 'Hessian eigenvectors',
    title:
      'The top two Hessian eigenvectors at run 1’s newest point (unit length): the sharpest directions, curving as λ₁ and λ₂',
  },
];

/** The tanh model's exact landscape (offered only for it). */
const VARPRO = {
  value: 'varpro',
  label: 'Exact (w, shift)',
  title:
    'The tanh model seen exactly: the loss over the slope w and a shared shift of the centres, with the output weights α solved by least squares (variable projection); no plane, no sampling',
} as const;

/** The picker's entries for a plane of numbers: the one in use, and opening a file. */
const EXPLICIT = 'explicit';
const FROM_FILE = 'file';
/** The words for a plane of numbers that came with no file name (from a link or a document). */
const GIVEN_PLANE = 'Plane given as numbers';

const RESOLUTIONS = [21, 31, 41, 51, 81, 101];

/** A range [min, max] in few digits (the exact numbers are in the file). */
const rangeText = (r: readonly [number, number]) =>
  `[${Number(r[0].toPrecision(4))}, ${Number(r[1].toPrecision(4))}]`;

export function ViewSettings({
  view,
  surface,
  tanh = false,
  onChange,
  onRecompute,
  progress,
  error = null,
  explained,
  runNames,
  model = null,
}: ViewSettingsProps) {
  const explicit = isExplicit(view.directions) ? view.directions : null;
  const fileInput = useRef<HTMLInputElement>(null);
  // The name of the plane file in use, opened here or dropped on the explorer (a plane from a link
  // or a document has none).
  const planeName = explicit ? planeFileName(explicit) : null;
  const [planeError, setPlaneError] = useState<string | null>(null);
  const onPlaneFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || !model) return;
    try {
      const opened = await readPlaneFile(file, model);
      setPlaneError(null);
      onChange({ ...view, directions: opened.directions, n: opened.n ?? view.n });
    } catch (error) {
      // The landscape on screen stays.
      setPlaneError(`Cannot use ${file.name} as the plane: ${(error as Error).message}`);
    }
  };
  const through = view.through ?? defaultThrough(runNames.length);
  const pointOptions = runNames.flatMap((name, run) =>
    (['initial', 'final'] as const).map((at) => ({
      value: `${run}:${at}`,
      label: `${name} ${at === 'initial' ? 'start' : 'end'}`,
    })),
  );
  const [rangeInput, setRangeInput] = useState(view.range === 'fit' ? '' : String(view.range[1]));
  const [rangeError, setRangeError] = useState<string | null>(null);
  // A classroom link may hide any of the view's fields.
  const hideDirections = useHidden('view.directions');
  const hideThrough = useHidden('view.through');
  const hideN = useHidden('view.n');
  const hideRange = useHidden('view.range');
  const hideOrthogonalize = useHidden('view.orthogonalize');
  const commitRange = () => {
    // A plane file's own ranges give way to the range typed here.
    const directions = explicit
      ? { ...explicit, aRange: undefined, bRange: undefined }
      : view.directions;
    if (rangeInput.trim() === '') {
      setRangeError(null);
      onChange({ ...view, directions, range: 'fit' });
      return;
    }
    const r = Number(rangeInput);
    if (!(r > 0) || !Number.isFinite(r)) {
      setRangeError('range: a number > 0 (the grid spans ±range), or empty to fit the paths');
      return;
    }
    setRangeError(null);
    onChange({ ...view, directions, range: [-r, r] });
  };
  return (
    <div className="view-settings" data-testid="view-settings">
      {!hideDirections && (
        <label className="control">
          <span>Plane</span>
          <select
            data-testid="directions"
            value={surface ? 'axes' : explicit ? EXPLICIT : (view.directions as string)}
            disabled={surface}
            onChange={(e) => {
              const value = e.target.value;
              if (value === FROM_FILE) fileInput.current?.click();
              else if (value !== EXPLICIT) {
                setPlaneError(null);
                onChange({ ...view, directions: value as Extract<ViewSpec['directions'], string> });
              }
            }}
          >
            {surface ? <option value="axes">the surface’s x, y axes (exact)</option> : null}
            {DIRECTIONS.map((d) => (
              <option key={d.value} value={d.value} title={d.title}>
                {d.label}
              </option>
            ))}
            {tanh && !surface ? (
              <option value={VARPRO.value} title={VARPRO.title}>
                {VARPRO.label}
              </option>
            ) : null}
            {explicit ? (
              <option value={EXPLICIT} title="θ(a, b) = centre + a·d₁ + b·d₂, the numbers as given">
                {planeName ? `Plane from file: ${planeName}` : GIVEN_PLANE}
              </option>
            ) : null}
            {model && !surface ? (
              <option
                value={FROM_FILE}
                title="A plane JSON (the explorer's plane export, or {d1, d2, centre}) with P numbers per vector"
              >
                Plane from file…
              </option>
            ) : null}
          </select>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            data-testid="plane-file"
            hidden
            onChange={(e) => void onPlaneFile(e)}
          />
        </label>
      )}
      {explicit && !surface && (
        <span className="muted" data-testid="plane-source">
          {planeName ? `Plane from ${planeName}` : GIVEN_PLANE}: P = {explicit.d1.length},{' '}
          {explicit.centre ? 'its own centre' : 'centred at run 1’s newest point'}
          {explicit.aRange && explicit.bRange
            ? `, a ∈ ${rangeText(explicit.aRange)}, b ∈ ${rangeText(explicit.bRange)} (the file’s ranges)`
            : ''}{' '}
          <button
            type="button"
            className="link-button"
            data-testid="plane-back"
            onClick={() => {
              setPlaneError(null);
              onChange({ ...view, directions: 'pca' });
            }}
          >
            Back to PCA
          </button>
        </span>
      )}
      {!surface &&
        !hideThrough &&
        view.directions === 'points' &&
        (['A', 'B', 'C'] as const).map((label, i) => (
          <label className="control" key={label}>
            <span>{label}</span>
            <select
              data-testid={`through-${label}`}
              value={`${through[i]!.run}:${through[i]!.at}`}
              onChange={(e) => {
                const [run, at] = e.target.value.split(':') as [string, RunPoint['at']];
                const next = [...through] as [RunPoint, RunPoint, RunPoint];
                next[i] = { run: Number(run), at };
                onChange({ ...view, through: next });
              }}
            >
              {pointOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      {!hideN && (
        <label className="control">
          <span>Grid</span>
          <select
            data-testid="resolution"
            value={view.n}
            onChange={(e) => onChange({ ...view, n: Number(e.target.value) })}
          >
            {(RESOLUTIONS.includes(view.n)
              ? RESOLUTIONS
              : [...RESOLUTIONS, view.n].sort((x, y) => x - y)
            ).map((n) => (
              <option key={n} value={n}>
                {n} × {n}
              </option>
            ))}
          </select>
        </label>
      )}
      {!hideRange && (
        <label className="control">
          <span>Range ±</span>
          <input
            data-testid="range"
            inputMode="decimal"
            placeholder="fit paths"
            size={7}
            value={rangeInput}
            onChange={(e) => setRangeInput(e.target.value)}
            onBlur={commitRange}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitRange();
            }}
          />
        </label>
      )}
      {!surface && !hideOrthogonalize && view.directions !== 'varpro' && !explicit && (
        <label className="control checkbox">
          <input
            type="checkbox"
            checked={view.orthogonalize}
            onChange={(e) => onChange({ ...view, orthogonalize: e.target.checked })}
          />
          <span>orthogonalise</span>
        </label>
      )}
      <button
        type="button"
        className="button"
        data-testid="recompute"
        onClick={onRecompute}
        disabled={progress !== null}
      >
        {view.directions === 'pca' && !surface ? 'Recompute PCA' : 'Recompute'}
      </button>
      {explained && (
        <span className="muted" data-testid="explained">
          PC1 {(100 * explained[0]).toFixed(1)} %, PC2 {(100 * explained[1]).toFixed(1)} % of the
          variance
        </span>
      )}
      {progress && (
        <span
          className="landscape-progress"
          role="progressbar"
          aria-valuenow={progress.done}
          aria-valuemax={progress.total}
        >
          computing landscape {Math.round((100 * progress.done) / progress.total)} %
        </span>
      )}
      {planeError && (
        <span className="field-error" role="alert" data-testid="plane-error">
          {planeError}
        </span>
      )}
      {rangeError && (
        <span className="field-error" role="alert">
          {rangeError}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid="view-error">
          {error}
        </span>
      )}
    </div>
  );
}
