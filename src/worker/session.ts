/**
 * An interactive training session: the state machine the compute worker runs (and that tests
 * drive directly in Node). It owns the experiment, the trainer, the current view plane and the
 * landscape jobs; it reports plain typed arrays to a listener and never sees the DOM.
 *
 * Time: play / pause / single-step / speed act between recorded steps; the trainer itself runs
 * as one batched program for all runs. Every `recordEvery`-th update is recorded whatever the
 * playback speed: the speed only paces (updates per animation frame). Analyses (the landscape, and those to come) are jobs by
 * kind, each in its own module under `jobs/`, cancellable and carrying a job id, so a result for
 * a plane that was replaced is never reported.
 */
import { messageOf, parseConfig } from '../config/parse';
import { isExplicit } from '../config/directions-schema';
import { LandscapeSchema, type ExperimentConfig } from '../config/schema';
import { DEFAULT_VIEW, type ViewSpec } from '../config/view';
import { planeEvaluator } from '../engine/landscape/evaluators';
import { lastHostGridThreads } from '../engine/landscape/host-grid';
import { chooseChunkSize } from '../engine/landscape/grid';
import type { LandscapeMetric, PlaneEvaluator } from '../engine/landscape/metrics';
import type { Plane } from '../engine/landscape/plane';
import { projectOntoPlane } from '../engine/landscape/projection';
import { VarProMap } from '../experiment/landscape-varpro';
import { tf, type Tensor2D } from '../engine/tf';
import { train, type Snapshot } from '../engine/train/trainer';
import {
  buildExperiment,
  problemLayout,
  trainerOptions,
  type Experiment,
} from '../experiment/build';
import { loadDataAssets } from '../experiment/data-assets';
import { checkResources, DEFAULT_BUDGET } from '../experiment/resources';
import type { RecordingInfo, SessionListener, SnapshotFrame } from '../protocol/frames';
import type { SessionStats, ShownPlane } from '../protocol/api';
import type { AnalysisJob, AnalysisKind } from '../protocol/jobs';
import { describeExperiment, inputWindow, runColors } from './describe';
import { classProbabilities } from '../engine/problems/probabilities';
import { BOUNDARY_N, boundaryGrid, CURVE_N, curveInputs } from './inputs';
import type { JobHost } from './jobs/host';
import { runJob } from './jobs/index';
import { metricError } from './jobs/landscape';
import { sleep } from './next-task';
import { SharpnessTracker } from './sharpness-tracker';

/**
 * Snapshots kept at full resolution while the recording fits: θ of K runs × P parameters × 4 bytes
 * per snapshot within `RECORDING_BYTES`, between `MIN_RECORDED` and `MAX_RECORDED` snapshots.
 * Beyond the limit the older half is thinned to every other snapshot (θ₀ and the newest are
 * always kept), so the recent path stays exact and the memory stays bounded.
 */
export const RECORDING_BYTES = 64 * 1024 * 1024;
export const MAX_RECORDED = 2048;
export const MIN_RECORDED = 16;

/** The recording limit (snapshots) for K runs of P parameters; even. */
export function recordingLimit(runs: number, parameters: number): number {
  const fit = Math.floor(RECORDING_BYTES / (4 * Math.max(1, runs * parameters)));
  return 2 * Math.floor(Math.min(MAX_RECORDED, Math.max(MIN_RECORDED, fit)) / 2);
}

/** One animation frame (ms): playback speed is counted in updates per frame. */
const FRAME_MS = 1000 / 60;

/** How far (ms) paced playback may fall behind its schedule before it starts a new one. */
const MAX_LAG_MS = 100;

/** Snapshot frames the page may hold unacknowledged; the rest are coalesced. */
export const MAX_FRAMES_IN_FLIGHT = 2;

/** What was recorded at every snapshot: θ of every run (row-major [K, P]) and its metrics [K]. */
interface Recording {
  steps: number[];
  thetas: Float32Array[];
  metrics: Record<LandscapeMetric, Float32Array>[];
  /** Snapshots before this index have been thinned (0 while none were). */
  fullFrom: number;
}

