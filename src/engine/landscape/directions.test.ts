import { describe, expect, it } from 'vitest';
import { Rng } from '../math/random';
import { mlpLayout } from '../problems/mlp';
import {
  normalizeDirection,
  randomPlaneDirections,
  removeComponent,
  weightsAreZero,
} from './directions';
import { trajectoryPca } from './pca';
import { interpolationPoints, planeThroughPoints } from './plane';
import { planePoints, projectOntoPlane } from './projection';

/** 2 → 5 → 3 → 1: kernels [2,5], [5,3], [3,1], so rows and columns differ in size. */
const layout = mlpLayout(2, [5, 3]);
const rng = new Rng(17);
const theta = rng.normals(layout.size);

const norm = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));
const dot = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(x).reduce((s, v, i) => s + v * y[i]!, 0);

/** The weights into unit j of kernel entry e (column j of an [in, out] kernel). */
function unitWeights(v: Float32Array, entry: number, j: number): number[] {
  const e = layout.entries[entry]!;
  const [fanIn, fanOut] = e.shape as [number, number];
  return Array.from({ length: fanIn }, (_, i) => v[e.offset + i * fanOut + j]!);
}

describe('filter normalisation', () => {
  it('gives every unit (column) of every kernel the norm of θ’s weights into that unit; biases 0', () => {
    const d = normalizeDirection(new Rng(5).normals(layout.size), theta, layout);
    for (const entry of [0, 2, 4]) {
      const fanOut = layout.entries[entry]!.shape[1]!;
      for (let j = 0; j < fanOut; j++) {
        expect(norm(unitWeights(d, entry, j))).toBeCloseTo(norm(unitWeights(theta, entry, j)), 5);
      }
    }
    for (const entry of [1, 3, 5]) {
      const e = layout.entries[entry]!;
      expect(Array.from(d.subarray(e.offset, e.offset + e.shape[0]!))).toEqual(
        new Array(e.shape[0]).fill(0),
      );
    }
  });

  it('falls back to the mean unit norm where θ is zero, and to unit norm when a tensor is zero', () => {
    // Unit 2 of W0 zeroed: it gets the mean norm of W0's other four units.
    const partial = Float32Array.from(theta);
    const e0 = layout.entries[0]!;
    for (let i = 0; i < 2; i++) partial[e0.offset + i * 5 + 2] = 0;
    const d = normalizeDirection(new Rng(8).normals(layout.size), partial, layout);
    const others = [0, 1, 3, 4].map((j) => norm(unitWeights(partial, 0, j)));
    const mean = others.reduce((a, b) => a + b, 0) / 4;
    expect(norm(unitWeights(d, 0, 2))).toBeCloseTo(mean, 5);
    expect(norm(unitWeights(d, 0, 1))).toBeCloseTo(norm(unitWeights(partial, 0, 1)), 5);
    // θ = 0 (least squares starts there): every unit gets norm 1; the plane still spans 2-D.
    const zero = new Float32Array(layout.size);
    expect(weightsAreZero(zero, layout)).toBe(true);
    expect(weightsAreZero(theta, layout)).toBe(false);
    const pair = randomPlaneDirections(zero, layout, new Rng(9));
    for (const entry of [0, 2, 4]) {
      const fanOut = layout.entries[entry]!.shape[1]!;
      for (let j = 0; j < fanOut; j++)
        expect(norm(unitWeights(pair.d1, entry, j))).toBeCloseTo(1, 5);
    }
    const coords = projectOntoPlane(planePoints({ centre: zero, ...pair }, [0.3], [-0.7]), {
      centre: zero,
      ...pair,
    });
    expect(coords.a[0]).toBeCloseTo(0.3, 5);
    expect(coords.b[0]).toBeCloseTo(-0.7, 5);
  });

  it('scales columns, not rows: a row-wise normalisation would fail this check', () => {
    const d = normalizeDirection(new Rng(6).normals(layout.size), theta, layout);
    // W0 is [2, 5]: its 2 rows have norms unrelated to θ's rows.
    const e = layout.entries[0]!;
    const row = (v: Float32Array, i: number) =>
      Array.from(v.subarray(e.offset + i * 5, e.offset + i * 5 + 5));
    expect(Math.abs(norm(row(d, 0)) - norm(row(theta, 0)))).toBeGreaterThan(1e-3);
  });

  it('copies biases on request, and normalises per tensor in layer mode', () => {
    const d = normalizeDirection(new Rng(7).normals(layout.size), theta, layout, {
      mode: 'layer',
      bias: 'copy',
    });
    for (const e of layout.entries) {
      const size = e.shape.reduce((a, b) => a * b, 1);
      const part = d.subarray(e.offset, e.offset + size);
      const own = theta.subarray(e.offset, e.offset + size);
      if (e.kind === 'bias') expect(Array.from(part)).toEqual(Array.from(own));
      else expect(norm(part)).toBeCloseTo(norm(own), 5);
    }
  });

  it('orthogonalises after normalising, then normalises again', () => {
    const { d1, d2 } = randomPlaneDirections(theta, layout, new Rng(8), {
      mode: 'filter',
      bias: 'zero',
      orthogonalize: true,
    });
    for (let j = 0; j < 3; j++)
      expect(norm(unitWeights(d2, 2, j))).toBeCloseTo(norm(unitWeights(theta, 2, j)), 5);
    // Orthogonalised directions are much closer to orthogonal than independent ones.
    const plain = randomPlaneDirections(theta, layout, new Rng(8), {
      mode: 'filter',
      bias: 'zero',
      orthogonalize: false,
    });
    const cos = (x: Float32Array, y: Float32Array) => Math.abs(dot(x, y)) / (norm(x) * norm(y));
    expect(cos(d1, d2)).toBeLessThan(cos(plain.d1, plain.d2));
    expect(dot(removeComponent(d2, d1), d1)).toBeCloseTo(0, 4);
  });
});

