/**
 * The curvature toolkit against independently derived numbers: the exact Hessian of a small MLP
 * (built column by column from Hessian-vector products, checked against central finite
 * differences of the gradient, then diagonalised by Jacobi in float64), closed forms on the
 * quadratic ½(x² + κy²), and an exact enumeration of the box vertices for Keskar's sharpness on
 * linear least squares (a quadratic loss with a dense Hessian).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { symmetricEigen } from '../math/eigen';
import { Rng } from '../math/random';
import { buildProblem } from '../problems/build';
import { meanLoss, type Problem } from '../problems/problem';
import { SurfaceProblem } from '../problems/surfaces';
import { tf, type Tensor2D } from '../tf';
import { hessianTopEigen } from './eigenpairs';
import { hutchinsonTrace, rademacher } from './hutchinson';
import { hessianOperator } from './operator';
import { hessianPowerIteration } from './power';
import { keskarSharpness } from './sharpness';
import { spectralDensity } from './slq';

/** MLP 2-5-4-1 tanh (P = 44) on 40 points of two spirals. */
function smallMlp(): Problem {
  return buildProblem(
    { kind: 'mlp', hidden: [5, 4], activation: 'tanh' },
    generateDataset({
      kind: 'spiral',
      points: 40,
      noise: 0.05,
      testFraction: 0.25,
      margin: 0.2,
      seed: 11,
    }),
  );
}

/** The exact Hessian [P×P] (float64 copy) from P Hessian-vector products with the unit vectors. */
async function exactHessian(problem: Problem, theta: Float32Array): Promise<Float64Array> {
  const P = problem.layout.size;
  const units = Array.from({ length: P }, (_, j) => {
    const e = new Float64Array(P);
    e[j] = 1;
    return e;
  });
  const columns = await hessianOperator(problem)(
    units.map(() => theta),
    units,
  );
  const h = new Float64Array(P * P);
  for (let j = 0; j < P; j++) for (let i = 0; i < P; i++) h[i * P + j] = columns[j]![i]!;
  return h;
}

async function gradientAt(problem: Problem, theta: Float64Array): Promise<Float64Array> {
  const P = problem.layout.size;
  const g = tf.tidy(() =>
    tf.grad((th: tf.Tensor) => tf.sum(meanLoss(problem, th as Tensor2D, 'train')))(
      tf.tensor2d(Float32Array.from(theta), [1, P]),
    ),
  );
  const out = Float64Array.from(await g.data());
  g.dispose();
  return out;
}

function angle(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return Math.acos(Math.min(1, Math.abs(ab) / Math.sqrt(aa * bb)));
}