const emptyRecording = (): Recording => ({ steps: [], thetas: [], metrics: [], fullFrom: 0 });

/**
 * Views recomputed on pause and at the end: PCA (of the paths so far), the Hessian plane (at run
 * 0's newest point) and the tanh model's exact view (centres relative to run 0's newest point).
 */
function followsPaths(directions: ViewSpec['directions']): boolean {
  // An explicit plane without a centre of its own sits at run 0's newest point.
  if (isExplicit(directions)) return !directions.centre;
  return directions === 'pca' || directions === 'hessian' || directions === 'varpro';
}

function metricsOf(s: Snapshot): Record<LandscapeMetric, Float32Array> {
  const k = s.trainLoss.length;
  return {
    trainLoss: s.trainLoss,
    testLoss: s.testLoss,
    trainAccuracy: s.trainAccuracy ?? new Float32Array(k).fill(Number.NaN),
    testAccuracy: s.testAccuracy ?? new Float32Array(k).fill(Number.NaN),
  };
}

/** Keeps every other entry of the older half [0, n/2) (index 0 included) and the newer half. */
function thin<T>(items: T[]): T[] {
  const half = Math.floor(items.length / 2);
  return items.filter((_, i) => i >= half || i % 2 === 0);
}

export class ComputeSession implements JobHost {
  experiment: Experiment | null = null;
  private generator: AsyncGenerator<Snapshot, void, void> | null = null;
  recording: Recording = emptyRecording();
  private recordLimit = MAX_RECORDED;
  private last: Snapshot | null = null;
  view: ViewSpec = DEFAULT_VIEW;
  /** The view of the landscape on screen (what a failed job falls back to). */
  shownView: ViewSpec | null = null;
  private plane: Plane | null = null;
  /** The exact (w, shift) view of the tanh model when it is on screen (then `plane` is null). */
  private varpro: VarProMap | null = null;
  private planeId = 0;
  /** The grid's ranges on `plane` as computed (float64), when known. */
  private planeRanges: { aRange: [number, number]; bRange: [number, number] } | null = null;
  private evaluator: PlaneEvaluator | null = null;
  private jobId = 0;
  /** The running job of each kind (aborted by a newer one of its kind, or a reset). */
  private readonly jobs = new Map<AnalysisKind, AbortController>();
  private playing = false;
  private finished = false;
  private loop: Promise<void> | null = null;
  /** Playback pace while playing: updates per animation frame (~16.7 ms); recording is separate. */
  private speed = 5;
  /** Stop (and pause) once this update is recorded; null while free-running. */
  private target: number | null = null;
  /** While playing: pause once this update is reached (null: play to the end). */
  private until: number | null = null;
  private selectedRun = 0;
  private generation = 0;
  private boundaryInputs: Tensor2D | null = null;
  private curveInputs: Tensor2D | null = null;
  /** Recording entries already sent to the page; everything from here on is pending. */
  private sent = 0;
  /** The next frame must carry the whole recording (it was thinned, or the plane changed). */
  private replacePending = false;
  /** A frame is wanted even with no new points (e.g. a new selected run's boundary). */
  private refreshPending = false;
  private framesInFlight = 0;
  /** A status waits for the frame that carries the points recorded before it (`emitStatus`). */
  private statusPending = false;
  /** λ_max of every run while playing (null without an experiment). */
  private tracker: SharpnessTracker | null = null;
  /** The configure in progress (configures run one after another). */
  private configuring: Promise<void> = Promise.resolve();

  /** `recordLimit` overrides the recording limit (snapshots; tests use small ones). */
  constructor(
    readonly listener: SessionListener,
    private readonly options: { recordLimit?: number } = {},
  ) {}

  /** Starts a new experiment (validated; a ConfigError lists every problem) and shows step 0. */
  configure(input: unknown, view: ViewSpec = this.view): Promise<void> {
    // One at a time: two overlapping configures would both reset, then both build, and the
    // first experiment would never be freed.
    const next = this.configuring.then(() => this.configureNow(input, view));
    this.configuring = next.catch(() => undefined);
    return next;
  }

