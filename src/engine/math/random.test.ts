import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from './random';

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('has uniform and normal moments within sampling error', () => {
    const rng = new Rng(7);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += rng.uniform();
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    // Standard errors: uniform mean 0.29/√n ≈ 6.5e-4, normal mean 1/√n ≈ 2.2e-3, variance √2/√n ≈ 3.2e-3.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(4 * 6.5e-4);
    expect(Math.abs(sn / n)).toBeLessThan(4 * 2.2e-3);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(4 * 3.2e-3);
  });

  it('draws permutations and unbiased integers', () => {
    const rng = new Rng(3);
    const p = rng.permutation(100);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const counts = new Array(3).fill(0);
    for (let i = 0; i < 30_000; i++) counts[rng.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => rng.int(0)).toThrow(/n must be/);
  });

  it('derives independent seeds from labels', () => {
    expect(deriveSeed(1, 'data')).toBe(deriveSeed(1, 'data'));
    expect(deriveSeed(1, 'data')).not.toBe(deriveSeed(1, 'init'));
    expect(deriveSeed(1, 'batches', 0)).not.toBe(deriveSeed(1, 'batches', 1));
    expect(deriveSeed(1, 'data')).not.toBe(deriveSeed(2, 'data'));
  });
});
