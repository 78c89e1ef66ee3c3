/**
 * Shared pieces of the controller's tests: the session info a worker sends, snapshot and landscape
 * frames of K runs, and a controller started on a fake compute client (./fake-compute-client.ts).
 * Every builder takes overrides, so that each test states the values it asserts on.
 */
import type { Mock } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { DEFAULT_VIEW } from '../config/view';
import type { LandscapeFrame, SnapshotFrame } from '../protocol/frames';
import type { SessionInfo } from '../protocol/session-info';
import { createAppStore } from '../state/store';
import { SessionController } from './controller';
import { fakeComputeClient } from './fake-compute-client';
import type { FrameClock } from './frame-batcher';

/** The info of a session of two runs ('SGD', 'Adam') of an MLP on spirals, 100 steps. */
export function sessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    names: ['SGD', 'Adam'],
    colors: ['#4e79a7', '#f28e2b'],
    steps: 100,
    problem: { name: 'mlp', task: 'classification', parameters: 9, layout: '' },
    model: 'MLP',
    data: 'spirals',
    loss: 'binary cross-entropy',
    ...overrides,
  };
}

/** Logistic regression (3 parameters) on linearly separable data, runs 'GD' and 'Adagrad'. */
export function logisticSessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return sessionInfo({
    names: ['GD', 'Adagrad'],
    problem: { name: 'logistic', task: 'classification', parameters: 3, layout: '' },
    model: 'logistic regression',
    data: 'linear',
    ...overrides,
  });
}

/**
 * A snapshot frame of one step of two runs on plane `planeId`: train loss [0.7 − step/1000, 0.6],
 * test loss [0.71, 0.62], the runs at a = [0, 0], b = [0, 0], none diverged; `overrides` replace
 * any field (per-run arrays hold K = 2 values, [T, K] row-major for T steps).
 */
export function snapshotFrame(
  step: number,
  planeId: number,
  overrides: Partial<SnapshotFrame> = {},
): SnapshotFrame {
  const f = (...v: number[]) => Float32Array.from(v);
  return {
    step,
    replace: false,
    steps: Int32Array.from([step]),
    recording: { kept: 1, limit: 2048, thinnedBefore: null },
    trainLoss: f(0.7 - step / 1000, 0.6),
    testLoss: f(0.71, 0.62),
    gradNorm: f(1, 1),
    divergedAt: Int32Array.from([-1, -1]),
    planeId,
    a: f(0, 0),
    b: f(0, 0),
    trueValue: f(0.7, 0.6),
    planeValue: f(0.69, 0.59),
    offPlaneRelative: f(0.1, 0.2),
    ...overrides,
  };
}

/** What a landscape frame of `landscapeFrame` is made of; the rest of the frame may be overridden. */
export interface LandscapeSpec extends Partial<LandscapeFrame> {
  /** The plane's id, also the frame's job id (default 1). */
  planeId?: number;
  /** The steps each path holds (default [0]). */
  pathSteps?: number[];
  /** The grid coordinates of both axes; n is their count (default −1, −0.5, 0, 0.5, 1). */
  axis?: number[];
  /** Every grid value (default 1). */
  fill?: number;
  /** How many runs' paths (default 2). */
  runs?: number;
  /** A path point's a-coordinate at a step (default step / 10; b is 0). */
  pathA?: (step: number) => number;
  /** Every path point's true and plane loss (default 0.5 and 0.4). */
  trueValue?: number;
  planeValue?: number;
}

/**
 * A landscape frame of `runs` paths over `pathSteps` on an n × n PCA grid of constant values
 * (train loss; axes 'PC1 (90.0 %)', 'PC2 (5.0 %)', explained [0.9, 0.05]).
 */
export function landscapeFrame({
  planeId = 1,
  pathSteps = [0],
  axis = [-1, -0.5, 0, 0.5, 1],
  fill = 1,
  runs = 2,
  pathA = (step) => step / 10,
  trueValue = 0.5,
  planeValue = 0.4,
  ...overrides
}: LandscapeSpec = {}): LandscapeFrame {
  const t = pathSteps.length;
  const n = axis.length;
  const path = () => ({
    a: Float32Array.from(pathSteps, pathA),
    b: new Float32Array(t),
    trueValue: new Float32Array(t).fill(trueValue),
    planeValue: new Float32Array(t).fill(planeValue),
    offPlaneRelative: new Float32Array(t),
  });
  return {
    jobId: planeId,
    planeId,
    directions: 'pca',
    metric: 'trainLoss',
    axisLabels: ['PC1 (90.0 %)', 'PC2 (5.0 %)'],
    explained: [0.9, 0.05],
    n,
    a: Float32Array.from(axis),
    b: Float32Array.from(axis),
    values: new Float32Array(n * n).fill(fill),
    steps: Int32Array.from(pathSteps),
    trajectories: Array.from({ length: runs }, path),
    ...overrides,
  };
}

/**
 * A controller of the app's default experiment and view (app/defaults' DEFAULT_CONFIG) on a new
 * store and a fake compute client (with `overrides` of its calls, and `clock` for its batches of
 * frames), started on the default backend, paused: the store, the controller and the fake's
 * `api`, `listener()`, `client` and `die`.
 */
export async function startedController<Overrides extends Record<string, Mock>>(
  overrides: Overrides = {} as Overrides,
  clock?: FrameClock,
) {
  const store = createAppStore();
  const fake = fakeComputeClient(overrides);
  const controller = new SessionController(
    store,
    () => fake.client,
    DEFAULT_EXPERIMENT,
    DEFAULT_VIEW,
    clock,
  );
  await controller.start(null, false);
  return { store, controller, ...fake };
}
