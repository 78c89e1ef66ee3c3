import { describe, expect, it } from 'vitest';
import { Rng } from '../math/random';
import { exactTrajectoryPca, trajectoryPca, type PcaResult } from './pca';

const dot = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
};
const norm = (x: ArrayLike<number>) => Math.sqrt(dot(x, x));
/** |cos∠(x, y)| in float64 (float32 storage perturbs the norms by ~1e-8, not the angle). */
const alignment = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  Math.abs(dot(x, y)) / (norm(x) * norm(y));

/** n points θ_ref + Σ_k c_k(t)·u_k + noise, with `scales[k]` the size of component k. */
function planted(n: number, p: number, seed: number, scales: number[], noise: number) {
  const r = new Rng(seed);
  const dirs = scales.map(() => r.normals(p));
  const reference = r.normals(p);
  const points = new Float32Array(n * p);
  for (let t = 0; t < n; t++) {
    const row = new Float64Array(p);
    for (let j = 0; j < p; j++) row[j] = reference[j]! + noise * r.normal();
    scales.forEach((s, k) => {
      const c = s * r.normal();
      for (let j = 0; j < p; j++) row[j] = row[j]! + c * dirs[k]![j]!;
    });
    points.set(row, t * p);
  }
  return { points, reference, dirs };
}

function expectAgreement(fast: PcaResult, exact: PcaResult) {
  for (const [d, e] of [
    [fast.d1, exact.d1],
    [fast.d2, exact.d2],
  ] as const) {
    if (norm(e) === 0)
      expect(norm(d)).toBe(0); // beyond the rank (e.g. n = 2)
    else expect(alignment(d, e)).toBeGreaterThanOrEqual(1 - 1e-9);
  }
  expect(Math.abs(fast.explained[0] - exact.explained[0])).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(fast.explained[1] - exact.explained[1])).toBeLessThanOrEqual(1e-9);
  expect(fast.total).toBeCloseTo(exact.total, 9);
}

function expectOrthonormal(r: PcaResult) {
  expect(norm(r.d1)).toBeCloseTo(1, 6);
  expect(norm(r.d2)).toBeCloseTo(1, 6);
  expect(Math.abs(dot(r.d1, r.d2))).toBeLessThan(1e-6);
}

/** The sign convention: the entry of largest magnitude (the first such) is positive. */
function expectSignConvention(d: Float32Array) {
  let big = 0;
  for (let j = 0; j < d.length; j++) if (Math.abs(d[j]!) > Math.abs(d[big]!)) big = j;
  expect(d[big]!).toBeGreaterThan(0);
}

describe('trajectoryPca (block Krylov) against the exact Gram + Jacobi path', () => {
  const cases: [n: number, p: number, kind: 'gaussian' | 'planted'][] = [
    [2, 5, 'gaussian'],
    [3, 2, 'gaussian'],
    [5, 1, 'gaussian'],
    [12, 9, 'gaussian'],
    [30, 45, 'gaussian'],
    [45, 30, 'gaussian'],
    [64, 64, 'gaussian'],
    [80, 120, 'planted'],
    [120, 80, 'planted'],
    [150, 40, 'gaussian'],
  ];
  it.each(cases)('agrees for n = %i, P = %i (%s)', async (n, p, kind) => {
    const seed = 1000 + 7 * n + p;
    const { points, reference } =
      kind === 'gaussian'
        ? { points: new Rng(seed).normals(n * p), reference: new Rng(seed + 1).normals(p) }
        : planted(n, p, seed, [3, 2, 1, 0.5, 0.25], 0.05);
    const fast = await trajectoryPca(points, n, reference);
    const exact = exactTrajectoryPca(points, n, reference);
    if (p === 1) {
      // One parameter: a single direction, ±1, explaining everything.
      expect(Array.from(fast.d1)).toEqual([1]);
      expect(Array.from(fast.d2)).toEqual([0]);
      expect(fast.explained[0]).toBeCloseTo(1, 12);
      expect(fast.explained[1]).toBe(0);
      expect(exact.explained).toEqual(fast.explained);
      return;
    }
    expectAgreement(fast, exact);
    if (n === 2) {
      // Two points: the centred rows are ±(θ₁ − θ₀)/2, rank 1.
      expect(fast.explained[0]).toBeCloseTo(1, 12);
      expect(fast.explained[1]).toBe(0);
      return;
    }
    expectOrthonormal(fast);
    expectSignConvention(fast.d1);
    expectSignConvention(fast.d2);
    // Same sign convention on both paths, so the directions match, not only up to sign.
    expect(dot(fast.d1, exact.d1)).toBeGreaterThan(0.99);
    expect(dot(fast.d2, exact.d2)).toBeGreaterThan(0.99);
    expect(fast.sigmaSquared[0] / fast.total).toBeCloseTo(fast.explained[0], 12);
    expect(fast.explained[0]).toBeGreaterThanOrEqual(fast.explained[1]);
  });

  it('is deterministic', async () => {
    const points = new Rng(4).normals(60 * 70);
    const reference = new Float32Array(70);
    const a = await trajectoryPca(points, 60, reference);
    const b = await trajectoryPca(points, 60, reference);
    expect(Array.from(a.d1)).toEqual(Array.from(b.d1));
    expect(Array.from(a.d2)).toEqual(Array.from(b.d2));
    expect(a.explained).toEqual(b.explained);
  });
});

