/** Which step the overlay shows, from the store's inputs: the selected run, the point, the rule. */
import { describe, expect, it } from 'vitest';
import type { TrajectoryView } from '../state/view-types';
import { overshootView } from './overshoot-view';

function path(name: string, points: [number, number][]): TrajectoryView {
  const n = points.length;
  return {
    name,
    color: '#000000',
    a: Float32Array.from(points, (p) => p[0]),
    b: Float32Array.from(points, (p) => p[1]),
    trueLoss: new Float32Array(n),
    planeLoss: new Float32Array(n),
    offPlane: new Float32Array(n),
    length: n,
    diverged: false,
  };
}

const quadratic = (runs: object[], recordEvery = 1) => ({
  problem: { kind: 'surface', surface: 'quadratic', kappa: 10 },
  runs,
  steps: 60,
  recordEvery,
});

const base = {
  on: true,
  task: 'surface',
  selectedRun: 1,
  scrub: null,
  recordedSteps: [0, 1, 2],
};

describe('overshoot view', () => {
  const trajectories = [
    path('a', [
      [-1.5, 1],
      [-1.35, 0],
    ]),
    path('b', [
      [-1.5, 1],
      [-1.215, -1.1],
      [-0.96, 1.21],
    ]),
  ];

  it('plain SGD: the step −ηg from the selected run’s newest point, multipliers 1 − ηλ', () => {
    const view = overshootView({
      ...base,
      config: quadratic([
        { optimizer: 'sgd', lr: 0.1 },
        { optimizer: 'sgd', lr: 0.21 },
      ]),
      trajectories,
    })!;
    expect(view.run).toBe(1);
    expect(view.point).toBe(2);
    expect(view.step).toBe(2);
    expect(view.model!.theta[0]).toBeCloseTo(-0.96, 6);
    expect(view.model!.lr).toBe(0.21);
    expect(view.model!.multipliers![0]).toBeCloseTo(-1.1, 12);
    expect(view.samples).toHaveLength(41 * 4);
  });

  it('the scrubbed point; another optimiser by its recorded next point, or a reason', () => {
    const config = quadratic([{ optimizer: 'sgd' }, { optimizer: 'adam', lr: 0.1 }]);
    const scrubbed = overshootView({ ...base, config, trajectories, scrub: 0 })!;
    expect(scrubbed.point).toBe(0);
    expect(scrubbed.model!.step[0]).toBeCloseTo(-1.215 + 1.5, 6);
    expect(scrubbed.model!.step[1]).toBeCloseTo(-2.1, 6);
    expect(scrubbed.model!.multipliers).toBeNull();
    const newest = overshootView({ ...base, config, trajectories })!;
    expect(newest.model).toBeNull();
    expect(newest.reason).toMatch(/next step has not been taken yet/);
    const sparse = overshootView({
      ...base,
      config: quadratic(config.runs, 10),
      trajectories,
      scrub: 0,
    })!;
    expect(sparse.reason).toMatch(/record every update/);
  });

  it('nothing when off, on a network, or with a config that does not parse', () => {
    const config = quadratic([{ optimizer: 'sgd' }, { optimizer: 'sgd' }]);
    expect(overshootView({ ...base, config, trajectories, on: false })).toBeNull();
    expect(overshootView({ ...base, config, trajectories, task: 'classification' })).toBeNull();
    expect(overshootView({ ...base, config: { steps: -1 }, trajectories })).toBeNull();
  });
});
