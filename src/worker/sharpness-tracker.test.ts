/**
 * The sharpness tracker's budget: a measurement is due within `share` of the training time, or
 * once the worker has slept (paced playback) at least as long as the last measurement took.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { SurfaceProblem } from '../engine/problems/surfaces';
import { SharpnessTracker } from './sharpness-tracker';
import { parseAppConfig } from '../config/app';
import { buildExperiment, trainerOptions } from '../experiment/build';
import { train } from '../engine/train/trainer';
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import { lessonById } from '../lessons/registry';

describe('sharpness tracker', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('measures λ_max = κ on ½(x² + κy²), and is due again after enough training or enough sleep', async () => {
    const problem = new SurfaceProblem({ surface: 'quadratic', kappa: 20 });
    const tracker = new SharpnessTracker(problem, 2, 0.2, 2);
    expect(tracker.due).toBe(true);
    await tracker.measure(1, Float32Array.from([1, 1, -0.5, 2]));
    expect(tracker.steps).toEqual([1]);
    expect(tracker.values[0]![0]).toBeCloseTo(20, 3);
    expect(tracker.values[0]![1]).toBeCloseTo(20, 3);
    // The first measurement's one-off costs are charged as the second's: the second is due at once.
    expect(tracker.due).toBe(true);
    await tracker.measure(1, Float32Array.from([1, 1, -0.5, 2]));
    // The measurements took some time m > 0 and no training has been counted: not due.
    expect(tracker.due).toBe(false);
    // Sleep shorter than the measurement is not enough; ≥ it is (hence "dense when paced").
    tracker.addIdle(1e-9);
    expect(tracker.due).toBe(false);
    tracker.addIdle(1e4);
    expect(tracker.due).toBe(true);
    await tracker.measure(2, Float32Array.from([1, 1, -0.5, 2]));
    expect(tracker.due).toBe(false);
    // Negative waits (a lagging loop) are no sleep.
    tracker.addIdle(-1e6);
    expect(tracker.due).toBe(false);
    // Enough training (5× the time measured) makes it due through the share rule.
    tracker.addTraining(1e6);
    expect(tracker.due).toBe(true);
    const sent = tracker.take(false)!;
    expect(Array.from(sent.steps)).toEqual([1, 1, 2]);
    expect(sent.values).toHaveLength(6);
    problem.dispose();
  });

  it('warm-started measurements (4 Lanczos steps) agree with 20 cold steps while λ_max moves', async () => {
    // The edge-of-stability lesson's network while it sharpens and catapults (steps 0 … 80).
    const doc = parseAppConfig(lessonById('edge-of-stability')!.document);
    const experiment = buildExperiment({ ...doc.experiment, steps: 80 });
    const P = experiment.problem.layout.size;
    const tracker = new SharpnessTracker(experiment.problem, 2);
    let worst = 0;
    try {
      for await (const s of train(trainerOptions(experiment))) {
        if (s.step % 10 !== 0) continue;
        await tracker.measure(s.step, s.theta);
        const points = [0, 1].map((k) => s.theta.subarray(k * P, (k + 1) * P));
        const exact = await hessianTopEigen(experiment.problem, points, { iterations: 20 });
        const got = tracker.values.at(-1)!;
        exact.forEach((e, k) => {
          worst = Math.max(worst, Math.abs(got[k]! / e.values[0]! - 1));
        });
      }
    } finally {
      experiment.problem.dispose();
    }
    console.log(`[tracker] worst relative error of warm λ_max: ${worst.toExponential(2)}`);
    expect(tracker.steps).toHaveLength(9);
    expect(worst).toBeLessThan(1e-3);
  }, 60_000);
});
