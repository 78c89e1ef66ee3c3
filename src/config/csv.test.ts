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

  it('reads class labels 0 … C − 1 for a multi-class set', () => {
    expect(parsePointsCsv('x1,x2,label\n0,0,0\n1,0,2\n0,1,1\n', 'classification', 2).y).toEqual([
      0, 2, 1,
    ]);
  });

  it('names the line and what is allowed for every bad row', () => {
    expect(problems('x1,x2,label\n0,0,1\n1,1\n2,abc,0\n3,3,2.5\n', 'classification', 2)).toEqual([
      'line 3: expected 3 numbers (x1, x2, label), found 2',
      'line 4, column 2: "abc" is not a number',
      'line 5: a class label must be a whole number from 0 to 31 (0 and 1 for two classes), got 2.5',
    ]);
    expect(problems('0,0,1\n1,1,32\n', 'classification', 2)).toEqual([
      'line 2: a class label must be a whole number from 0 to 31 (0 and 1 for two classes), got 32',
    ]);
    expect(problems('x,y\n1,2\n', 'regression', 1)).toEqual(['needs at least 2 points, found 1']);
    expect(problems('0,0,1\n1,1,1\n', 'classification', 2)).toEqual([
      'a classification set needs points of both classes (labels 0 and 1)',
    ]);
    expect(problems('', 'regression', null)).toEqual([
      'each row needs at least one input and a target, found 0 column(s)',
    ]);
  });

  it('rejects values that are not finite float32 numbers, naming line and column', () => {
    expect(problems('x,y\n1e39,2\n3,4\n', 'regression', 1)).toEqual([
      'line 2, column 1: 1e39 is outside the float32 range (±3.4e38)',
    ]);
    expect(problems('1,2\n3,-4e38\n5,6', 'regression', 1)).toEqual([
      'line 2, column 2: -4e38 is outside the float32 range (±3.4e38)',
    ]);
    expect(problems('1,2\n3,4\nInfinity,6\n-inf,1\nNaN,2', 'regression', null)).toEqual([
      'line 3, column 1: "Infinity" is not a finite number',
      'line 4, column 1: "-inf" is not a finite number',
      'line 5, column 1: "NaN" is not a finite number',
    ]);
    // The float32 extreme itself is fine.
    expect(parsePointsCsv('3.4028234663852886e38,1\n0,2', 'regression', 1).x).toEqual([
      [3.4028234663852886e38],
      [0],
    ]);
  });

  it('only takes decimal numbers: hex, binary and decimal commas are named', () => {
    expect(problems('1,2\n0x10,3\n', 'regression', 1)).toEqual([
      'line 2, column 1: "0x10" is not a number',
    ]);
    expect(problems('x;y\n1,5;2\n3,5;4\n', 'regression', 1)).toEqual([
      'line 2, column 1: "1,5" is not a number (use "." as the decimal point)',
      'line 3, column 1: "3,5" is not a number (use "." as the decimal point)',
    ]);
  });

  it('accepts semicolons and tabs as delimiters, whatever the header', () => {
    const expected = { x: [[1], [3]], y: [2, 4] };
    for (const text of [
      'x;y\n1;2\n3;4',
      '"x";"y"\n1;2\n3;4\n',
      'x\ty\n1\t2\n3\t4',
      'a b;c\n1;2\n3;4',
      'x,y;z\n1;2\n3;4',
      '1;2;\n3;4;'.replace(/;\n/, '\n').replace(/;$/, ''),
    ]) {
      expect(parsePointsCsv(text, 'regression', 1)).toEqual(expected);
    }
    expect(parsePointsCsv('x1\tx2\tlabel\n0\t0\t0\n1\t1\t1\n', 'classification', 2)).toEqual({
      x: [
        [0, 0],
        [1, 1],
      ],
      y: [0, 1],
    });
  });

  it('names an unusable delimiter instead of miscounting the points', () => {
    expect(problems('1 2\n3 4\n5 6', 'regression', 1)).toEqual([
      'values are separated by spaces: use commas, semicolons or tabs',
    ]);
    expect(problems('x|y\n1|2\n3|4', 'regression', null)).toEqual([
      "values are separated by '|': use commas, semicolons or tabs",
    ]);
  });

  it('keeps messages short for huge cells', () => {
    const [line] = problems(`1,2\n${'9'.repeat(5000)}x,1\n`, 'regression', 1);
    expect(line!.length).toBeLessThan(100);
    expect(line).toMatch(/^line 2, column 1: "9+…" is not a number$/);
  });

  it('reports papaparse’s own errors (an unclosed quote) with their line', () => {
    const p = problems('1,2\n"3,4\n5,6', 'regression', 1);
    expect(p.some((line) => /^line \d+: .*quote/i.test(line))).toBe(true);
  });
});