  private async configureNow(input: unknown, view: ViewSpec): Promise<void> {
    const config = parseConfig(input);
    // Refuse up front what would not fit (memory, work), naming what to lower: the recording is
    // capped by its limit here, the landscape is the view's grid.
    const parameters = problemLayout(config).size;
    checkResources(
      { ...config, landscape: LandscapeSchema.parse({ n: view.n, metrics: [view.metric] }) },
      DEFAULT_BUDGET,
      {
        maxRecordedSnapshots:
          this.options.recordLimit ?? recordingLimit(config.runs.length, parameters),
      },
    );
    await loadDataAssets(config);
    await this.reset();
    const generation = ++this.generation;
    const experiment = buildExperiment(config);
    // A metric this experiment has no data for opens on the training loss instead.
    this.view = metricError(experiment, view.metric)
      ? { ...view, metric: 'trainLoss' }
      : { ...view };
    this.experiment = experiment;
    this.tracker = new SharpnessTracker(experiment.problem, experiment.runs.length);
    this.finished = false;
    this.selectedRun = 0;
    this.recordLimit =
      this.options.recordLimit ??
      recordingLimit(experiment.runs.length, experiment.problem.layout.size);
    this.listener.session(describeExperiment(experiment, runColors(config)));
    this.prepareInputs(experiment);
    this.generator = train(
      trainerOptions(experiment, {
        shouldRecord: (t) =>
          this.target !== null
            ? t >= this.target
            : t % config.recordEvery === 0 || (this.until !== null && t >= this.until),
      }),
    );
    const first = await this.generator.next();
    if (generation !== this.generation || first.done) return;
    this.record(first.value, false);
    await this.computeLandscape();
    if (generation === this.generation) this.flush(true);
  }

  /** The current experiment's validated config, or null. */
  get config(): ExperimentConfig | null {
    return this.experiment?.config ?? null;
  }

  /** Figures for tests and the endurance script: device tensors, recording, frames in flight. */
  stats(): SessionStats {
    const memory = tf.memory();
    return {
      tensors: memory.numTensors,
      bytes: memory.numBytes,
      recorded: this.recording.steps.length,
      recordLimit: this.recordLimit,
      framesInFlight: this.framesInFlight,
      step: this.last?.step ?? 0,
      landscapeThreads: lastHostGridThreads(),
    };
  }

  play(): void {
    if (!this.generator || this.finished) return;
    this.target = null;
    this.until = null;
    this.playing = true;
    this.emitStatus();
    this.ensureLoop();
  }

  /**
   * Plays (recording every `recordEvery` updates as usual) until update `step`, then pauses: how a
   * restarted worker replays to where its predecessor was. Resolves when it has paused.
   */
  async playUntil(step: number): Promise<void> {
    if (!this.generator || this.finished) return;
    this.target = null;
    this.until = Math.max(0, Math.floor(step));
    this.playing = true;
    this.ensureLoop();
    await this.loop;
  }

  /**
   * Pauses after the step being computed (a single step in flight also ends first) and resolves
   * with the update it stopped at. Its status is emitted first; it reaches the page after the
   * frame that carries that point (`emitStatus`). A PCA plane (the paths so far) and a Hessian
   * plane (at the newest point) are recomputed.
   */
  async pause(): Promise<number> {
    const generation = this.generation;
    const wasPlaying = this.playing;
    this.playing = false;
    this.until = null;
    await this.loop;
    if (generation !== this.generation) return 0;
    this.emitStatus();
    if (wasPlaying && followsPaths(this.view.directions)) void this.computeLandscape();
    return this.last?.step ?? 0;
  }

  /** Takes `count` more updates and pauses. */
  async step(count = 1): Promise<void> {
    if (!this.generator || this.finished || !this.last) return;
    this.playing = false;
    this.target = this.last.step + Math.max(1, Math.floor(count));
    this.ensureLoop();
    await this.loop;
  }

  /**
   * Playback pace: `speed` updates per animation frame (1 … 1000), i.e. 60·speed updates/s at most.
   * It paces the race for the eye; which steps are recorded is the config's `recordEvery`.
   */
  setSpeed(speed: number): void {
    this.speed = Math.min(1000, Math.max(1, Math.floor(speed)));
  }