describe('trajectoryPca: closed forms and degenerate cases', () => {
  // u = (1, 1, 1, 1, 0, 0)/2 and v = (1, −1, 1, −1, 0, 0)/2 are orthonormal; with zero-mean,
  // uncorrelated coefficients a, b every value below is exact in float32.
  const u = [0.5, 0.5, 0.5, 0.5, 0, 0];
  const v = [0.5, -0.5, 0.5, -0.5, 0, 0];
  const reference = Float32Array.from([0.25, -1, 3, 0.5, 2, -0.75]);
  const onPlane = (a: number[], b: number[]) => {
    const p = reference.length;
    const points = new Float32Array(a.length * p);
    a.forEach((_, t) => {
      for (let j = 0; j < p; j++)
        points[t * p + j] = reference[j]! + 0.125 + a[t]! * u[j]! + b[t]! * v[j]!;
    });
    return points;
  };

  it('recovers planted directions with chosen variances: explained = [v₁, v₂]/(v₁ + v₂)', async () => {
    // Σa² = 16, Σb² = 4, Σab = 0, Σa = Σb = 0.
    const points = onPlane([2, -2, 2, -2], [1, 1, -1, -1]);
    for (const r of [
      await trajectoryPca(points, 4, reference),
      exactTrajectoryPca(points, 4, reference),
    ]) {
      expect(r.explained[0]).toBeCloseTo(16 / 20, 12);
      expect(r.explained[1]).toBeCloseTo(4 / 20, 12);
      expect(r.sigmaSquared[0]).toBeCloseTo(16, 10);
      expect(r.sigmaSquared[1]).toBeCloseTo(4, 10);
      expect(r.total).toBeCloseTo(20, 12);
      // The sign convention makes both +u and +v (their first entry is the largest, positive).
      r.d1.forEach((x, j) => expect(x).toBeCloseTo(u[j]!, 7));
      r.d2.forEach((x, j) => expect(x).toBeCloseTo(v[j]!, 7));
    }
  });

  it('recovers a planted plane in a large space (n = 200, P = 300)', async () => {
    const n = 200;
    const p = 300;
    const r = new Rng(9);
    const e1 = r.normals(p).map((x) => x / Math.sqrt(p));
    const g = r.normals(p);
    const e1n = norm(e1);
    const c = dot(g, e1) / (e1n * e1n);
    const e2 = g.map((x, j) => x - c * e1[j]!);
    const [n1, n2] = [norm(e1), norm(e2)];
    const points = new Float32Array(n * p);
    for (let t = 0; t < n; t++) {
      // Exactly zero-mean, uncorrelated coefficients with Σa² = 9n/2, Σb² = n/2.
      const a = 3 * Math.cos((2 * Math.PI * t) / n);
      const b = Math.sin((4 * Math.PI * t) / n);
      for (let j = 0; j < p; j++) points[t * p + j] = (a * e1[j]!) / n1 + (b * e2[j]!) / n2;
    }
    const pca = await trajectoryPca(points, n, new Float32Array(p));
    expect(pca.explained[0]).toBeCloseTo(0.9, 6);
    expect(pca.explained[1]).toBeCloseTo(0.1, 6);
    expect(alignment(pca.d1, e1)).toBeGreaterThan(1 - 1e-9);
    expect(alignment(pca.d2, e2)).toBeGreaterThan(1 - 1e-9);
  });

  it('returns an orthonormal pair in the plane when σ₁ = σ₂', async () => {
    // Σa² = Σb² = 4, Σab = 0.
    const points = onPlane([1, -1, 1, -1], [1, 1, -1, -1]);
    const pca = await trajectoryPca(points, 4, reference);
    expect(pca.explained[0]).toBeCloseTo(0.5, 12);
    expect(pca.explained[1]).toBeCloseTo(0.5, 12);
    expectOrthonormal(pca);
    for (const d of [pca.d1, pca.d2]) {
      // In span{u, v}: the projection keeps the whole (unit) length.
      expect(dot(d, u) ** 2 + dot(d, v) ** 2).toBeCloseTo(1, 6);
    }
  });

  it('gives a zero second direction and explained 0 for rank 1', async () => {
    const p = 5;
    const points = new Float32Array(4 * p);
    for (let t = 0; t < 4; t++) for (let j = 0; j < p; j++) points[t * p + j] = (4 - t) * (j + 1);
    for (const pca of [
      await trajectoryPca(points, 4, new Float32Array(p)),
      exactTrajectoryPca(points, 4, new Float32Array(p)),
    ]) {
      expect(pca.explained[0]).toBeCloseTo(1, 12);
      expect(pca.explained[1]).toBe(0);
      expect(pca.sigmaSquared[1]).toBe(0);
      expect(Array.from(pca.d2)).toEqual([0, 0, 0, 0, 0]);
      // ±(1, …, 5)/‖·‖ with the largest entry positive.
      pca.d1.forEach((x, j) => expect(x).toBeCloseTo((j + 1) / Math.sqrt(55), 6));
    }
  });

  it('gives zero directions and explained [0, 0] for identical points', async () => {
    const p = 7;
    const theta = new Rng(2).normals(p);
    const points = new Float32Array(6 * p);
    for (let t = 0; t < 6; t++) points.set(theta, t * p);
    for (const pca of [
      await trajectoryPca(points, 6, new Float32Array(p)),
      exactTrajectoryPca(points, 6, new Float32Array(p)),
    ]) {
      expect(pca.explained).toEqual([0, 0]);
      expect(pca.total).toBe(0);
      expect(Array.from(pca.d1).every((x) => x === 0)).toBe(true);
      expect(Array.from(pca.d2).every((x) => x === 0)).toBe(true);
    }
  });

  it('rejects fewer than two points and mismatched sizes', async () => {
    await expect(trajectoryPca(new Float32Array(3), 1, new Float32Array(3))).rejects.toThrow(
      RangeError,
    );
    await expect(trajectoryPca(new Float32Array(3), 1, new Float32Array(3))).rejects.toThrow(
      /at least two/,
    );
    await expect(trajectoryPca(new Float32Array(7), 2, new Float32Array(3))).rejects.toThrow(
      /7 values for 2×3/,
    );
    expect(() => exactTrajectoryPca(new Float32Array(3), 1, new Float32Array(3))).toThrow(
      RangeError,
    );
  });
});

