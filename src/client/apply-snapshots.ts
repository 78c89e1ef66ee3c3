/**
 * The worker's snapshot frames → the store, as ONE update for any number of frames (the page's
 * FrameBatcher hands them over together): the loss histories, λ_max tracks and trajectory points
 * are appended in place in arrival order, then a single `setState` publishes the newest step,
 * boundary, curve and recording with the grown arrays, so the panels render once per batch.
 *
 * The store afterwards is exactly what applying the frames one by one gave (unit tests compare the
 * two): every point of every frame, in order; a replacing frame starts the histories and paths
 * over; trajectory points only when they lie on the plane on screen (`cursor.planeId`) and are
 * newer than the points that plane came with (`cursor.lastPlaneStep`, advanced here).
 */
import type { SnapshotFrame } from '../protocol/frames';
import type { SessionState } from '../state/session';
import type { AppState, AppStore } from '../state/store';
import type { TrajectoryView } from '../state/view-types';

/** The plane on screen and the newest step whose point is on its trajectories. */
export interface PlaneCursor {
  planeId: number;
  lastPlaneStep: number;
}

/** A copy of `array` with room for `capacity` values (the first `capacity` kept). */
export function grow(array: Float32Array, capacity: number): Float32Array {
  const out = new Float32Array(capacity);
  out.set(array.subarray(0, Math.min(array.length, capacity)));
  return out;
}

/** Empty λ_max tracks for K runs. */
export function emptySharpness(k: number): SessionState['sharpness'] {
  return { steps: [], values: Array.from({ length: k }, () => []) };
}

/** Empty loss histories for K runs. */
export function emptyHistory(k: number): SessionState['history'] {
  return {
    steps: [],
    trainLoss: Array.from({ length: k }, () => []),
    testLoss: Array.from({ length: k }, () => []),
  };
}

/**
 * Appends `frames` (in order) to the store's session and trajectories with one store update.
 * Does nothing without frames or without a session.
 */
export function applySnapshots(
  store: AppStore,
  frames: readonly SnapshotFrame[],
  cursor: PlaneCursor,
): void {
  const state = store.getState();
  const session = state.session;
  if (frames.length === 0 || !session) return;
  let history = session.history;
  let sharpness = session.sharpness;
  let sharpnessChanged = false;
  let boundary = session.boundary;
  let curve = session.curve;
  let trajectories = state.trajectories;
  /** The list itself is new (an array grew, or a frame replaced the paths). */
  let newList = false;
  let pointsChanged = false;
  for (const frame of frames) {
    const k = frame.divergedAt.length;
    const count = frame.steps.length;
    if (frame.replace) history = emptyHistory(k);
    for (let t = 0; t < count; t++) {
      history.steps.push(frame.steps[t]!);
      for (let r = 0; r < k; r++) {
        history.trainLoss[r]!.push(frame.trainLoss[t * k + r]!);
        history.testLoss[r]!.push(frame.testLoss[t * k + r]!);
      }
    }
    if (frame.sharpness) {
      // Appended in place (a replacing frame starts over).
      const s = frame.sharpness;
      if (frame.replace || sharpness.values.length !== k) sharpness = emptySharpness(k);
      for (let i = 0; i < s.steps.length; i++) {
        sharpness.steps.push(s.steps[i]!);
        for (let r = 0; r < k; r++) sharpness.values[r]!.push(s.values[i * k + r]!);
      }
      sharpnessChanged = true;
    }
    boundary = frame.boundary ?? boundary;
    curve = frame.curve ?? curve;
    if (frame.planeId !== cursor.planeId || frame.a.length === 0) continue;
    const appended = appendPoints(trajectories, frame, cursor.lastPlaneStep);
    trajectories = appended.trajectories;
    newList ||= appended.replaced || frame.replace;
    pointsChanged = true;
    if (count > 0) cursor.lastPlaneStep = frame.steps[count - 1]!;
  }
  const last = frames[frames.length - 1]!;
  const divergedAt = Array.from(last.divergedAt);
  const divergenceChanged = divergedAt.some((d, r) => d !== session.divergedAt[r]);
  const patch: Partial<SessionState> = {
    step: last.step,
    // A new wrapper (the arrays inside grow in place) so that the charts redraw.
    history: { ...history },
    // Keep the array's identity while nothing diverges (components compare by reference).
    divergedAt: divergenceChanged ? divergedAt : session.divergedAt,
    boundary,
    curve,
    recording: last.recording,
    // A new wrapper only when λ_max entries came (the curvature chart redraws then).
    sharpness: sharpnessChanged ? { ...sharpness } : session.sharpness,
  };
  store.setState((s: AppState) => ({
    session: s.session ? { ...s.session, ...patch } : null,
    ...(pointsChanged && {
      ...(newList && { trajectories }),
      version: s.version + 1,
      trajectoryVersion: s.trajectoryVersion + 1,
    }),
  }));
}

/**
 * One frame's points appended to every run's path (in place where there is room, else into grown
 * copies): returns the list (the same objects unless one grew) and whether one grew.
 */
function appendPoints(
  list: TrajectoryView[],
  frame: SnapshotFrame,
  lastPlaneStep: number,
): { trajectories: TrajectoryView[]; replaced: boolean } {
  const k = frame.divergedAt.length;
  const count = frame.steps.length;
  let replaced = false;
  const trajectories = list.map((t, r) => {
    let view = t;
    if (frame.replace) view.length = 0;
    const needed = view.length + count;
    if (needed > view.a.length) {
      const capacity = Math.max(2 * view.a.length, needed);
      view = {
        ...t,
        a: grow(t.a, capacity),
        b: grow(t.b, capacity),
        trueLoss: grow(t.trueLoss, capacity),
        planeLoss: grow(t.planeLoss, capacity),
        offPlane: grow(t.offPlane, capacity),
      };
      replaced = true;
    }
    let i = view.length;
    for (let p = 0; p < count; p++) {
      if (!frame.replace && frame.steps[p]! <= lastPlaneStep) continue;
      const j = p * k + r;
      view.a[i] = frame.a[j]!;
      view.b[i] = frame.b[j]!;
      view.trueLoss[i] = frame.trueValue[j]!;
      view.planeLoss[i] = frame.planeValue[j]!;
      view.offPlane[i] = frame.offPlaneRelative[j]!;
      i++;
    }
    view.length = i;
    view.diverged = frame.divergedAt[r]! >= 0;
    return view;
  });
  return { trajectories, replaced };
}