  /** Chooses the run whose decision boundary or fit is shown. */
  selectRun(run: number): void {
    if (!this.experiment || run < 0 || run >= this.experiment.runs.length) return;
    this.selectedRun = run;
    this.refreshPending = true;
    this.flush();
  }

  /** Changes the view (directions, grid, range, metric) and recomputes the landscape. */
  async setView(view: ViewSpec): Promise<void> {
    const experiment = this.experiment;
    if (experiment) {
      try {
        checkResources(
          {
            ...experiment.config,
            landscape: LandscapeSchema.parse({ n: view.n, metrics: [view.metric] }),
          },
          DEFAULT_BUDGET,
          { maxRecordedSnapshots: this.recordLimit },
        );
      } catch (error) {
        this.listener.landscapeFailed({
          jobId: ++this.jobId,
          message: messageOf(error),
          view: this.shownView,
        });
        return;
      }
    }
    this.view = { ...view };
    await this.computeLandscape();
  }

  /**
   * Recomputes the landscape for the current view (e.g. PCA on demand) as a cancellable job: a
   * newer job, a new experiment or a reset aborts it. It never throws: a failure is reported with
   * `landscapeFailed` (and the view of the picture still on screen), so training and the controls
   * are never held up by it.
   */
  computeLandscape(): Promise<void> {
    return this.run({ kind: 'landscape' });
  }

  /** Runs an analysis job by kind (its handler in `jobs/`); a newer job of the kind aborts it. */
  run(job: AnalysisJob): Promise<void> {
    return runJob(this, job);
  }

  /** Cancels the running job of `kind` (it stops within one unit of work and reports nothing). */
  cancel(kind: AnalysisKind): void {
    this.jobs.get(kind)?.abort(new Error('cancelled'));
    this.jobs.delete(kind);
  }

  /** Starts a job of `kind`: aborts the running one of that kind; `end` when it has finished. */
  begin(kind: AnalysisKind): { jobId: number; signal: AbortSignal; end(): void } {
    this.jobs.get(kind)?.abort();
    const abort = new AbortController();
    this.jobs.set(kind, abort);
    return {
      jobId: ++this.jobId,
      signal: abort.signal,
      end: () => {
        if (this.jobs.get(kind) === abort) this.jobs.delete(kind);
      },
    };
  }

  /** Per run: its recorded θ, row-major [T, P]. */
  trajectories(): Float32Array[] {
    const experiment = this.experiment;
    if (!experiment) return [];
    const p = experiment.problem.layout.size;
    const { thetas } = this.recording;
    return experiment.runs.map((_, run) => {
      const out = new Float32Array(thetas.length * p);
      thetas.forEach((theta, t) => out.set(theta.subarray(run * p, (run + 1) * p), t * p));
      return out;
    });
  }

  /** Frees the experiment and the device state. */
  async dispose(): Promise<void> {
    await this.reset();
  }

  /**
   * The session's linear plane (live frames are projected onto it), or null before the first and
   * in the tanh model's exact (w, shift) view (not a linear plane).
   */
  get currentPlane(): Plane | null {
    return this.plane;
  }

  /**
   * Makes `plane` the session's plane (live frames are projected onto it), or the tanh model's
   * exact (w, shift) map; returns its id.
   */
  setPlane(
    plane: Plane | VarProMap,
    ranges?: { aRange: [number, number]; bRange: [number, number] },
  ): number {
    this.evaluator?.dispose();
    this.planeId++;
    this.planeRanges = ranges ? { aRange: [...ranges.aRange], bRange: [...ranges.bRange] } : null;
    if (plane instanceof VarProMap) {
      this.plane = null;
      this.varpro = plane;
      this.evaluator = null;
      return this.planeId;
    }
    this.plane = plane;
    this.varpro = null;
    this.evaluator = this.experiment ? planeEvaluator(this.experiment.problem, plane) : null;
    return this.planeId;
  }

