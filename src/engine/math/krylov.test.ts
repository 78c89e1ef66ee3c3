import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './eigen';
import { topEigenpairs } from './krylov';
import { Rng } from './random';

/** A dense symmetric matrix as an operator. */
function operator(a: Float64Array, n: number) {
  return (cols: readonly Float64Array[]) =>
    cols.map((x) => {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
        y[i] = s;
      }
      return y;
    });
}

/** B Bᵀ for a random n×r B: PSD of rank ≤ r. */
function randomPsd(n: number, r: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const b = Float64Array.from(rng.normals(n * r));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += b[i * r + k]! * b[j * r + k]!;
      a[i * n + j] = s;
    }
  return a;
}

const trace = (a: Float64Array, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i]!;
  return s;
};

describe('topEigenpairs', () => {
  it.each([
    [50, 50],
    [80, 6],
    [7, 7],
    [3, 1],
  ])('finds the top two eigenpairs of a %i×%i-rank PSD matrix like Jacobi', async (n, r) => {
    const a = randomPsd(n, r, n + r);
    const exact = symmetricEigen(a, n);
    const top = await topEigenpairs({
      dim: n,
      count: 2,
      apply: operator(a, n),
      scale: trace(a, n),
    });
    expect(top.converged).toBe(true);
    for (let k = 0; k < 2; k++) {
      const want = Math.max(exact.values[k]!, 0);
      if (want <= 1e-12 * exact.values[0]!) {
        expect(top.values[k]).toBe(0);
        expect(top.vectors[k]!.every((x) => x === 0)).toBe(true);
        continue;
      }
      expect(top.values[k]!).toBeCloseTo(want, 8);
      let d = 0;
      for (let i = 0; i < n; i++) d += top.vectors[k]![i]! * exact.vectors[i * n + k]!;
      expect(Math.abs(d)).toBeGreaterThan(1 - 1e-9);
    }
  });

  it('returns zeros for the zero operator', async () => {
    const top = await topEigenpairs({
      dim: 5,
      count: 2,
      apply: (cols) => cols.map(() => new Float64Array(5)),
      scale: 1,
    });
    expect(Array.from(top.values)).toEqual([0, 0]);
    expect(top.vectors.every((v) => v.every((x) => x === 0))).toBe(true);
  });

  it('calls onRestart until done and propagates what it throws', async () => {
    const n = 60;
    const a = randomPsd(n, n, 3);
    const seen: boolean[] = [];
    await topEigenpairs({
      dim: n,
      count: 2,
      apply: operator(a, n),
      scale: trace(a, n),
      depth: 2,
      onRestart: (s) => {
        seen.push(s.done);
      },
    });
    expect(seen.at(-1)).toBe(true);
    expect(seen.slice(0, -1).every((d) => !d)).toBe(true);
    await expect(
      topEigenpairs({
        dim: n,
        count: 2,
        apply: operator(a, n),
        scale: trace(a, n),
        onRestart: () => {
          throw new Error('stop');
        },
      }),
    ).rejects.toThrow('stop');
  });

  it('validates its arguments', async () => {
    const apply = (cols: readonly Float64Array[]) => cols.map((c) => Float64Array.from(c));
    await expect(topEigenpairs({ dim: 0, count: 1, apply, scale: 1 })).rejects.toThrow(RangeError);
    await expect(topEigenpairs({ dim: 4, count: 5, apply, scale: 1 })).rejects.toThrow(RangeError);
  });
});
