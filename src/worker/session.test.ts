import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { tf } from '../engine/tf';
import type { SessionInfo } from '../protocol/session-info';
import { DEFAULT_VIEW } from '../config/view';
import type {
  LandscapeFailure,
  LandscapeFrame,
  SessionListener,
  SnapshotFrame,
  ConnectFrame,
  CurvatureFrame,
  MinimaFrame,
} from '../protocol/frames';
import { ComputeSession, RECORDING_BYTES, recordingLimit } from './session';

function recorder() {
  const events = {
    info: [] as SessionInfo[],
    snapshots: [] as SnapshotFrame[],
    landscapes: [] as LandscapeFrame[],
    progress: [] as number[],
    status: [] as { playing: boolean; step: number; finished: boolean }[],
    errors: [] as string[],
    failures: [] as LandscapeFailure[],
    curvature: [] as CurvatureFrame[],
    minima: [] as MinimaFrame[],
    connect: [] as ConnectFrame[],
  };
  const listener: SessionListener = {
    session: (i) => events.info.push(i),
    snapshot: (s) => {
      events.snapshots.push(s);
    },
    landscapeFailed: (f) => events.failures.push(f),
    curvature: (c) => events.curvature.push(c),
    minima: (m) => events.minima.push(m),
    connect: (c) => events.connect.push(c),
    badMinima: () => undefined,
    implicitBias: () => undefined,
    ensemble: () => undefined,
    noise: () => undefined,
    digitsView: () => undefined,
    landscape: (l) => events.landscapes.push(l),
    progress: (p) => events.progress.push(p.done),
    status: (s) => events.status.push(s),
    error: (e) => events.errors.push(e),
  };
  return { events, listener };
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const SMALL = {
  seed: 2,
  problem: { kind: 'mlp', hidden: [8, 8], activation: 'tanh' },
  data: { kind: 'spiral', points: 80 },
  runs: [
    { optimizer: 'sgd', lr: 0.3 },
    { optimizer: 'momentum', lr: 0.1 },
    { optimizer: 'adam', lr: 0.02 },
  ],
  steps: 60,
};

/** ½(x² + 20y²) (λ_max = 20, tr = 21) raced by SGD and Adam for 10 steps. */
const QUADRATIC = {
  problem: { kind: 'surface', surface: 'quadratic', kappa: 20 },
  runs: [
    { optimizer: 'sgd', lr: 0.01 },
    { optimizer: 'adam', lr: 0.1 },
  ],
  steps: 10,
};

/** A session on QUADRATIC (5×5 landscapes) after its first 4 steps. */
async function quadraticAfter4Steps(listener: SessionListener): Promise<ComputeSession> {
  const session = new ComputeSession(listener);
  await session.configure(QUADRATIC, { ...DEFAULT_VIEW, n: 5 });
  await session.step(4);
  return session;
}

describe('ComputeSession', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('shows step 0 on a random plane at θ₀, then races, and switches to PCA when training ends', async () => {
    const before = tf.memory().numTensors;
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 9 });
    expect(events.info[0]!.names).toEqual(['SGD', 'Momentum', 'Adam']);
    expect(events.info[0]!.points!.xTrain.length).toBe(2 * 64);
    const first = events.landscapes[0]!;
    expect(first.directions).toBe('random');
    expect(Array.from(first.a)).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
    expect(first.values.length).toBe(81);
    // All runs start at θ₀, the plane's centre.
    const s0 = events.snapshots[0]!;
    expect(s0.step).toBe(0);
    expect(Array.from(s0.steps)).toEqual([0]);
    expect(Array.from(s0.a)).toEqual([0, 0, 0]);
    expect(s0.planeValue[0]).toBeCloseTo(s0.trueValue[0]!, 5);
    expect(first.values[40]).toBeCloseTo(s0.trueValue[0]!, 5);
    expect(s0.boundary!.values.length).toBe(48 * 48);

    session.setSpeed(10);
    session.play();
    await until(() => events.status.some((s) => s.finished));
    expect(events.snapshots.flatMap((s) => Array.from(s.steps))).toEqual([
      0, 10, 20, 30, 40, 50, 60,
    ]);
    await until(() => events.landscapes.length === 2);
    const pca = events.landscapes[1]!;
    expect(pca.directions).toBe('pca');
    expect(pca.explained![0] + pca.explained![1]).toBeLessThanOrEqual(1 + 1e-6);
    expect(pca.axisLabels[0]).toMatch(/^PC1 \(\d+\.\d %\)$/);
    expect(Array.from(pca.steps)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(pca.trajectories).toHaveLength(3);
    // Run 0's final point is the PCA centre.
    expect(pca.trajectories[0]!.a[6]).toBeCloseTo(0, 4);
    // The last frame's losses are the recorded ones.
    const lastFrame = events.snapshots.at(-1)!;
    expect(pca.trajectories[2]!.trueValue[6]).toBeCloseTo(lastFrame.trainLoss.at(-1)!, 5);
    await session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a Hessian view: the eigenvector plane at θ₀ ([−1, 1]), recomputed at run 0’s final point when training ends', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, directions: 'hessian', n: 9 });
    const first = events.landscapes[0]!;
    expect(first.directions).toBe('hessian');
    expect(first.axisLabels[0]).toMatch(/^v₁ \(λ = [−\d.e+]+\)$/);
    expect(Array.from(first.a)).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
    expect(first.values[40]).toBeCloseTo(events.snapshots[0]!.trueValue[0]!, 5);
    session.setSpeed(60);
    session.play();
    await until(() => events.status.some((s) => s.finished));
    await until(() => events.landscapes.length === 2);
    const last = events.landscapes[1]!;
    expect(last.directions).toBe('hessian');
    // Run 0's final point is the centre: its projection is the origin, on the plane.
    const end = last.trajectories[0]!.a.length - 1;
    expect(last.trajectories[0]!.a[end]).toBeCloseTo(0, 5);
    expect(last.trajectories[0]!.offPlaneRelative[end]).toBeCloseTo(0, 5);
    expect(last.axisLabels).not.toEqual(first.axisLabels);
    await session.dispose();
  });

  it('single-steps and pauses; flags a diverging run while the others go on', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      {
        ...SMALL,
        runs: [
          { optimizer: 'sgd', lr: 0.3 },
          { optimizer: 'sgd', lr: 1000 },
        ],
        steps: 200,
      },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    await session.step(1);
    await session.step(3);
    expect(events.snapshots.flatMap((s) => Array.from(s.steps))).toEqual([0, 1, 4]);
    const last = events.snapshots.at(-1)!;
    expect(last.divergedAt[1]).toBeGreaterThanOrEqual(1);
    expect(last.divergedAt[0]).toBe(-1);
    session.setSpeed(20);
    session.play();
    await until(() => events.snapshots.at(-1)!.step >= 44);
    const pausedAt = await session.pause();
    expect(events.snapshots.at(-1)!.step).toBe(pausedAt);
    expect(events.status.at(-1)).toEqual({ playing: false, step: pausedAt, finished: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(events.snapshots.at(-1)!.step).toBe(pausedAt);
    expect(pausedAt).toBeLessThan(200);
    const k = 2;
    const newest = events.snapshots.at(-1)!;
    expect(newest.trainLoss[newest.trainLoss.length - k]!).toBeLessThan(
      events.snapshots[0]!.trainLoss[0]!,
    );
    await session.dispose();
  });

  it('uses the exact axes for surfaces and the fitted curve for 1-D regression', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { problem: { kind: 'surface', surface: 'himmelblau' }, steps: 10 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    expect(events.landscapes[0]!.directions).toBe('axes');
    expect(Array.from(events.landscapes[0]!.a)).toEqual([-5, -2.5, 0, 2.5, 5]);
    expect(events.snapshots[0]!.a[0]).toBe(0);
    expect(events.snapshots[0]!.offPlaneRelative[0]).toBe(0);
    await session.configure(
      {
        problem: { kind: 'tanh-regression', units: 3 },
        data: { kind: 'tanh-teacher' },
        runs: [{ optimizer: 'adam', lr: 0.05 }],
        steps: 10,
      },
      { ...DEFAULT_VIEW, n: 5 },
    );
    const curve = events.snapshots.at(-1)!.curve!;
    expect(curve.x.length).toBe(120);
    expect(curve.y.length).toBe(120);
    await session.dispose();
  });

  it('measures curvature as a job: closed forms of the quadratic at the newest point; bad settings in words', async () => {
    const { events, listener } = recorder();
    const session = await quadraticAfter4Steps(listener);
    await session.run({
      kind: 'curvature',
      spec: {
        eigen: { count: 2, iterations: 2 },
        trace: { probes: 3 },
        density: false,
        sharpness: false,
      },
    });
    const done = events.curvature.at(-1)!;
    expect(done.state).toBe('done');
    expect(done.result!.runs.map((r) => r.eigen!.values[0])).toEqual([
      expect.closeTo(20, 3),
      expect.closeTo(20, 3),
    ]);
    expect(done.result!.runs[1]!.trace!.value).toBeCloseTo(21, 3);
    expect(events.curvature.some((f) => f.state === 'running')).toBe(true);
    await session.run({ kind: 'curvature', spec: { runs: [7] } });
    expect(events.curvature.at(-1)).toMatchObject({
      state: 'failed',
      message: 'curvature.runs: refers to run 7, but there are 2 runs',
    });
    await session.run({ kind: 'curvature', at: 99 });
    expect(events.curvature.at(-1)!.message).toMatch(
      /^at: must be a recorded point from 0 to \d+ \(got 99\)$/,
    );
    await session.dispose();
  });

  it('Cancel stops a running curvature or minima job within one unit of work: no frame after it, no result, no leak', async () => {
    const { events, listener } = recorder();
    let session: ComputeSession | null = null;
    // The user presses Cancel when the second unit of work has been reported (while `pressCancel`).
    let pressCancel = true;
    const cancelling: SessionListener = {
      ...listener,
      curvature: (c) => {
        listener.curvature(c);
        if (pressCancel && c.state === 'running' && c.done === 2) session!.cancel('curvature');
      },
      minima: (m) => {
        listener.minima(m);
        if (pressCancel && m.state === 'running' && m.done === 2) session!.cancel('minima');
      },
    };
    session = new ComputeSession(cancelling);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 5 });
    await session.step(3);
    const tensors = tf.memory().numTensors;
    await session.run({
      kind: 'curvature',
      spec: { eigen: { count: 1, iterations: 30 }, trace: false, density: false, sharpness: false },
    });
    expect(events.curvature.map((f) => [f.state, f.done])).toEqual([
      ['running', 1],
      ['running', 2],
    ]);
    await session.run({ kind: 'minima', spec: { runs: [0, 1] } });
    expect(events.minima.map((f) => f.state)).toEqual(['running', 'running']);
    expect(events.minima.at(-1)!.done).toBe(2);
    expect(tf.memory().numTensors).toBe(tensors);
    // Nothing runs now: a second cancel is harmless, and a new job runs to its end.
    session.cancel('curvature');
    pressCancel = false;
    await session.run({
      kind: 'curvature',
      spec: { eigen: { count: 1, iterations: 3 }, trace: false, density: false, sharpness: false },
    });
    expect(events.curvature.at(-1)!.state).toBe('done');
    await session.dispose();
  });

  it('compares two minima as a job: closed forms of the quadratic; a newer job cancels the older; bad settings in words', async () => {
    const { events, listener } = recorder();
    const session = await quadraticAfter4Steps(listener);
    const spec = {
      eigen: { iterations: 2 },
      trace: { probes: 3 },
      density: { probes: 1, iterations: 2, points: 20 },
      sharpness: { epsilons: [1e-3], iterations: 2 },
      plane: { n: 5 },
      slices: { points: 5 },
      interpolation: { points: 4 },
    };
    // The first job is aborted by the second before its first unit of work ends.
    const first = session.run({ kind: 'minima', spec });
    await session.run({ kind: 'minima', spec: { ...spec, runs: [1, 0] } });
    await first;
    const done = events.minima.filter((f) => f.state === 'done');
    expect(done).toHaveLength(1);
    // The aborted job reports nothing (it stops at its first unit of work, before reporting it).
    expect(new Set(events.minima.map((f) => f.jobId))).toEqual(new Set([done[0]!.jobId]));
    const result = done[0]!.result!;
    expect(result.minima.map((m) => m.run)).toEqual([1, 0]);
    expect(result.minima.map((m) => m.lambdaMax)).toEqual([
      expect.closeTo(20, 3),
      expect.closeTo(20, 3),
    ]);
    expect(result.minima[0].trace.value).toBeCloseTo(21, 3);
    expect(result.minima.map((m) => m.step)).toEqual([4, 4]);
    expect(result.interpolation.t).toEqual([-1, 0, 1, 2]);
    expect(events.minima.some((f) => f.state === 'running' && f.jobId === done[0]!.jobId)).toBe(
      true,
    );
    await session.run({ kind: 'minima', spec: { runs: [0, 7] } });
    expect(events.minima.at(-1)).toMatchObject({
      state: 'failed',
      message: 'minima.runs[1]: refers to run 7, but there are 2 runs',
    });
    await session.run({ kind: 'minima', spec: { runs: [1, 1] } });
    expect(events.minima.at(-1)!.message).toBe(
      'minima.runs: must name two different runs, e.g. [0, 1]',
    );
    await session.run({ kind: 'minima', spec: { slices: { points: 4 } } });
    expect(events.minima.at(-1)!.message).toBe(
      'minima.slices.points: must be odd, so that s = 0 (the minimum) is a point',
    );
    await session.run({ kind: 'minima', at: 99 });
    expect(events.minima.at(-1)!.message).toMatch(
      /^at: must be a recorded point from 0 to \d+ \(got 99\)$/,
    );
    await session.dispose();
  });

  it('tracks λ_max of every run while playing, within its time budget: κ on the quadratic', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { ...QUADRATIC, steps: 400, recordEvery: 1 },
      { ...DEFAULT_VIEW, n: 5 },
    );
    session.setSpeed(1000);
    session.play();
    await until(() => events.status.some((s) => s.finished));
    const entries = events.snapshots.flatMap((f) =>
      f.sharpness ? Array.from(f.sharpness.steps, (step, i) => ({ step, f, i })) : [],
    );
    // Measured from the first step on, then as the budget allows (never every step).
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.length).toBeLessThan(400);
    expect(entries[0]!.step).toBe(1);
    for (const { f, i } of entries) {
      // The Hessian of ½(x² + κy²) is diag(1, κ) everywhere: λ_max = κ for both runs.
      expect(f.sharpness!.values[2 * i]).toBeCloseTo(20, 3);
      expect(f.sharpness!.values[2 * i + 1]).toBeCloseTo(20, 3);
    }
    // Steps strictly increase across frames (nothing sent twice).
    const steps = entries.map((e) => e.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(new Set(steps).size).toBe(steps.length);
    await session.dispose();
  });

  it('keeps the tensor count flat across repeated landscape recomputations and steps', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 7, directions: 'random' });
    await session.step(5);
    await session.setView({ ...DEFAULT_VIEW, n: 9, directions: 'pca' });
    const baseline = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) {
      await session.step(3);
      await session.setView({
        ...DEFAULT_VIEW,
        n: 7 + 2 * (k % 2),
        directions: k % 2 ? 'pca' : 'random',
      });
      await session.computeLandscape();
    }
    expect(tf.memory().numTensors).toBe(baseline);
    expect(events.landscapes.length).toBeGreaterThanOrEqual(12);
    await session.dispose();
  });

  it('rejects an invalid config with every problem and keeps nothing half-built', async () => {
    const { listener } = recorder();
    const session = new ComputeSession(listener);
    await expect(session.configure({ runs: [{ lr: -1 }] })).rejects.toThrow(
      /runs\[0\]\.lr: must be > 0/,
    );
    expect(session.config).toBeNull();
  });

  it('never queues frames: at most two unacknowledged, the rest coalesced with no point lost', async () => {
    const { events, listener } = recorder();
    const acks: (() => void)[] = [];
    // A page that draws slowly: it acknowledges a frame only when the test says so.
    const slow: SessionListener = {
      ...listener,
      snapshot: (frame) => {
        events.snapshots.push(frame);
        return new Promise<void>((resolve) => acks.push(resolve));
      },
    };
    const session = new ComputeSession(slow);
    await session.configure(
      { ...SMALL, steps: 400, recordEvery: 1 },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    session.setSpeed(1000);
    session.play();
    await until(() => session.stats().step >= 40);
    // Training went on (40 recorded steps) but only two frames were sent.
    expect(events.snapshots.length).toBe(2);
    expect(session.stats().framesInFlight).toBe(2);
    const pausedAt = await session.pause();
    expect(session.stats().step).toBe(pausedAt);
    // The page catches up: one coalesced frame carries every point recorded meanwhile.
    while (acks.length) {
      acks.shift()!();
      await new Promise((r) => setTimeout(r, 5));
    }
    const steps = events.snapshots.flatMap((f) => Array.from(f.steps));
    expect(steps).toEqual(Array.from({ length: pausedAt + 1 }, (_, i) => i));
    expect(events.snapshots.length).toBeLessThan(6);
    const coalesced = events.snapshots[2]!;
    expect(coalesced.steps.length).toBeGreaterThan(30);
    expect(coalesced.a.length).toBe(coalesced.steps.length * 3);
    expect(coalesced.trainLoss.length).toBe(coalesced.steps.length * 3);
    await session.dispose();
  });

  it('a held-back frame goes out before the status that follows it (finished after the last point)', async () => {
    const { events, listener } = recorder();
    const acks: (() => void)[] = [];
    // In order: 's<last step>' for a frame, 'finished' / 'paused' for a status.
    const order: string[] = [];
    const slow: SessionListener = {
      ...listener,
      snapshot: (frame) => {
        events.snapshots.push(frame);
        order.push(`s${frame.steps.at(-1)}`);
        return new Promise<void>((resolve) => acks.push(resolve));
      },
      status: (status) => {
        events.status.push(status);
        order.push(status.finished ? 'finished' : status.playing ? 'playing' : 'paused');
      },
    };
    const session = new ComputeSession(slow);
    await session.configure(
      { ...SMALL, steps: 60, recordEvery: 1 },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    session.setSpeed(1000);
    session.play();
    // Training ends while the page still holds two frames: the status waits for the last points.
    await until(() => session.stats().step >= 60);
    expect(order).not.toContain('finished');
    while (!order.includes('finished')) {
      acks.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(order.slice(-2)).toEqual(['s60', 'finished']);
    const steps = events.snapshots.flatMap((f) => Array.from(f.steps));
    expect(steps).toEqual(Array.from({ length: 61 }, (_, i) => i));
    while (acks.length) acks.shift()!();
    await session.dispose();
  });

  it('bounds the recording: older snapshots thinned, θ₀ and the newest kept, the page told', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener, { recordLimit: 16 });
    await session.configure(
      { ...SMALL, steps: 100, recordEvery: 1 },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    session.setSpeed(1000);
    session.play();
    await until(() => events.status.some((s) => s.finished));
    await until(() => session.stats().framesInFlight === 0);
    expect(session.stats().recorded).toBeLessThanOrEqual(16);
    // Replay the frames as the page does: a replacing frame starts over.
    let steps: number[] = [];
    for (const f of events.snapshots)
      steps = f.replace ? Array.from(f.steps) : [...steps, ...f.steps];
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100);
    expect(steps.length).toBe(session.stats().recorded);
    // Strictly increasing; the newest eight at full resolution, older ones thinned.
    steps.forEach((s, i) => i > 0 && expect(s).toBeGreaterThan(steps[i - 1]!));
    expect(steps.slice(-8)).toEqual([93, 94, 95, 96, 97, 98, 99, 100]);
    const info = events.snapshots.at(-1)!.recording;
    expect(info.limit).toBe(16);
    expect(info.kept).toBe(steps.length);
    expect(info.thinnedBefore).not.toBeNull();
    expect(steps).toContain(info.thinnedBefore!);
    // The PCA plane still works on the thinned recording.
    await session.setView({ ...DEFAULT_VIEW, n: 5, directions: 'pca' });
    const pca = events.landscapes.at(-1)!;
    expect(pca.directions).toBe('pca');
    expect(Array.from(pca.steps)).toEqual(steps);
    await session.dispose();
  });

  it('states the recording limit from K × P and the byte budget', () => {
    expect(recordingLimit(3, 337)).toBe(2048);
    expect(recordingLimit(16, 200_000)).toBe(16);
    expect(recordingLimit(16, 2_000)).toBe(
      2 * Math.floor(Math.floor(RECORDING_BYTES / (4 * 32_000)) / 2),
    );
  });

  it('a new experiment never waits for a landscape job: it is aborted and reports nothing', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(SMALL, { ...DEFAULT_VIEW, n: 5, directions: 'random' });
    await session.step(30);
    const before = events.landscapes.length;
    // A large PCA landscape, then at once a new experiment.
    const job = session.setView({ ...DEFAULT_VIEW, n: 201, directions: 'pca' });
    await until(() => events.progress.length > 0);
    await session.configure({ ...SMALL, seed: 3 }, { ...DEFAULT_VIEW, n: 5, directions: 'random' });
    await job;
    // Only the new experiment's first landscape arrived; the big one was dropped unfinished.
    expect(events.landscapes.length).toBe(before + 1);
    expect(events.landscapes.at(-1)!.n).toBe(5);
    expect(events.failures).toEqual([]);
    await session.dispose();
  });

  it('least squares at θ₀ = 0 gets a real random plane (no "parallel directions" failure)', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      {
        problem: { kind: 'linear-regression' },
        data: { kind: 'linear-design', points: 20, features: 50 },
        runs: [{ optimizer: 'sgd', lr: 0.01 }],
        steps: 20,
      },
      { ...DEFAULT_VIEW, n: 5 },
    );
    expect(events.failures).toEqual([]);
    expect(events.errors).toEqual([]);
    const first = events.landscapes[0]!;
    expect(first.axisLabels[0]).toMatch(/unit-norm/);
    const values = Array.from(first.values);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(Math.max(...values)).toBeGreaterThan(Math.min(...values));
    await session.dispose();
  });

  it('a plane through coinciding points is refused in words; the view on screen is kept', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    const view = { ...DEFAULT_VIEW, n: 5, directions: 'random' as const };
    await session.configure(SMALL, view);
    await session.step(10);
    const shown = events.landscapes.length;
    await session.setView({
      ...view,
      directions: 'points',
      through: [
        { run: 0, at: 'final' },
        { run: 0, at: 'final' },
        { run: 1, at: 'final' },
      ],
    });
    expect(events.landscapes.length).toBe(shown);
    expect(events.failures).toHaveLength(1);
    expect(events.failures[0]!.message).toMatch(/lie on one line|same point/);
    expect(events.failures[0]!.view).toEqual(view);
    // The session went back to the view on screen: a recompute shows it again.
    await session.computeLandscape();
    expect(events.landscapes.at(-1)!.directions).toBe('random');
    await session.dispose();
  });

  it('refuses up front what would not fit, naming what to lower, and keeps nothing half-built', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    const huge = {
      problem: { kind: 'mlp', hidden: [256, 256, 256, 256] },
      data: { kind: 'spiral', points: 100_000 },
      runs: Array.from({ length: 16 }, () => ({ optimizer: 'adam', lr: 0.01 })),
      steps: 1_000_000,
      recordEvery: 1,
    };
    await expect(session.configure(huge, { ...DEFAULT_VIEW, n: 201 })).rejects.toThrow(
      /steps|points|hidden/,
    );
    expect(session.config).toBeNull();
    expect(events.info).toEqual([]);
    expect(tf.memory().numTensors).toBeLessThan(50);
  });

  it('a metric with no data (accuracy of a regression, test loss with no test set) is refused in words', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { ...SMALL, data: { kind: 'spiral', points: 80, testFraction: 0 } },
      { ...DEFAULT_VIEW, n: 5, directions: 'random', metric: 'testLoss' },
    );
    // Opened on the training loss instead; the snapshot's test loss is NaN, not a number from nowhere.
    expect(events.landscapes[0]!.metric).toBe('trainLoss');
    expect(Number.isNaN(events.snapshots[0]!.testLoss[0]!)).toBe(true);
    await session.setView({ ...DEFAULT_VIEW, n: 5, directions: 'random', metric: 'testLoss' });
    expect(events.failures.at(-1)!.message).toMatch(/^There is no test set/);
    expect(events.failures.at(-1)!.view!.metric).toBe('trainLoss');
    await session.configure(
      {
        problem: { kind: 'tanh-regression', units: 3 },
        data: { kind: 'tanh-teacher' },
        runs: [{ optimizer: 'adam', lr: 0.05 }],
        steps: 10,
      },
      { ...DEFAULT_VIEW, n: 5 },
    );
    await session.setView({ ...DEFAULT_VIEW, n: 5, metric: 'testAccuracy' });
    expect(events.failures.at(-1)!.message).toMatch(/^Accuracy needs a classification problem/);
    await session.dispose();
  });

  it('overlapping configures run one after another and free the first experiment', async () => {
    const before = tf.memory().numTensors;
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    const view = { ...DEFAULT_VIEW, n: 5, directions: 'random' as const };
    await Promise.all([
      session.configure(SMALL, view),
      session.configure({ ...SMALL, seed: 9 }, view),
    ]);
    expect(events.info).toHaveLength(2);
    expect(session.config!.seed).toBe(9);
    await session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a replay stops exactly at the step asked for, between recorded steps too', async () => {
    const { events, listener } = recorder();
    const session = new ComputeSession(listener);
    await session.configure(
      { ...SMALL, recordEvery: 5 },
      { ...DEFAULT_VIEW, n: 5, directions: 'random' },
    );
    session.setSpeed(50);
    await session.playUntil(7);
    expect(session.stats().step).toBe(7);
    expect(events.status.at(-1)).toEqual({ playing: false, step: 7, finished: false });
    await session.dispose();
  });
  it('records every recordEvery-th step whatever the playback speed (speed only paces)', async () => {
    /** The steps recorded when playing the whole race at `speed`, and how long play took. */
    const recordedAt = async (speed: number): Promise<{ steps: number[]; ms: number }> => {
      const { events, listener } = recorder();
      const session = new ComputeSession(listener);
      await session.configure(
        {
          problem: { kind: 'surface', surface: 'quadratic', kappa: 50 },
          runs: [{ optimizer: 'sgd', lr: 0.035 }],
          steps: 120,
          recordEvery: 3,
        },
        { ...DEFAULT_VIEW, n: 5 },
      );
      session.setSpeed(speed);
      const start = performance.now();
      session.play();
      await until(() => events.status.some((s) => s.finished));
      const ms = performance.now() - start;
      await session.dispose();
      return { steps: events.snapshots.flatMap((f) => Array.from(f.steps)), ms };
    };
    const every3 = Array.from({ length: 41 }, (_, i) => 3 * i);
    // Speed 1 paces 120 updates over 2 s (60 per second); speed 50 over 40 ms: the same 41 points.
    const slow = await recordedAt(1);
    const fast = await recordedAt(50);
    console.log(
      `[session] 120 updates: speed 50 ${fast.ms.toFixed(0)} ms, speed 1 ${slow.ms.toFixed(0)} ms`,
    );
    expect(fast.steps).toEqual(every3);
    expect(slow.steps).toEqual(every3);
    // Speed 1 is held to its pace (fast is as fast as the updates are computed).
    expect(slow.ms).toBeGreaterThan(1900);
  }, 30_000);
});
