import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './eigen';

describe('symmetricEigen', () => {
  it('diagonalises a 2×2 matrix with known eigenpairs', () => {
    // [[2, 1], [1, 2]]: λ = 3 with (1, 1)/√2, λ = 1 with (1, −1)/√2.
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]! * vectors[2]!).toBeCloseTo(0.5, 12);
    expect(vectors[1]! * vectors[3]!).toBeCloseTo(-0.5, 12);
  });

  it('reconstructs a random symmetric matrix: A = V Λ Vᵀ, VᵀV = I', () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        const v = Math.sin(i * 3.1 + j * 1.7) + (i === j ? 2 : 0);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k - 1]!).toBeGreaterThanOrEqual(values[k]!);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let rec = 0;
        let orth = 0;
        for (let k = 0; k < n; k++) {
          rec += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
          orth += vectors[k * n + i]! * vectors[k * n + j]!;
        }
        expect(rec).toBeCloseTo(a[i * n + j]!, 10);
        expect(orth).toBeCloseTo(i === j ? 1 : 0, 10);
      }
  });
});
