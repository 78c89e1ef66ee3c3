/**
 * Loads user points from a CSV file (or pasted text): the inputs first, the target last. Parsed
 * and checked by `parsePointsCsv`; a bad file shows its problems line by line and changes nothing.
 */
import { useId, useState } from 'react';
import { CsvError, parsePointsCsv, type CsvPoints } from '../../config/csv';

export interface CsvLoaderProps {
  task: 'classification' | 'regression';
  /** Input dimension the problem needs (2 for the classifiers' plots, 1 for 1-D regression), or null. */
  inputs: number | null;
  /** Points already loaded (shown as a count). */
  loaded: number;
  onLoad(points: CsvPoints): void;
}

export function CsvLoader({ task, inputs, loaded, onLoad }: CsvLoaderProps) {
  const id = useId();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [text, setText] = useState('');
  const layout =
    inputs === 2 ? 'x1,x2,label (class 0, 1, 2, …)' : inputs === 1 ? 'x,y' : 'inputs…,target';
  const load = (csv: string) => {
    try {
      const points = parsePointsCsv(csv, task, inputs);
      setProblems([]);
      onLoad(points);
    } catch (error) {
      setProblems(error instanceof CsvError ? error.problems : [(error as Error).message]);
    }
  };
  return (
    <div className="csv-loader">
      <p className="panel-note">
        One point per row: <code>{layout}</code>; a header row is optional.{' '}
        {loaded > 0 ? `${loaded} points loaded.` : ''}
      </p>
      <label htmlFor={`${id}-file`} className="panel-button small">
        Load a CSV file…
      </label>
      <input
        id={`${id}-file`}
        data-testid="csv-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then(load);
          e.target.value = '';
        }}
      />
      <label htmlFor={`${id}-text`} className="csv-paste-label">
        or paste it here
      </label>
      <textarea
        id={`${id}-text`}
        data-testid="csv-text"
        rows={4}
        value={text}
        placeholder={inputs === 2 ? '0.5,-0.2,1\n-0.3,0.8,0' : '-1.5,0.2\n0.4,-0.7'}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        className="panel-button small"
        onClick={() => load(text)}
        disabled={text.trim() === ''}
      >
        Use pasted points
      </button>
      {problems.length > 0 && (
        <ul className="panel-problems" role="alert" data-testid="csv-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
