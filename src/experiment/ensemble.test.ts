/**
 * Seed ensembles (SCIENCE.md §7) against the discrete-time theory, for fixed seeds.
 *
 * The key value test: 1-D least squares ℓᵢ = (xᵢθ − yᵢ)² with xᵢ = ±√(λ/2), so every per-example
 * gradient is λθ − ξᵢ with ξᵢ = 2xᵢyᵢ: the Hessian is λ everywhere and the mini-batch gradient
 * noise is additive, independent of θ, with variance (σ²/B)·(m − B)/(m − 1) for the trainer's
 * batches (drawn without replacement), σ² the population variance of ξ. SGD is then the AR(1)
 * θ_{t+1} − θ* = (1 − ηλ)(θ_t − θ*) + η·noise, whose stationary variance is
 * ησ²·fpc/(B·λ(2 − ηλ)).
 *
 * Error bar: the members are independent, so the standard error of the ensemble's stationary
 * spread is the standard deviation of the members' own window averages over √N (`spreadError`);
 * the test allows 3.5 of them. The sampler's epochs add a small negative correlation between the
 * batches of one epoch (their noise sums to 0); `epochStationaryVariance` gives its exact effect,
 * and the test checks that it is far below the error bar for these settings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseConfig } from '../config/parse';
import {
  batchNoiseVariance,
  epochStationaryVariance,
  stationaryVariance,
} from '../engine/noise/ensemble-stats';
import { generateDataset } from '../engine/data/datasets';
import { MiniBatchSampler } from '../engine/optim/batches';
import { tf } from '../engine/tf';
import { buildExperiment, datasetSpec } from './build';
import { ensembleRows, experimentEnsemble } from './ensemble';
import { runExperiment } from './run';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** m points x = ±√(λ/2) with targets y ~ N(0, 1) from a fixed LCG; ξᵢ = 2xᵢyᵢ. */
function quadraticData(m: number, lambda: number) {
  const c = Math.sqrt(lambda / 2);
  let state = 12345;
  const uniform = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < m; i++) {
    const sign = i % 2 === 0 ? 1 : -1;
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    x.push([Math.fround(sign * c)]);
    y.push(Math.fround(normal));
  }
  // Population variance of ξ = 2xy about its mean (computed from the float32 data).
  const xi = y.map((v, i) => 2 * x[i]![0]! * v);
  const mean = xi.reduce((s, v) => s + v, 0) / m;
  const sigma2 = xi.reduce((s, v) => s + (v - mean) ** 2, 0) / m;
  const lambdaExact = (2 * x.reduce((s, r) => s + r[0]! * r[0]!, 0)) / m;
  return { x, y, sigma2, lambda: lambdaExact, thetaStar: mean / lambdaExact };
}

