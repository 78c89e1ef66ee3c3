import { describe, expect, it } from 'vitest';
import { encodePlane, planeJson } from './plane';
import { parsePlaneText, planeFileName, PlaneFileError } from './plane-file';

const MODEL = { parameters: 3, layout: 'W0[2,1] b0[1] (P = 3)' };

/** A plane file as the app exports it (P = 3). */
function exported(): string {
  return planeJson(
    encodePlane({
      problem: { name: 'mlp', parameters: 3, layout: [] },
      directions: 'pca',
      axisLabels: ['PC1', 'PC2'],
      explained: [0.9, 0.1],
      plane: {
        centre: Float32Array.of(0.5, -1, 2),
        d1: Float32Array.of(1, 0, 0.1),
        d2: Float32Array.of(0, 1, 0.2),
      },
      a: Float32Array.of(-0.3, 0, 0.3),
      b: Float32Array.of(-2, 0, 2),
      ranges: { aRange: [-0.3, 0.3], bRange: [-2, 2] },
      metrics: ['trainLoss'],
    }),
  );
}

const problemsOf = (text: string, model = MODEL): string[] => {
  try {
    parsePlaneText(text, model);
  } catch (error) {
    expect(error).toBeInstanceOf(PlaneFileError);
    return (error as PlaneFileError).problems;
  }
  throw new Error('expected the plane to be refused');
};

describe('parsePlaneText', () => {
  it('reads the exported file: the numbers, the exact ranges and the grid size', () => {
    const opened = parsePlaneText(exported(), MODEL);
    expect(opened.directions).toEqual({
      kind: 'explicit',
      centre: [0.5, -1, 2],
      d1: [1, 0, Math.fround(0.1)],
      d2: [0, 1, Math.fround(0.2)],
      aRange: [-0.3, 0.3],
      bRange: [-2, 2],
    });
    // n = 3 is below the view's 5 … 201: the view keeps its own.
    expect(opened.n).toBeNull();
  });

  it('remembers the file each plane came from, and no file for a plane of the same numbers', () => {
    const text = '{"d1": [1, 2, 3], "d2": [0, 1, 0]}';
    const a = parsePlaneText(text, MODEL, 'a.json').directions;
    const b = parsePlaneText(text, MODEL, 'b.json').directions;
    expect([planeFileName(a), planeFileName(b)]).toEqual(['a.json', 'b.json']);
    expect(planeFileName(parsePlaneText(text, MODEL).directions)).toBeNull();
    expect(planeFileName({ ...a })).toBeNull();
  });

  it('reads a bare {d1, d2, centre} object and an experiment.landscape block', () => {
    expect(parsePlaneText('{"d1": [1, 2, 3], "d2": [0, 1, 0]}', MODEL)).toEqual({
      directions: { kind: 'explicit', d1: [1, 2, 3], d2: [0, 1, 0] },
      n: null,
    });
    const block = {
      landscape: { directions: { kind: 'explicit', d1: [1, 0, 0], d2: [0, 0, 1] }, n: 41 },
    };
    expect(parsePlaneText(JSON.stringify(block), MODEL).n).toBe(41);
  });

  it('names the wrong P with the expected P and the layout', () => {
    const big = { parameters: 4, layout: 'W0[3,1] b0[1] (P = 4)' };
    expect(problemsOf(exported(), big)).toEqual([
      'd1: must have P = 4 numbers for this model, W0[3,1] b0[1] (P = 4); got 3',
      'd2: must have P = 4 numbers for this model, W0[3,1] b0[1] (P = 4); got 3',
      'centre: must have P = 4 numbers for this model, W0[3,1] b0[1] (P = 4); got 3',
    ]);
  });

  it('names non-finite and non-numeric entries, a missing d2, zeros and bad ranges', () => {
    // 1e999 reads as Infinity.
    expect(problemsOf('{"d1": [1, 1e999, 0], "d2": [0, "x", 1]}')).toEqual([
      'd1[1]: must be a finite number',
      'd2[1]: must be a number',
    ]);
    expect(problemsOf('{"d1": [1, 2, 3]}')).toEqual([
      'd2: is missing; a plane needs d1 and d2 (and may give centre), each a list of P = 3 numbers for this model, W0[2,1] b0[1] (P = 3)',
    ]);
    expect(problemsOf('{"d1": [0, 0, 0], "d2": [0, 1, 0]}')).toEqual([
      'd1: is all zeros, so it spans no plane',
    ]);
    expect(problemsOf('{"d1": [1, 0, 0], "d2": [0, 1, 0], "aRange": [1, -1]}')).toEqual([
      'aRange: must be [min, max] with finite min < max',
    ]);
    expect(problemsOf('{"d1": [1, 0, 0], "d2": [0, 1, 0], "d3": []}')).toEqual([
      'unknown key d3 (a plane has d1, d2, centre, aRange, bRange)',
    ]);
  });

  it('refuses what is not a plane', () => {
    expect(problemsOf('not json')[0]).toMatch(/^is not JSON \(/);
    expect(problemsOf('[1, 2]')[0]).toMatch(/^is not a plane: expected a JSON object/);
    expect(problemsOf('{"format": "loss-landscape-explorer result 1"}')).toEqual([
      'format: is "loss-landscape-explorer result 1", expected "loss-landscape-explorer plane 1" (or a bare {"d1", "d2", "centre"} object)',
    ]);
  });
});