describe('trajectoryPca: progress, cancellation and size', () => {
  // Isotropic noise: the slowest case (tiny spectral gaps), several restarts.
  const n = 300;
  const p = 400;
  const points = new Rng(21).normals(n * p);
  const reference = new Float32Array(p);

  it('reports progress with done ≤ total, never decreasing, ending at total', async () => {
    const calls: [number, number][] = [];
    await trajectoryPca(points, n, reference, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(1);
    let last = 0;
    for (const [done, total] of calls) {
      expect(done).toBeGreaterThanOrEqual(last);
      expect(done).toBeLessThanOrEqual(total);
      expect(total).toBe(calls[0]![1]);
      last = done;
    }
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
  });

  it('rejects with an AbortError right after the progress callback that aborts', async () => {
    const abort = new AbortController();
    let calls = 0;
    const job = trajectoryPca(points, n, reference, {
      signal: abort.signal,
      onProgress: () => {
        calls++;
        abort.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    let calls = 0;
    await expect(
      trajectoryPca(points, n, reference, { signal: abort.signal, onProgress: () => calls++ }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(0);
  });

  it('stops when aborted from outside while it yields', async () => {
    const abort = new AbortController();
    const big = new Rng(22).normals(1200 * 900);
    const job = trajectoryPca(big, 1200, new Float32Array(900), { signal: abort.signal });
    setTimeout(() => abort.abort(), 0);
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('finishes n = 1600, P = 2000 (trajectory-like: a few components plus noise)', async () => {
    const big = planted(1600, 2000, 5, [4, 2, 1, 0.5, 0.3, 0.2], 0.05);
    const pca = await trajectoryPca(big.points, 1600, big.reference);
    expectOrthonormal(pca);
    expect(pca.explained[0]).toBeGreaterThan(pca.explained[1]);
    expect(pca.explained[0] + pca.explained[1]).toBeGreaterThan(0.8);
    // The leading directions are (close to) the two largest planted ones, which are nearly
    // orthogonal in 2000 dimensions.
    expect(alignment(pca.d1, big.dirs[0]!)).toBeGreaterThan(0.99);
    expect(alignment(pca.d2, big.dirs[1]!)).toBeGreaterThan(0.95);
  });
});
