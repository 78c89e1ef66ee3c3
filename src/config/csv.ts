/**
 * User points from CSV text: one point per row, the input coordinates first and the target last
 * (`x1,x2,label` for 2-D classification with labels 0 … 31, `x,y` for 1-D regression). A first row with non-numeric
 * cells is taken as a header. Values may be separated by commas, semicolons or tabs (the one that
 * makes the rows numeric is chosen); other separators are named in the message. Parsing (quotes,
 * line endings) is papaparse's; what the rows must contain is checked here, with messages that
 * name the line and what is allowed. Every value must be a decimal number within the float32
 * range (it becomes float32 data).
 */
import Papa from 'papaparse';
import { FLOAT32_MAX, MAX_CLASSES } from './schema';
import { shortText } from './text';

export class CsvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The CSV cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CsvError';
  }
}

export interface CsvPoints {
  /** Inputs, one row per point [m][d]. */
  x: number[][];
  /** Targets [m]: class labels 0 … 31 for classification (0/1: binary), real values for regression. */
  y: number[];
}

const MAX_PROBLEMS = 8;
/** The delimiters accepted; the one that makes the most rows numeric is used. */
const DELIMITERS = [',', ';', '\t'] as const;
/** A decimal number as the CSV may write it (no hex, binary, separators or decimal commas). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
/** A cell shown in a message is cut to this many characters. */
const MAX_CELL_CHARS = 24;

const isNumberLike = (c: string) => NUMBER.test(c) || NON_FINITE.test(c);
const cell = (c: string) => `"${shortText(c, MAX_CELL_CHARS)}"`;

function parseRows(text: string, delimiter: string): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', dynamicTyping: false });
}

/**
 * The delimiter under which the most rows are two or more numbers (numbers with a decimal comma
 * count, so that such a file gets a message about them), judged on the first rows; ties go to
 * comma, then semicolon, then tab.
 */
function chooseDelimiter(text: string): string {
  const sample = text.split(/\r\n|\r|\n/, 200).join('\n');
  let best: string = DELIMITERS[0];
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const rows = parseRows(sample, d).data;
    const score = rows.filter(
      (r) =>
        r.length >= 2 && r.every((c) => isNumberLike(c.trim()) || DECIMAL_COMMA.test(c.trim())),
    ).length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** When every row is one cell: the separator the numbers seem to use instead, for the message. */
function foreignSeparator(rows: string[][]): string | null {
  for (const row of rows) {
    const text = row[0]?.trim() ?? '';
    if (/^\S+(?:\s+\S+)+$/.test(text) && text.split(/\s+/).every(isNumberLike)) return 'spaces';
    const other = /[^0-9a-z.+\-\s]/i.exec(text)?.[0];
    if (
      other &&
      text.split(other).length >= 2 &&
      text.split(other).every((c) => isNumberLike(c.trim()))
    )
      return `'${shortText(other, 4)}'`;
  }
  return null;
}

/**
 * @param expectedInputs the input dimension the problem needs (2 for the 2-D classifiers, 1 for
 *   1-D regression), or null to accept any consistent width
 */
export function parsePointsCsv(
  text: string,
  task: 'classification' | 'regression',
  expectedInputs: number | null,
): CsvPoints {
  const trimmed = text.trim();
  const parsed = parseRows(trimmed, chooseDelimiter(trimmed));
  const problems: string[] = [];
  for (const e of parsed.errors.slice(0, MAX_PROBLEMS)) {
    problems.push(`line ${(e.row ?? 0) + 1}: ${e.message}`);
  }
  let rows = parsed.data.map((r) => r.map((c) => c.trim()));
  let firstLine = 1;
  if (rows.length > 0 && !rows[0]!.every(isNumberLike)) {
    rows = rows.slice(1);
    firstLine = 2;
  }
  if (rows.length > 0 && rows.every((r) => r.length === 1)) {
    const separator = foreignSeparator(rows);
    if (separator) {
      throw new CsvError([`values are separated by ${separator}: use commas, semicolons or tabs`]);
    }
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
  /** The problem with one cell, or null when it is a usable number. */
  const checkCell = (c: string): string | null => {
    if (NON_FINITE.test(c)) return `${cell(c)} is not a finite number`;
    if (!NUMBER.test(c)) {
      const hint = DECIMAL_COMMA.test(c) ? ' (use "." as the decimal point)' : '';
      return `${cell(c)} is not a number${hint}`;
    }
    if (Math.abs(Number(c)) > FLOAT32_MAX)
      return `${shortText(c, MAX_CELL_CHARS)} is outside the float32 range (±3.4e38)`;
    return null;
  };
  rows.forEach((row, i) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const line = i + firstLine;
    if (row.length !== width) {
      problems.push(`line ${line}: expected ${width} numbers (${what}), found ${row.length}`);
      return;
    }
    for (let column = 0; column < width; column++) {
      const problem = checkCell(row[column]!);
      if (problem) {
        problems.push(`line ${line}, column ${column + 1}: ${problem}`);
        return;
      }
    }
    const values = row.map(Number);
    const target = values[width - 1]!;
    if (
      task === 'classification' &&
      !(Number.isInteger(target) && target >= 0 && target < MAX_CLASSES)
    ) {
      problems.push(
        `line ${line}: a class label must be a whole number from 0 to ${MAX_CLASSES - 1} (0 and 1 for two classes), got ${shortText(row[width - 1]!, MAX_CELL_CHARS)}`,
      );
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
