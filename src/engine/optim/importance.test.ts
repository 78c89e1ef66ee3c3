import { describe, expect, it } from 'vitest';
import { MiniBatchSampler } from './batches';
import { importanceProbabilities, sampledLoss } from './importance';

/** Draw counts per example over `steps` batches of one run's sampler (K = 1). */
function drawCounts(
  sampler: MiniBatchSampler,
  losses: Float32Array,
  batchSize: number,
  steps: number,
): number[] {
  const m = losses.length;
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < steps; t++) {
    const w = sampler.next(losses);
    for (let i = 0; i < m; i++) counts[i]! += Math.round(w[i]! * batchSize);
  }
  return counts;
}

/** Pearson's χ² of observed counts against probabilities p over n draws. */
function chiSquare(counts: readonly number[], p: ArrayLike<number>, n: number): number {
  return counts.reduce((s, c, i) => s + (c - n * p[i]!) ** 2 / (n * p[i]!), 0);
}

/** χ²₉ upper 0.1 % point (the statistic exceeds it with probability 0.001 under p). */
const CHI2_9_999 = 27.877;

const LOSSES = Float32Array.from([0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 2.5, 4]);

describe('importance-sampled mini-batches, p ∝ exp(−ℓ/U_c)', () => {
  it('probabilities: the softmax of −ℓ/U_c in closed form; uniform as U_c → ∞', () => {
    const p = importanceProbabilities([0, 1, 2], 1);
    const z = 1 + Math.exp(-1) + Math.exp(-2);
    expect(p[0]).toBeCloseTo(1 / z, 15);
    expect(p[1]).toBeCloseTo(Math.exp(-1) / z, 15);
    expect(p[2]).toBeCloseTo(Math.exp(-2) / z, 15);
    // Huge losses do not overflow (the smallest is subtracted first).
    const q = importanceProbabilities([1000, 1001], 1);
    expect(q[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    const flat = importanceProbabilities(LOSSES, 1e9);
    for (const v of flat) expect(Math.abs(v - 0.1)).toBeLessThan(1e-9);
    expect(Array.from(importanceProbabilities(LOSSES, Infinity))).toEqual(new Array(10).fill(0.1));
    // A non-finite loss is never drawn; all non-finite → uniform.
    expect(importanceProbabilities([0, Number.NaN], 1)[1]).toBe(0);
    expect(Array.from(importanceProbabilities([Infinity, Number.NaN], 1))).toEqual([0.5, 0.5]);
    expect(() => importanceProbabilities([0], 0)).toThrow(/U_c/);
  });

  it('empirical draw frequencies match p (χ² and per-example z bound, 100 000 draws)', () => {
    const temperature = 0.7;
    const p = importanceProbabilities(LOSSES, temperature);
    const sampler = new MiniBatchSampler([5], 10, [42], [{ kind: 'importance', temperature }]);
    expect(sampler.needsLosses).toBe(true);
    const n = 20_000 * 5;
    const counts = drawCounts(sampler, LOSSES, 5, 20_000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(chiSquare(counts, p, n)).toBeLessThan(CHI2_9_999);
    counts.forEach((c, i) => {
      const z = (c - n * p[i]!) / Math.sqrt(n * p[i]! * (1 - p[i]!));
      expect(Math.abs(z)).toBeLessThan(4);
    });
    // The low-loss examples are drawn far more often than the "dynamic outliers".
    expect(counts[0]! / counts[9]!).toBeGreaterThan(100);
  });

  it('large U_c: frequencies are uniform within sampling error', () => {
    const sampler = new MiniBatchSampler([4], 10, [7], [{ kind: 'importance', temperature: 1e6 }]);
    const n = 25_000 * 4;
    const counts = drawCounts(sampler, LOSSES, 4, 25_000);
    expect(chiSquare(counts, new Array(10).fill(0.1), n)).toBeLessThan(CHI2_9_999);
  });

  it('same seed, same losses ⇒ same batches; uniform runs beside it are unchanged', () => {
    const spec = { kind: 'importance', temperature: 0.5 } as const;
    const a = new MiniBatchSampler([3, 4], 10, [9, 1], [spec]);
    const b = new MiniBatchSampler([3], 10, [9], [spec]);
    const c = new MiniBatchSampler([3], 10, [10], [spec]);
    const uniform = new MiniBatchSampler([4], 10, [1]);
    const losses2 = new Float32Array(20);
    losses2.set(LOSSES);
    losses2.set(LOSSES, 10);
    let differs = false;
    for (let t = 0; t < 30; t++) {
      const wa = Float32Array.from(a.next(losses2));
      const wb = Float32Array.from(b.next(LOSSES));
      const wc = c.next(LOSSES);
      expect(Array.from(wa.subarray(0, 10))).toEqual(Array.from(wb));
      expect(Array.from(wa.subarray(10))).toEqual(Array.from(uniform.next()));
      differs ||= Array.from(wb).some((v, i) => v !== wc[i]);
    }
    expect(differs).toBe(true);
    expect(() => b.next()).toThrow(/per-example losses/);
  });

  it('weights are draw counts / B, so an importance run with B ≥ m still samples', () => {
    const sampler = new MiniBatchSampler([10], 10, [3], [{ kind: 'importance', temperature: 0.3 }]);
    expect(sampler.allFullBatch).toBe(false);
    const w = sampler.next(LOSSES);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const v of w) expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-5);
  });

  it('the loss the sampler sees: L_p = Σ pᵢℓᵢ, the mean loss for uniform p', () => {
    const losses = [1, 2, 3, 6];
    expect(sampledLoss([0.25, 0.25, 0.25, 0.25], losses)).toBe(3);
    expect(sampledLoss([0.5, 0.5, 0, 0], [1, 2, Number.NaN, 6])).toBe(1.5);
  });
});