describe('projection onto a plane', () => {
  const p = layout.size;
  const { d1, d2 } = randomPlaneDirections(theta, layout, new Rng(9));
  const plane = { centre: theta, d1, d2 };

  it('projects c + αd₁ + βd₂ back to (α, β) with zero off-plane distance, for non-orthogonal d₁, d₂', () => {
    expect(Math.abs(dot(d1, d2))).toBeGreaterThan(1e-3);
    const points = planePoints(plane, [0.3, -1.2, 0], [0.7, 0.25, 0]);
    const c = projectOntoPlane(points, plane);
    expect(c.a[0]).toBeCloseTo(0.3, 4);
    expect(c.b[0]).toBeCloseTo(0.7, 4);
    expect(c.a[1]).toBeCloseTo(-1.2, 4);
    expect(c.b[1]).toBeCloseTo(0.25, 4);
    for (let k = 0; k < 3; k++) {
      expect(c.offPlane[k]!).toBeLessThan(1e-4);
      expect(c.offPlaneRelative[k]!).toBeLessThan(1e-4);
    }
  });

  it('reports the distance of a point off the plane', () => {
    // e ⟂ d₁, d₂ with ‖e‖ = 0.5.
    let e = removeComponent(new Rng(10).normals(p), d1);
    const d2perp = removeComponent(d2, d1);
    e = removeComponent(e, d2perp);
    const scale = 0.5 / norm(e);
    const onPlane = planePoints(plane, [0.4], [-0.6]);
    const point = onPlane.map((v, i) => v + scale * e[i]!);
    const c = projectOntoPlane(point, plane);
    expect(c.a[0]).toBeCloseTo(0.4, 4);
    expect(c.b[0]).toBeCloseTo(-0.6, 4);
    expect(c.offPlane[0]).toBeCloseTo(0.5, 4);
    expect(c.offPlaneRelative[0]).toBeCloseTo(0.5 / norm(point.map((v, i) => v - theta[i]!)), 5);
  });
});

describe('PCA of a trajectory', () => {
  it('recovers the 2-D subspace a path lies in, with explained variance summing to 1', async () => {
    const p = 40;
    const r = new Rng(11);
    const u = r.normals(p);
    const v = removeComponent(r.normals(p), u);
    const final = r.normals(p);
    const n = 30;
    const points = new Float32Array(n * p);
    for (let t = 0; t < n; t++) {
      const s = t / n;
      const x = 3 * Math.cos(4 * s) * (1 - s);
      const y = Math.sin(7 * s) * (1 - s);
      for (let j = 0; j < p; j++) points[t * p + j] = final[j]! + x * u[j]! + y * v[j]!;
    }
    const pca = await trajectoryPca(points, n, final);
    expect(pca.explained[0] + pca.explained[1]).toBeCloseTo(1, 5);
    expect(pca.explained[0]).toBeGreaterThan(pca.explained[1]);
    expect(norm(pca.d1)).toBeCloseTo(1, 5);
    expect(norm(pca.d2)).toBeCloseTo(1, 5);
    expect(dot(pca.d1, pca.d2)).toBeCloseTo(0, 5);
    // Both principal directions lie in span{u, v}: projecting them there loses nothing.
    const basis = { centre: new Float32Array(p), d1: u, d2: v };
    for (const d of [pca.d1, pca.d2])
      expect(projectOntoPlane(d, basis).offPlane[0]!).toBeLessThan(1e-4);
  });

  it('reports a path along one line as one axis explaining everything', async () => {
    const p = 5;
    const points = new Float32Array(4 * p);
    for (let t = 0; t < 4; t++) for (let j = 0; j < p; j++) points[t * p + j] = (4 - t) * (j + 1);
    const pca = await trajectoryPca(points, 4, new Float32Array(p));
    expect(pca.explained[0]).toBeCloseTo(1, 6);
    expect(pca.explained[1]).toBeCloseTo(0, 6);
  });
});

describe('planes through points and interpolation', () => {
  it('puts A, B, C at (0, 0), (‖B − A‖, 0) and (d₁·(C − A), ‖GS(C − A)‖)', () => {
    const r = new Rng(12);
    const [a, b, c] = [r.normals(9), r.normals(9), r.normals(9)];
    const plane = planeThroughPoints(a, b, c);
    const points = new Float32Array([...a, ...b, ...c]);
    const coords = projectOntoPlane(points, plane);
    expect(coords.a[0]).toBeCloseTo(0, 5);
    expect(coords.b[0]).toBeCloseTo(0, 5);
    expect(coords.a[1]).toBeCloseTo(norm(b.map((x, i) => x - a[i]!)), 4);
    expect(coords.b[1]).toBeCloseTo(0, 5);
    for (let k = 0; k < 3; k++) expect(coords.offPlane[k]!).toBeLessThan(1e-4);
    expect(dot(plane.d1, plane.d2)).toBeCloseTo(0, 5);
    expect(() => planeThroughPoints(a, b, b)).toThrow(/collinear/);
  });

  it('interpolates θ(t) = (1 − t)θ_A + tθ_B', () => {
    const pts = interpolationPoints(
      Float32Array.from([1, 2]),
      Float32Array.from([3, -2]),
      [-0.5, 0, 0.5, 1.5],
    );
    expect(Array.from(pts)).toEqual([0, 4, 1, 2, 2, 0, 4, -4]);
  });
});
