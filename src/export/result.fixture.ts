/** A result file for tests (not imported by the app). */
import { parseConfig } from '../config/parse';
import type { ExperimentResult } from '../config/result';

/** A hand-made result: two runs of two recorded points on a 2 × 2 grid. */
export function smallResult(): ExperimentResult {
  const config = parseConfig({
    problem: { kind: 'surface', surface: 'rosenbrock' },
    runs: [
      { optimizer: 'sgd', lr: 0.001 },
      { optimizer: 'adam', lr: 0.05, color: '#ff0000' },
    ],
    steps: 10,
    recordEvery: 10,
  });
  const hyper = {
    optimizer: 'sgd' as const,
    lr: 0.001,
    momentum: 0,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    alpha: 0.99,
    weightDecay: 0,
    momentumDecay: 0.004,
    batchSize: 1,
    schedule: {
      kind: 'constant' as const,
      warmupSteps: 0,
      stepSize: 100,
      gamma: 0.5,
      minLrFactor: 0,
    },
    samRho: 0,
  };
  const point = (step: number, loss: number) => ({
    step,
    theta: [step, -step],
    trainLoss: loss,
    testLoss: null,
    gradNorm: 1,
  });
  return {
    config,
    backend: 'cpu',
    problem: {
      name: 'rosenbrock',
      parameters: 2,
      layout: [{ name: 'xy', shape: [2], kind: 'weight', offset: 0 }],
    },
    unavailable: {},
    runs: [
      {
        name: 'SGD',
        hyper,
        diverged: false,
        divergedAt: null,
        trajectory: [point(0, 24.2), point(10, 4)],
      },
      {
        name: 'Adam',
        hyper: { ...hyper, optimizer: 'adam', lr: 0.05 },
        diverged: true,
        divergedAt: 7,
        trajectory: [point(0, 24.2), point(10, Number.NaN)],
      },
    ],
    landscape: {
      directions: 'axes',
      explained: null,
      axisLabels: ['x', 'y'],
      n: 2,
      a: [-1, 1],
      b: [0, 2],
      values: { trainLoss: [1, 2, 3, Number.POSITIVE_INFINITY] },
      trajectories: ['SGD', 'Adam'].map((name) => ({
        name,
        a: [-1, 0.5],
        b: [0, 1],
        trueLoss: [24.25, 4],
        planeLoss: [24.25, 4],
        offPlane: [0, 0],
        offPlaneRelative: [0, 0],
      })),
    },
    curvature: {
      split: 'train',
      batch: 'full',
      runs: [{ run: 0, name: 'SGD', step: 10, trace: { value: 2, standardError: 0.1, probes: 8 } }],
    },
  };
}