describe('ensemble on a quadratic with additive gradient noise', () => {
  const m = 512;
  const data = quadraticData(m, 1);
  const temperatures = [
    { lr: 0.5, batchSize: 1 },
    { lr: 1.0, batchSize: 2 },
    { lr: 1.5, batchSize: 1 },
    { lr: 0.25, batchSize: 4 },
  ];

  it('stationary variance = ησ²(m − B)/((m − 1)·B·λ(2 − ηλ)) within sampling error', async () => {
    const config = parseConfig({
      seed: 3,
      problem: { kind: 'linear-regression' },
      data: { kind: 'custom', task: 'regression', x: data.x, y: data.y, testFraction: 0 },
      runs: [{ optimizer: 'sgd', lr: 0.5, theta0: [Math.fround(data.thetaStar)] }],
      steps: 1,
      ensemble: { members: 64, temperatures, steps: 400, recordEvery: 1, burnIn: 0.1 },
    });
    const start = tf.memory().numTensors;
    const result = (await runExperiment(config, 'wasm')).ensemble!;
    expect(tf.memory().numTensors).toBe(start);
    expect(result.steps).toHaveLength(401);
    expect(result.window.from).toBe(40);
    result.temperatures.forEach((t, i) => {
      const { lr, batchSize } = temperatures[i]!;
      expect(t.temperature).toBe(lr / batchSize);
      expect(t.diverged).toBe(0);
      const v = batchNoiseVariance(data.sigma2, batchSize, m);
      const theory = stationaryVariance(lr, data.lambda, v);
      const epoch = epochStationaryVariance(lr, data.lambda, v, m / batchSize);
      console.log(
        `η ${lr} B ${batchSize}: measured ${t.spread!.toFixed(5)} ± ${t.spreadError!.toFixed(5)}, theory ${theory.toFixed(5)}, epoch-exact ${epoch.toFixed(5)}`,
      );
      expect(t.spreadError! / theory).toBeLessThan(0.03);
      // The sampler's exact law (epochs of m/B batches whose noise sums to 0) …
      expect(Math.abs(t.spread! - epoch)).toBeLessThan(3.5 * t.spreadError!);
      // … and the i.i.d. formula wherever the epochs' correlation is below half an error bar
      // (all but η 0.25, B 4: 128 batches per epoch, ηλ = 0.25, a correction of −4.6 %).
      if (Math.abs(epoch - theory) < 0.5 * t.spreadError!)
        expect(Math.abs(t.spread! - theory)).toBeLessThan(3.5 * t.spreadError!);
      else expect(i).toBe(3);
    });

    // The members are exactly SGD on this data with their own batch streams: a float64 replica of
    // every update (same sampler, same seeds) gives the recorded clouds to float32 rounding.
    const dataset = generateDataset(datasetSpec(config.data, config.seed));
    const experiment = buildExperiment(config);
    const { runs, batchSeeds } = ensembleRows(experiment, config.ensemble!, m);
    experiment.problem.dispose();
    const sampler = new MiniBatchSampler(
      runs.map((r) => r.batchSize),
      m,
      batchSeeds,
    );
    const theta = runs.map(() => Math.fround(data.thetaStar));
    const sign = result.plane.directions[0][0]!;
    const origin = result.plane.origin[0]!;
    expect(Math.abs(sign)).toBeCloseTo(1, 6);
    let worst = 0;
    for (let step = 1; step <= 50; step++) {
      const w = sampler.next();
      theta.forEach((th, r) => {
        let g = 0;
        for (let i = 0; i < m; i++) {
          const x = dataset.xTrain[i]!;
          g += w[r * m + i]! * 2 * x * (x * th - dataset.yTrain[i]!);
        }
        theta[r] = th - runs[r]!.lr * g;
      });
      theta.forEach((th, r) => {
        const t = Math.floor(r / 64);
        const recorded = origin + sign * result.temperatures[t]!.a[step]![r % 64]!;
        worst = Math.max(worst, Math.abs(recorded - th) / (1 + Math.abs(th)));
      });
    }
    expect(worst).toBeLessThan(1e-4);
  });
});

/** An example config from `examples/`, parsed. */
function example(name: string) {
  return parseConfig(
    JSON.parse(readFileSync(path.join(__dirname, '../../examples', name), 'utf8')) as unknown,
  );
}