  /** The session's plane (copies) and its id, or null before one (the plane export). */
  shownPlane(): ShownPlane | null {
    const plane = this.plane;
    const problem = this.experiment?.problem;
    if (!plane || !problem) return null;
    return {
      planeId: this.planeId,
      problem: {
        name: problem.name,
        parameters: problem.layout.size,
        layout: problem.layout.entries.map((e) => ({ ...e, shape: [...e.shape] })),
      },
      centre: Float32Array.from(plane.centre),
      d1: Float32Array.from(plane.d1),
      d2: Float32Array.from(plane.d2),
      ...(this.planeRanges && {
        ranges: {
          aRange: [...this.planeRanges.aRange] as [number, number],
          bRange: [...this.planeRanges.bRange] as [number, number],
        },
      }),
    };
  }

  /** The view metric at plane points (a, b) [T]. */
  planeValues(a: Float32Array, b: Float32Array): Float32Array {
    if (this.varpro) {
      const metric = this.shownMetric;
      if (metric === 'trainLoss' || metric === 'testLoss') return this.varpro.values(a, b, metric);
    }
    const values = new Float32Array(a.length);
    const evaluator = this.evaluator;
    if (!evaluator || a.length === 0) return values;
    // In chunks sized like the grid's: a catch-up frame may hold thousands of points.
    const metric = this.shownMetric;
    const chunk = chooseChunkSize(evaluator.floatsPerPoint, tf.getBackend(), a.length);
    for (let start = 0; start < a.length; start += chunk) {
      const end = Math.min(a.length, start + chunk);
      const result = tf.tidy(
        () =>
          evaluator.evaluate(
            tf.tensor1d(a.subarray(start, end)),
            tf.tensor1d(b.subarray(start, end)),
            [metric],
          )[0]!,
      );
      try {
        values.set(result.dataSync(), start);
      } finally {
        result.dispose();
      }
    }
    return values;
  }

  /** The metric of the landscape on screen (the one path heights must match). */
  private get shownMetric(): LandscapeMetric {
    return (this.shownView ?? this.view).metric;
  }

  /** The on-screen metric of one run at every recorded step [T]. */
  history(run: number): Float32Array {
    return Float32Array.from(this.recording.metrics, (m) => m[this.shownMetric][run]!);
  }

  private ensureLoop(): void {
    if (this.loop) return;
    this.loop = this.runLoop().finally(() => {
      this.loop = null;
    });
  }

  private async runLoop(): Promise<void> {
    const generation = this.generation;
    // Playback is paced against an anchor (time and step where pacing last started), so that
    // timer overshoot does not accumulate; a new speed, a pause or a lag of more than
    // `MAX_LAG_MS` (slow steps) starts a new anchor instead of bursting to catch up.
    let anchor = { at: performance.now(), step: this.last?.step ?? 0, speed: this.speed };
    try {
      while (
        this.generator &&
        generation === this.generation &&
        (this.playing || this.target !== null)
      ) {
        const stepStart = performance.now();
        const next = await this.generator.next();
        if (generation !== this.generation) return;
        if (next.done) {
          this.finish();
          return;
        }
        const tracker = this.tracker;
        tracker?.addTraining(performance.now() - stepStart);
        if (tracker && this.playing && this.until === null && tracker.due) {
          await tracker.measure(next.value.step, next.value.theta);
          if (generation !== this.generation) return;
        }
        this.record(next.value);
        if (this.target !== null && next.value.step >= this.target) {
          this.target = null;
          this.emitStatus();
        }
        if (this.until !== null && next.value.step >= this.until) {
          // Paused where asked, as a pause would: a PCA plane follows the paths so far.
          this.until = null;
          this.playing = false;
          this.emitStatus();
          if (followsPaths(this.view.directions)) void this.computeLandscape();
        }
        if (next.value.step >= (this.experiment?.config.steps ?? 0)) {
          await this.generator?.return();
          this.finish();
          return;
        }
        // Let messages (pause, view changes, frame acknowledgements) in between steps, and pace
        // playing to `speed` updates per frame (single steps and replays run at once). Which
        // updates are recorded does not depend on this: it is the config's `recordEvery`.
        const now = performance.now();
        const step = next.value.step;
        const paced = this.playing && this.until === null;
        let wait = 0;
        if (!paced || anchor.speed !== this.speed) {
          anchor = { at: now, step, speed: this.speed };
        } else {
          wait = ((step - anchor.step) / this.speed) * FRAME_MS - (now - anchor.at);
          if (wait < -MAX_LAG_MS) anchor = { at: now, step, speed: this.speed };
        }
        await sleep(wait);
        tracker?.addIdle(wait);
      }
    } catch (error) {
      if (generation === this.generation) this.listener.error(messageOf(error));
    }
  }

