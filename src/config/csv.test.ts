import { describe, expect, it } from 'vitest';
import { CsvError, parsePointsCsv } from './csv';

function problems(
  text: string,
  task: 'classification' | 'regression',
  d: number | null,
): readonly string[] {
  try {
    parsePointsCsv(text, task, d);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return (e as CsvError).problems;
  }
  throw new Error('expected the CSV to be rejected');
}

describe('parsePointsCsv', () => {
  it('reads 2-D labelled points, with or without a header, any line ending', () => {
    expect(parsePointsCsv('x1,x2,label\n0.5,-1,1\r\n-0.25,2e-1,0\n', 'classification', 2)).toEqual({
      x: [
        [0.5, -1],
        [-0.25, 0.2],
      ],
      y: [1, 0],
    });
    expect(parsePointsCsv('1; 2\n3; 4\n5; 6', 'regression', 1)).toEqual({
      x: [[1], [3], [5]],
      y: [2, 4, 6],
    });
  });

  it('names the line and what is allowed for every bad row', () => {
    expect(problems('x1,x2,label\n0,0,1\n1,1\n2,abc,0\n3,3,2\n', 'classification', 2)).toEqual([
      'line 3: expected 3 numbers (x1, x2, label), found 2',
      'line 4, column 2: "abc" is not a number',
      'line 5: a class label must be 0 or 1, got 2',
    ]);
    expect(problems('x,y\n1,2\n', 'regression', 1)).toEqual(['needs at least 2 points, found 1']);
    expect(problems('0,0,1\n1,1,1\n', 'classification', 2)).toEqual([
      'a classification set needs points of both classes (labels 0 and 1)',
    ]);
    expect(problems('', 'regression', null)).toEqual([
      'each row needs at least one input and a target, found 0 column(s)',
    ]);
  });

  it('reports papaparse’s own errors (an unclosed quote) with their line', () => {
    const p = problems('1,2\n"3,4\n5,6', 'regression', 1);
    expect(p.some((line) => /^line \d+: .*quote/i.test(line))).toBe(true);
  });
});