describe('ensemble examples', () => {
  it('quadratic surface with additive noise: each axis at its own discrete-time law; spread linear in η/B for small η', async () => {
    const config = example('ensemble-quadratic.json');
    const block = config.ensemble!;
    const start = tf.memory().numTensors;
    const experiment = buildExperiment(config);
    const first = await experimentEnsemble(experiment, block);
    const again = await experimentEnsemble(experiment, block);
    experiment.problem.dispose();
    expect(tf.memory().numTensors).toBe(start);
    // Same seeds, same numbers: nothing carried over between experiments.
    expect(again.temperatures.map((t) => t.spread)).toEqual(
      first.temperatures.map((t) => t.spread),
    );
    const { sigma, examples } = block.noise!;
    expect(first.plane.axisLabels).toEqual(['x', 'y']);
    first.temperatures.forEach((t) => {
      // f = ½(x² + κy²), κ = 4: Hessian eigenvalues 1 (x) and 4 (y).
      const v = batchNoiseVariance(sigma * sigma, t.batchSize, examples);
      const e = examples / t.batchSize;
      const vx = epochStationaryVariance(t.lr, 1, v, e);
      const vy = epochStationaryVariance(t.lr, 4, v, e);
      expect(Math.abs(t.spread! - (vx + vy))).toBeLessThan(3.5 * t.spreadError!);
      expect(t.planeCov![0] / vx).toBeGreaterThan(0.9);
      expect(t.planeCov![0] / vx).toBeLessThan(1.1);
      expect(t.planeCov![2] / vy).toBeGreaterThan(0.9);
      expect(t.planeCov![2] / vy).toBeLessThan(1.1);
    });
    const spreads = first.temperatures.map((t) => t.spread!);
    spreads.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(spreads[i]!));
    // Small ηλ: spread ≈ (η/B)·σ²/2·(1/1 + 1/4) = 0.625·η/B; the fitted slope is a bit larger
    // (the factor 1/(2 − ηλ) bends it up at η 0.2), the intercept near 0.
    expect(first.fit!.r2).toBeGreaterThan(0.99);
    expect(first.fit!.slope).toBeGreaterThan(0.625);
    expect(first.fit!.slope).toBeLessThan(0.9);
    expect(Math.abs(first.fit!.intercept)).toBeLessThan(0.01);
  });

  it("Rastrigin's local minimum: the lowest temperature stays, escapes grow with η/B", async () => {
    const config = example('ensemble-escape.json');
    const result = (await runExperiment(config, 'wasm')).ensemble!;
    const reference = result.escape!.reference;
    expect(reference.theta[0]).toBeCloseTo(0.995, 2);
    expect(reference.loss).toBeCloseTo(0.995, 2);
    const fractions = result.temperatures.map((t) => t.escape!.fraction);
    console.log('escape fractions', fractions);
    expect(fractions[0]).toBe(0);
    expect(fractions[1]).toBeGreaterThan(0.1);
    expect(fractions[1]).toBeLessThan(0.7);
    expect(fractions[2]).toBeGreaterThan(0.9);
    // The members that stayed quench back to θ₀'s minimum; escaped ones end elsewhere.
    result.temperatures.forEach((t) =>
      t.escape!.escapedMembers.forEach((escaped, j) => {
        if (!escaped) expect(t.escape!.quenchedLoss[j]).toBeCloseTo(reference.loss, 3);
      }),
    );
    // Trapped: the spread is the well's (λ ≈ 2 + 40π²); escaped clouds are far wider.
    const lambda = 2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * 0.995);
    const low = result.temperatures[0]!;
    const v = batchNoiseVariance(80 * 80, low.batchSize, 64);
    const trapped = 2 * stationaryVariance(low.lr, lambda, v);
    expect(low.spread! / trapped).toBeGreaterThan(0.85);
    expect(low.spread! / trapped).toBeLessThan(1.15);
    expect(result.temperatures[2]!.spread!).toBeGreaterThan(50 * low.spread!);
  });
});

describe('ensemble plane', () => {
  it("rejects 'axes' that are not coordinates of θ", async () => {
    const config = parseConfig({
      problem: { kind: 'surface', surface: 'quadratic' },
      ensemble: { plane: 'axes', axes: [0, 2], noise: { sigma: 1 }, steps: 2 },
    });
    const experiment = buildExperiment(config);
    await expect(experimentEnsemble(experiment, config.ensemble!)).rejects.toThrow(
      'ensemble.axes: coordinate 2 does not exist, this problem has P = 2 parameters (0 to 1)',
    );
    experiment.problem.dispose();
  });
});