  /** Training has ended: report it and, for planes that follow the paths, recompute (as a job). */
  private finish(): void {
    this.finished = true;
    this.playing = false;
    this.target = null;
    this.emitStatus();
    if (followsPaths(this.view.directions) || this.view.directions === 'points')
      void this.computeLandscape();
  }

  private record(snapshot: Snapshot, emit = true): void {
    this.last = snapshot;
    const r = this.recording;
    r.steps.push(snapshot.step);
    r.thetas.push(snapshot.theta);
    r.metrics.push(metricsOf(snapshot));
    if (r.steps.length > this.recordLimit) {
      const fullFrom = Math.floor(r.steps.length / 2);
      r.steps = thin(r.steps);
      r.thetas = thin(r.thetas);
      r.metrics = thin(r.metrics);
      r.fullFrom = Math.ceil(fullFrom / 2);
      this.replacePending = true;
    }
    if (emit) this.flush();
  }

  private recordingInfo(): RecordingInfo {
    const r = this.recording;
    return {
      kept: r.steps.length,
      limit: this.recordLimit,
      thinnedBefore: r.fullFrom > 0 ? r.steps[r.fullFrom]! : null,
    };
  }

  /**
   * Sends what was recorded since the last frame as one frame, unless the page still holds
   * `MAX_FRAMES_IN_FLIGHT` unacknowledged frames: then the points wait and are coalesced into the
   * frame sent on the next acknowledgement. `force` sends even with nothing new (step 0).
   */
  private flush(force = false): void {
    const experiment = this.experiment;
    if (!experiment || !this.last) return;
    if (this.framesInFlight >= MAX_FRAMES_IN_FLIGHT) return;
    const r = this.recording;
    const replace = this.replacePending;
    const from = replace ? 0 : this.sent;
    if (!force && !replace && !this.refreshPending && from >= r.steps.length) return;
    let frame: SnapshotFrame;
    try {
      frame = this.frame(experiment, from, replace);
    } catch (error) {
      // Nothing was marked as sent: the points go out with the next frame.
      this.listener.error(messageOf(error));
      return;
    }
    this.replacePending = false;
    this.refreshPending = false;
    this.sent = r.steps.length;
    const generation = this.generation;
    this.framesInFlight++;
    let acknowledged: Promise<void>;
    try {
      acknowledged = Promise.resolve(this.listener.snapshot(frame));
    } catch (error) {
      acknowledged = Promise.reject(error);
    }
    void acknowledged
      .catch(() => undefined)
      .then(() => {
        if (generation !== this.generation) return;
        this.framesInFlight--;
        this.flush();
        if (this.statusPending) this.emitStatus();
      });
  }

