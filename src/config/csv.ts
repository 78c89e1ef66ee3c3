/**
 * User points from CSV text: one point per row, the input coordinates first and the target last
 * (`x1,x2,label` for 2-D classification, `x,y` for 1-D regression). A first row with non-numeric
 * cells is taken as a header. Parsing (quotes, delimiters, line endings) is papaparse's; what the
 * rows must contain is checked here, with messages that name the line and what is allowed.
 */
import Papa from 'papaparse';

export class CsvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The CSV cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CsvError';
  }
}

export interface CsvPoints {
  /** Inputs, one row per point [m][d]. */
  x: number[][];
  /** Targets [m]: labels 0/1 for classification, real values for regression. */
  y: number[];
}

const MAX_PROBLEMS = 8;

/**
 * @param expectedInputs the input dimension the problem needs (2 for the 2-D classifiers, 1 for
 *   1-D regression), or null to accept any consistent width
 */
export function parsePointsCsv(
  text: string,
  task: 'classification' | 'regression',
  expectedInputs: number | null,
): CsvPoints {
  const parsed = Papa.parse<string[]>(text.trim(), {
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
  });
  const problems: string[] = [];
  // An undetectable delimiter (one column, or empty text) falls back to ',': the row checks
  // below say what is wrong in words the user can act on.
  for (const e of parsed.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .slice(0, MAX_PROBLEMS)) {
    problems.push(`line ${(e.row ?? 0) + 1}: ${e.message}`);
  }
  let rows = parsed.data.map((r) => r.map((c) => c.trim()));
  let firstLine = 1;
  const isNumber = (c: string) => c !== '' && Number.isFinite(Number(c));
  if (rows.length > 0 && !rows[0]!.every(isNumber)) {
    rows = rows.slice(1);
    firstLine = 2;
  }
  const width = expectedInputs !== null ? expectedInputs + 1 : (rows[0]?.length ?? 0);
  const what =
    expectedInputs === 2
      ? 'x1, x2, label'
      : expectedInputs === 1
        ? 'x, y'
        : `${width - 1} inputs and a target`;
  if (width < 2)
    problems.push(`each row needs at least one input and a target, found ${width} column(s)`);
  const x: number[][] = [];
  const y: number[] = [];
  rows.forEach((row, i) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const line = i + firstLine;
    if (row.length !== width) {
      problems.push(`line ${line}: expected ${width} numbers (${what}), found ${row.length}`);
      return;
    }
    const bad = row.findIndex((c) => !isNumber(c));
    if (bad >= 0) {
      problems.push(`line ${line}, column ${bad + 1}: "${row[bad]}" is not a number`);
      return;
    }
    const values = row.map(Number);
    const target = values[width - 1]!;
    if (task === 'classification' && target !== 0 && target !== 1) {
      problems.push(`line ${line}: a class label must be 0 or 1, got ${row[width - 1]}`);
      return;
    }
    x.push(values.slice(0, width - 1));
    y.push(target);
  });
  if (problems.length === 0 && x.length < 2)
    problems.push(`needs at least 2 points, found ${x.length}`);
  if (problems.length === 0 && task === 'classification' && new Set(y).size < 2) {
    problems.push('a classification set needs points of both classes (labels 0 and 1)');
  }
  if (problems.length) throw new CsvError(problems);
  return { x, y };
}
