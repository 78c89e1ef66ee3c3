/**
 * Ensemble statistics against hand-computed values and brute-force sums.
 */
import { describe, expect, it } from 'vitest';
import {
  batchNoiseVariance,
  cloudTrace,
  covarianceEllipse,
  epochStationaryVariance,
  fitLine,
  stationaryVariance,
} from './ensemble-stats';

describe('stationary variance of SGD on a quadratic', () => {
  it('is η²v/(1 − (1 − ηλ)²) = ηv/(λ(2 − ηλ)), infinite past ηλ = 2', () => {
    // η = 0.1, λ = 2, v = 3: a = 0.8, η²v/(1 − a²) = 0.03/0.36.
    expect(stationaryVariance(0.1, 2, 3)).toBeCloseTo(0.03 / 0.36, 14);
    // Small ηλ: ≈ (η/B)·σ²/(2λ).
    expect(stationaryVariance(1e-4, 1, 2) / ((1e-4 * 2) / 2)).toBeCloseTo(1, 3);
    expect(stationaryVariance(1, 2, 1)).toBe(Infinity);
    expect(batchNoiseVariance(6, 3)).toBe(2);
    expect(batchNoiseVariance(6, 3, 7)).toBeCloseTo((2 * 4) / 6, 14);
    expect(batchNoiseVariance(6, 7, 7)).toBe(0);
  });

  it('with epochs of exchangeable batches summing to 0 equals the brute-force double sum', () => {
    for (const [lr, lambda, e] of [
      [0.2, 1, 8],
      [0.5, 1, 5],
      [1.5, 1, 4],
      [0.05, 2, 16],
    ] as const) {
      const a = 1 - lr * lambda;
      const v = 1.7;
      // θ_T = η Σ_s a^(T−1−s) n_s over s = 0..T−1 (θ₀ = 0), epochs [0, E), [E, 2E), …: the
      // covariance is v on the diagonal and −v/(E − 1) inside an epoch. Averaged over the E
      // values of T in the last of many epochs.
      const epochs = 40;
      let average = 0;
      for (let r = 0; r < e; r++) {
        const t = (epochs - 1) * e + r + 1;
        let variance = 0;
        for (let s = 0; s < t; s++)
          for (let q = 0; q < t; q++) {
            const c = s === q ? v : Math.floor(s / e) === Math.floor(q / e) ? -v / (e - 1) : 0;
            variance += a ** (t - 1 - s) * a ** (t - 1 - q) * c;
          }
        average += (lr * lr * variance) / e;
      }
      expect(epochStationaryVariance(lr, lambda, v, e)).toBeCloseTo(average, 10);
    }
    // Many batches per epoch: the i.i.d. value.
    expect(epochStationaryVariance(0.5, 1, 1, 100_000) / stationaryVariance(0.5, 1, 1)).toBeCloseTo(
      1,
      4,
    );
    // ηλ = 1: θ_t = η n_{t−1}, no memory, no correction.
    expect(epochStationaryVariance(1, 1, 2, 3)).toBeCloseTo(2, 14);
  });
});

describe('covarianceEllipse', () => {
  it('gives the principal standard deviations and the major axis angle', () => {
    const diag = covarianceEllipse(4, 0, 1);
    expect(diag.major).toBeCloseTo(2, 14);
    expect(diag.minor).toBeCloseTo(1, 14);
    expect(diag.angle).toBeCloseTo(0, 14);
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, major axis along (1, 1).
    const tilted = covarianceEllipse(2, 1, 2);
    expect(tilted.major).toBeCloseTo(Math.sqrt(3), 14);
    expect(tilted.minor).toBeCloseTo(1, 14);
    expect(tilted.angle).toBeCloseTo(Math.PI / 4, 14);
    expect(covarianceEllipse(1, 0, 9).angle).toBeCloseTo(Math.PI / 2, 14);
  });
});

describe('fitLine', () => {
  it('recovers an exact line and the hand-computed least squares of a noisy one', () => {
    const exact = fitLine([0, 1, 2], [1, 3, 5])!;
    expect(exact.slope).toBeCloseTo(2, 14);
    expect(exact.intercept).toBeCloseTo(1, 14);
    expect(exact.r2).toBe(1);
    // (0, 0), (1, 1), (2, 1): slope 1/2, intercept 1/6, SS_res 1/6, SS_tot 2/3.
    const noisy = fitLine([0, 1, 2, 5], [0, 1, 1, NaN])!;
    expect(noisy.slope).toBeCloseTo(0.5, 14);
    expect(noisy.intercept).toBeCloseTo(1 / 6, 14);
    expect(noisy.r2).toBeCloseTo(0.75, 14);
    expect(fitLine([1, 1], [0, 2])).toBeNull();
    expect(fitLine([1], [0])).toBeNull();
  });
});

describe('cloudTrace', () => {
  it('is the unbiased trace of the covariance of the chosen rows', () => {
    // Rows 0 and 2 of [[0, 0], [9, 9], [2, 4]]: mean (1, 2), squared distances 5 and 5.
    const squared = new Float64Array(2);
    const { mean, trace } = cloudTrace([0, 0, 9, 9, 2, 4], 2, [0, 2], squared);
    expect(Array.from(mean)).toEqual([1, 2]);
    expect(trace).toBe(10);
    expect(Array.from(squared)).toEqual([5, 5]);
  });
});