  /** The frame for recording entries [from, T): per point [T', K], plus the newest state. */
  private frame(experiment: Experiment, from: number, replace: boolean): SnapshotFrame {
    const r = this.recording;
    const s = this.last!;
    const k = experiment.runs.length;
    const p = experiment.problem.layout.size;
    const count = r.steps.length - from;
    const metric = this.shownMetric;
    const gather = (name: LandscapeMetric): Float32Array => {
      const out = new Float32Array(count * k);
      for (let t = 0; t < count; t++) out.set(r.metrics[from + t]![name], t * k);
      return out;
    };
    const classifier = s.trainAccuracy !== undefined;
    const frame: SnapshotFrame = {
      step: s.step,
      replace,
      planeId: this.planeId,
      steps: Int32Array.from(r.steps.slice(from)),
      trainLoss: gather('trainLoss'),
      testLoss: gather('testLoss'),
      trainAccuracy: classifier ? gather('trainAccuracy') : undefined,
      testAccuracy: classifier ? gather('testAccuracy') : undefined,
      gradNorm: s.gradNorm,
      divergedAt: s.divergedAt,
      a: new Float32Array(0),
      b: new Float32Array(0),
      trueValue: gather(metric),
      planeValue: new Float32Array(0),
      offPlaneRelative: new Float32Array(0),
      recording: this.recordingInfo(),
    };
    const sharpness = this.tracker?.take(replace);
    if (sharpness) frame.sharpness = sharpness;
    if (this.plane || this.varpro) {
      const points = new Float32Array(count * k * p);
      for (let t = 0; t < count; t++) points.set(r.thetas[from + t]!, t * k * p);
      const coords = this.varpro
        ? this.varpro.project(points)
        : projectOntoPlane(points, this.plane!);
      frame.a = coords.a;
      frame.b = coords.b;
      frame.offPlaneRelative = coords.offPlaneRelative;
      frame.planeValue = this.planeValues(coords.a, coords.b);
    }
    const problem = experiment.problem;
    if (problem.predict && this.boundaryInputs) {
      const run = this.selectedRun;
      const theta = s.theta.subarray(run * p, (run + 1) * p);
      const values = tf.tidy(() =>
        classProbabilities(problem, tf.tensor2d(theta, [1, p]), this.boundaryInputs!).dataSync(),
      );
      frame.boundary = {
        run,
        n: BOUNDARY_N,
        window: inputWindow(experiment.dataset!),
        values: Float32Array.from(values),
        classes: problem.classes ?? 2,
      };
    }
    if (problem.predict && this.curveInputs) {
      const y = tf.tidy(() =>
        problem.predict!(tf.tensor2d(s.theta, [k, p]), this.curveInputs!).dataSync(),
      );
      frame.curve = { x: Float32Array.from(this.curveInputs.dataSync()), y: Float32Array.from(y) };
    }
    return frame;
  }

  /** Input grids for decision boundaries (2-D classification) and fitted curves (1-D regression). */
  private prepareInputs(experiment: Experiment): void {
    const data = experiment.dataset;
    if (!data || !experiment.problem.predict) return;
    const window = inputWindow(data);
    if (data.task === 'classification' && data.inputDim === 2) {
      this.boundaryInputs = tf.tensor2d(boundaryGrid(window), [BOUNDARY_N * BOUNDARY_N, 2]);
    } else if (data.task === 'regression' && data.inputDim === 1) {
      this.curveInputs = tf.tensor2d(curveInputs(window), [CURVE_N, 1]);
    }
  }

  private emitStatus(): void {
    // A status follows the points recorded before it: while the page holds back frames (too many
    // unacknowledged), it waits for the frame that carries them, so that 'finished' or a pause
    // never reaches the page ahead of the last points.
    this.flush();
    if (this.experiment && this.last && this.sent < this.recording.steps.length) {
      this.statusPending = true;
      return;
    }
    this.statusPending = false;
    this.listener.status({
      playing: this.playing,
      step: this.last?.step ?? 0,
      finished: this.finished,
    });
  }

  /**
   * Stops everything of the current experiment. Never waits on a landscape job (it is aborted);
   * it waits only for the training step in flight, then closes the trainer.
   */
  private async reset(): Promise<void> {
    this.generation++;
    this.playing = false;
    this.target = null;
    this.until = null;
    for (const abort of this.jobs.values()) abort.abort();
    this.jobs.clear();
    const generator = this.generator;
    this.generator = null;
    // Let a step in flight finish, then close the trainer (its finally frees its tensors).
    await this.loop;
    await generator?.return();
    this.evaluator?.dispose();
    this.evaluator = null;
    this.plane = null;
    this.varpro = null;
    this.shownView = null;
    this.boundaryInputs?.dispose();
    this.boundaryInputs = null;
    this.curveInputs?.dispose();
    this.curveInputs = null;
    this.experiment?.problem.dispose();
    this.experiment = null;
    this.tracker = null;
    this.recording = emptyRecording();
    this.last = null;
    this.sent = 0;
    this.replacePending = false;
    this.refreshPending = false;
    this.framesInFlight = 0;
    this.statusPending = false;
  }
}