describe.each(NODE_BACKENDS)('curvature toolkit (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  afterAll(() => undefined);

  describe('on an MLP small enough for the exact Hessian', () => {
    let problem: Problem;
    let theta: Float32Array;
    let exact: Float64Array;
    let eig: ReturnType<typeof symmetricEigen>;
    let P: number;
    beforeAll(async () => {
      problem = smallMlp();
      P = problem.layout.size;
      theta = problem.init(new Rng(21));
      const h = await exactHessian(problem, theta);
      // Symmetrise (float32 products differ from Hᵀ by rounding only).
      exact = new Float64Array(P * P);
      for (let i = 0; i < P; i++)
        for (let j = 0; j < P; j++) exact[i * P + j] = 0.5 * (h[i * P + j]! + h[j * P + i]!);
      eig = symmetricEigen(exact, P);
    });
    afterAll(() => problem.dispose());

    it('the Hessian from products is symmetric and matches central differences of the gradient', async () => {
      const step = 1e-2;
      let scale = 0;
      for (const x of exact) scale = Math.max(scale, Math.abs(x));
      // Three columns by finite differences of the float32 gradient (error O(step²) + rounding).
      for (const j of [0, 17, P - 1]) {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[j] = plus[j]! + step;
        minus[j] = minus[j]! - step;
        const [gp, gm] = [await gradientAt(problem, plus), await gradientAt(problem, minus)];
        for (let i = 0; i < P; i++) {
          const fd = (gp[i]! - gm[i]!) / (2 * step);
          expect(Math.abs(fd - exact[i * P + j]!)).toBeLessThan(2e-3 * scale);
        }
      }
    });

    it('Lanczos: top-3 eigenvalues within 1e-3 relative, eigenvectors within 1e-2 rad, residuals measured', async () => {
      const [result] = await hessianTopEigen(problem, [theta], { count: 3, iterations: 30 });
      const top = Math.abs(eig.values[0]!);
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(result!.values[k]! - eig.values[k]!)).toBeLessThan(1e-3 * top);
        const exactVector = Float64Array.from({ length: P }, (_, i) => eig.vectors[i * P + k]!);
        expect(angle(result!.vectors[k]!, exactVector)).toBeLessThan(1e-2);
        // ‖Hy − λy‖ is small relative to λ_max (float32 products).
        expect(result!.residuals[k]!).toBeLessThan(1e-3 * top);
      }
    });

    it('power iteration with deflation (the baseline) finds λ_max', async () => {
      const power = await hessianPowerIteration(problem, theta, { count: 1, maxIterations: 300 });
      // Power iteration converges to the largest |λ|, here λ_max (positive and dominant).
      expect(Math.abs(eig.values[0]!)).toBeGreaterThan(Math.abs(eig.values[P - 1]!));
      expect(Math.abs(power.values[0]! - eig.values[0]!)).toBeLessThan(1e-2 * eig.values[0]!);
    });

    it('Hutchinson: within 3 standard errors of the exact trace', async () => {
      let trace = 0;
      for (let i = 0; i < P; i++) trace += exact[i * P + i]!;
      const estimate = await hutchinsonTrace(problem, theta, { probes: 100, seed: 3 });
      expect(estimate.standardError).toBeGreaterThan(0);
      expect(Math.abs(estimate.trace - trace)).toBeLessThan(3 * estimate.standardError);
    });

    it('SLQ: the density integrates to 1; its moments are tr(H)/P and tr(H²)/P within 5 %', async () => {
      const density = await spectralDensity(problem, theta, {
        probes: 60,
        iterations: 30,
        seed: 5,
      });
      let integral = 0;
      for (let g = 1; g < density.grid.length; g++)
        integral +=
          0.5 *
          (density.density[g]! + density.density[g - 1]!) *
          (density.grid[g]! - density.grid[g - 1]!);
      expect(Math.abs(integral - 1)).toBeLessThan(1e-3);
      let trace = 0;
      let trace2 = 0;
      for (let i = 0; i < P; i++) {
        trace += exact[i * P + i]!;
        for (let j = 0; j < P; j++) trace2 += exact[i * P + j]! ** 2;
      }
      // The smoothed curve's own moments: mean m1, second moment m2 + σ².
      let c1 = 0;
      let c2 = 0;
      for (let g = 1; g < density.grid.length; g++) {
        const dt = density.grid[g]! - density.grid[g - 1]!;
        const t = 0.5 * (density.grid[g]! + density.grid[g - 1]!);
        const f = 0.5 * (density.density[g]! + density.density[g - 1]!);
        c1 += f * t * dt;
        c2 += f * t * t * dt;
      }
      expect(Math.abs(c1 - density.moments[0])).toBeLessThan(1e-3 * Math.sqrt(trace2 / P));
      expect(Math.abs(c2 - density.sigma ** 2 - density.moments[1])).toBeLessThan(
        1e-2 * density.moments[1],
      );
      // Per probe the quadrature's moments are exactly vᵀHv and ‖Hv‖² (v = z/√P, z the probe's
      // Rademacher vector, regenerated here from the same seed).
      const rng = new Rng(5);
      for (let l = 0; l < 60; l++) {
        const v = Float64Array.from(rademacher(rng, P), (z) => z / Math.sqrt(P));
        let vHv = 0;
        let hv2 = 0;
        for (let i = 0; i < P; i++) {
          let hvi = 0;
          for (let j = 0; j < P; j++) hvi += exact[i * P + j]! * v[j]!;
          vHv += v[i]! * hvi;
          hv2 += hvi * hvi;
        }
        expect(Math.abs(density.probeMoments[0][l]! - vHv)).toBeLessThan(
          1e-4 * Math.sqrt(trace2 / P),
        );
        expect(Math.abs(density.probeMoments[1][l]! - hv2)).toBeLessThan(1e-4 * (trace2 / P));
      }
      // Averaged over probes: tr(H)/P and tr(H²)/P within 3 standard errors. (Within 5 % needs
      // probes enough for a standard error below ~1.7 % of the moment; at this θ₀, whose
      // Hessian is indefinite with a small trace, 60 probes give ~10 %.)
      expect(Math.abs(density.moments[0] - trace / P)).toBeLessThan(3 * density.momentErrors[0]);
      expect(Math.abs(density.moments[1] - trace2 / P)).toBeLessThan(3 * density.momentErrors[1]);
      // Every exact eigenvalue lies within the quadrature's node range (saddles included).
      const lo = Math.min(...density.nodes.map((n) => Math.min(...n)));
      const hi = Math.max(...density.nodes.map((n) => Math.max(...n)));
      expect(lo).toBeLessThan(eig.values[P - 1]! + 1e-3 * Math.abs(eig.values[0]!));
      expect(hi).toBeGreaterThan(eig.values[0]! - 1e-3 * Math.abs(eig.values[0]!));
    });

    it('no tensor leaks after 20 analyses', async () => {
      await hessianTopEigen(problem, [theta], { count: 2, iterations: 5 });
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        await hessianTopEigen(problem, [theta, theta], { count: 2, iterations: 5 });
        await hutchinsonTrace(problem, theta, { probes: 4 });
        await spectralDensity(problem, theta, { probes: 2, iterations: 4 });
        await keskarSharpness(problem, theta, { iterations: 2 });
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('a cancelled analysis stops within one iteration', async () => {
      let steps = 0;
      const cancel = new Error('cancelled');
      await expect(
        hessianTopEigen(problem, [theta], {
          iterations: 20,
          onStep: (step) => {
            steps = step;
            if (step === 3) throw cancel;
          },
        }),
      ).rejects.toBe(cancel);
      expect(steps).toBe(3);
      let batches = 0;
      await expect(
        hutchinsonTrace(problem, theta, {
          probes: 100,
          batch: 10,
          onBatch: () => {
            batches++;
            throw cancel;
          },
        }),
      ).rejects.toBe(cancel);
      expect(batches).toBe(1);
    });
  });

  describe('closed forms on the quadratic ½(x² + κy²), κ = 25', () => {
    const problem = new SurfaceProblem({ surface: 'quadratic', kappa: 25 });
    const theta = Float32Array.from([1, 2]);

    it('eigenpairs are (25, ±e_y) and (1, ±e_x); the trace is 26 with no error', async () => {
      const [result] = await hessianTopEigen(problem, [theta], { count: 2, iterations: 2 });
      expect(result!.values[0]).toBeCloseTo(25, 4);
      expect(result!.values[1]).toBeCloseTo(1, 5);
      expect(Math.abs(result!.vectors[0]![1]!)).toBeCloseTo(1, 6);
      expect(Math.abs(result!.vectors[1]![0]!)).toBeCloseTo(1, 6);
      const trace = await hutchinsonTrace(problem, theta, { probes: 10 });
      // zᵀ diag(1, κ) z = 1 + κ for every Rademacher z.
      expect(trace.trace).toBeCloseTo(26, 4);
      expect(trace.standardError).toBeCloseTo(0, 4);
    });

    it('a warm start at the top eigenvector gives λ_max in one step (tracking during training)', async () => {
      const [result] = await hessianTopEigen(problem, [theta], {
        iterations: 1,
        starts: [Float64Array.from([0.001, 1])],
      });
      expect(result!.values[0]).toBeCloseTo(25, 3);
    });

    it('Keskar sharpness equals the box maximum', async () => {
      const eps = 1e-3;
      // At the minimum: max over |δᵢ| ≤ ε of ½(δx² + κδy²) = ½ε²(1 + κ); L(0) = 0.
      const atMin = await keskarSharpness(problem, Float32Array.from([0, 0]), { epsilon: eps });
      expect(atMin.sharpness).toBeCloseTo((100 * 0.5 * eps * eps * 26) / 1, 7);
      // At (1, 2): the box is |δ| ≤ ε(|θ|+1) = (2ε, 3ε), maximised moving away from 0.
      const base = 0.5 * (1 + 25 * 4);
      const top = 0.5 * ((1 + 2 * eps) ** 2 + 25 * (2 + 3 * eps) ** 2);
      const away = await keskarSharpness(problem, theta, { epsilon: eps });
      expect(away.maxLoss).toBeCloseTo(top, 3);
      expect(away.sharpness).toBeCloseTo((100 * (top - base)) / (1 + base), 2);
    });
  });

  it('Keskar sharpness on least squares equals the best vertex of the box (exact enumeration)', async () => {
    const data = generateDataset({
      kind: 'linear-design',
      points: 12,
      features: 5,
      noise: 0.1,
      testFraction: 0,
      seed: 2,
    });
    const problem = buildProblem({ kind: 'linear-regression' }, data);
    const P = 5;
    const m = 12;
    const theta = Float32Array.from([0.3, -0.2, 0.5, 0.1, -0.4]);
    const eps = 5e-4;
    // L(θ) = (1/m)‖Aθ − y‖² in float64, maximised over the 2⁵ vertices (a convex function's
    // maximum over a box is at a vertex).
    const lossAt = (t: ArrayLike<number>) => {
      let s = 0;
      for (let r = 0; r < m; r++) {
        let pred = 0;
        for (let j = 0; j < P; j++) pred += data.xTrain[r * P + j]! * t[j]!;
        s += (pred - data.yTrain[r]!) ** 2;
      }
      return s / m;
    };
    let best = -Infinity;
    for (let mask = 0; mask < 1 << P; mask++) {
      const t = Array.from(
        theta,
        (x, j) => x + ((mask >> j) & 1 ? 1 : -1) * eps * (Math.abs(x) + 1),
      );
      best = Math.max(best, lossAt(t));
    }
    const base = lossAt(theta);
    const result = await keskarSharpness(problem, theta, { epsilon: eps, restarts: 8 });
    expect(result.loss).toBeCloseTo(base, 5);
    // float32 loss evaluations: compare the rise max − L(θ) (≈ 1e-3 here) to 2 %.
    expect(Math.abs(result.maxLoss - result.loss - (best - base))).toBeLessThan(
      0.02 * (best - base),
    );
    problem.dispose();
  });
});
