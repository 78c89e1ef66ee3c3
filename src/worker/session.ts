/**
 * An interactive training session: the state machine the compute worker runs (and that tests
 * drive directly in Node). It owns the experiment, the trainer, the current view plane and the
 * landscape jobs; it reports plain typed arrays to a listener and never sees the DOM.
 *
 * Time: play / pause / single-step / speed act between recorded steps; the trainer itself runs
 * as one batched program for all runs. Landscape jobs are cancellable and carry a job id, so a
 * result for a plane that was replaced is never reported.
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentConfig, LandscapeConfig } from '../config/schema';
import { planeEvaluator } from '../engine/landscape/evaluators';
import type { LandscapeMetric, PlaneEvaluator } from '../engine/landscape/metrics';
import type { Plane } from '../engine/landscape/plane';
import { projectOntoPlane } from '../engine/landscape/projection';
import { tf, type Tensor2D } from '../engine/tf';
import { train, type Snapshot } from '../engine/train/trainer';
import { buildExperiment, trainerOptions, type Experiment } from '../experiment/build';
import { experimentLandscape } from '../experiment/landscape';
import { describeExperiment, inputWindow, runColors } from './describe';
import { BOUNDARY_N, boundaryGrid, CURVE_N, curveInputs } from './inputs';
import type { SessionListener, SnapshotFrame, ViewSpec } from './frames';
import { DEFAULT_VIEW } from './frames';

export * from './frames';

/** What was recorded at every snapshot: θ of every run (row-major [K, P]) and its metrics [K]. */
interface Recording {
  steps: number[];
  thetas: Float32Array[];
  metrics: Record<LandscapeMetric, Float32Array>[];
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

export class ComputeSession {
  private experiment: Experiment | null = null;
  private generator: AsyncGenerator<Snapshot, void, void> | null = null;
  private recording: Recording = { steps: [], thetas: [], metrics: [] };
  private last: Snapshot | null = null;
  private view: ViewSpec = DEFAULT_VIEW;
  private plane: Plane | null = null;
  private planeId = 0;
  private evaluator: PlaneEvaluator | null = null;
  private jobId = 0;
  private landscapeAbort: AbortController | null = null;
  private playing = false;
  private finished = false;
  private loop: Promise<void> | null = null;
  /** Updates per recorded frame while playing. */
  private stride = 5;
  /** Stop (and pause) once this update is recorded; null while free-running. */
  private target: number | null = null;
  private selectedRun = 0;
  private generation = 0;
  private boundaryInputs: Tensor2D | null = null;
  private curveInputs: Tensor2D | null = null;

  constructor(private readonly listener: SessionListener) {}

  /** Starts a new experiment (validated; a ConfigError lists every problem) and shows step 0. */
  async configure(input: unknown, view: ViewSpec = this.view): Promise<void> {
    const config = parseConfig(input);
    await this.reset();
    const generation = ++this.generation;
    this.view = { ...view };
    const experiment = buildExperiment(config);
    this.experiment = experiment;
    this.finished = false;
    this.selectedRun = 0;
    this.listener.session(describeExperiment(experiment, runColors(config)));
    this.prepareInputs(experiment);
    this.generator = train(
      trainerOptions(experiment, {
        shouldRecord: (t) => (this.target !== null ? t >= this.target : t % this.stride === 0),
      }),
    );
    const first = await this.generator.next();
    if (generation !== this.generation || first.done) return;
    this.record(first.value, false);
    await this.computeLandscape();
    if (generation === this.generation) this.emitSnapshot(first.value);
  }

  /** The current experiment's validated config, or null. */
  get config(): ExperimentConfig | null {
    return this.experiment?.config ?? null;
  }

  play(): void {
    if (!this.generator || this.finished) return;
    this.target = null;
    this.playing = true;
    this.emitStatus();
    this.ensureLoop();
  }

  /** Pauses after the step being computed; in PCA mode the landscape is recomputed. */
  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.emitStatus();
    if (this.view.directions === 'pca') void this.computeLandscape().catch((e) => this.fail(e));
  }

  /** Takes `count` more updates and pauses. */
  async step(count = 1): Promise<void> {
    if (!this.generator || this.finished || !this.last) return;
    this.playing = false;
    this.target = this.last.step + Math.max(1, Math.floor(count));
    this.ensureLoop();
    await this.loop;
  }

  /** Updates per recorded frame while playing (1 … 1000). */
  setSpeed(stride: number): void {
    this.stride = Math.min(1000, Math.max(1, Math.floor(stride)));
  }

  /** Chooses the run whose decision boundary or fit is shown. */
  selectRun(run: number): void {
    if (!this.experiment || run < 0 || run >= this.experiment.runs.length) return;
    this.selectedRun = run;
    if (this.last) this.emitSnapshot(this.last);
  }

  /** Changes the view (directions, grid, range, metric) and recomputes the landscape. */
  async setView(view: ViewSpec): Promise<void> {
    this.view = { ...view };
    await this.computeLandscape();
  }

  /** Recomputes the landscape for the current view (e.g. PCA on demand). */
  async computeLandscape(): Promise<void> {
    const experiment = this.experiment;
    if (!experiment) return;
    this.landscapeAbort?.abort();
    const abort = new AbortController();
    this.landscapeAbort = abort;
    const jobId = ++this.jobId;
    const p = experiment.problem.layout.size;
    const k = experiment.runs.length;
    const { thetas } = this.recording;
    // Per run: its recorded θ, row-major [T, P].
    const trajectories = Array.from({ length: k }, (_, run) => {
      const out = new Float32Array(thetas.length * p);
      thetas.forEach((theta, t) => out.set(theta.subarray(run * p, (run + 1) * p), t * p));
      return out;
    });
    const spec = this.landscapeSpec(experiment, thetas.length);
    try {
      const result = await experimentLandscape(experiment, trajectories, spec, {
        signal: abort.signal,
        onProgress: (done, total) => this.listener.progress({ jobId, done, total }),
      });
      if (abort.signal.aborted || experiment !== this.experiment) return;
      this.setPlane(result.plane);
      // Project the recording as it is now: training may have gone on while the grid was computed.
      const recorded = this.recording;
      const now = Array.from({ length: k }, (_, run) => {
        const out = new Float32Array(recorded.thetas.length * p);
        recorded.thetas.forEach((theta, t) =>
          out.set(theta.subarray(run * p, (run + 1) * p), t * p),
        );
        return out;
      });
      this.listener.landscape({
        jobId,
        planeId: this.planeId,
        directions: result.directions,
        metric: this.view.metric,
        axisLabels: result.axisLabels,
        explained: result.explained,
        n: result.grid.n,
        a: result.grid.a,
        b: result.grid.b,
        values: result.grid.values[this.view.metric]!,
        steps: Int32Array.from(recorded.steps),
        trajectories: now.map((points, run) => {
          const coords = projectOntoPlane(points, result.plane);
          return {
            a: coords.a,
            b: coords.b,
            trueValue: this.history(run),
            planeValue: this.planeValues(coords.a, coords.b),
            offPlaneRelative: coords.offPlaneRelative,
          };
        }),
      });
    } catch (error) {
      if (abort.signal.aborted) return;
      throw error;
    }
  }

  /** Frees the experiment and the device state. */
  async dispose(): Promise<void> {
    await this.reset();
  }

  private landscapeSpec(experiment: Experiment, recorded: number): LandscapeConfig {
    const surface = experiment.problem.task === 'surface';
    let directions: LandscapeConfig['directions'] = this.view.directions;
    if (surface) directions = 'axes';
    else if (directions === 'axes') directions = 'random';
    // PCA needs a path: before training has moved, show the random plane at θ₀.
    if (directions === 'pca' && recorded < 3) directions = 'random';
    const runs = experiment.runs.length;
    const through: LandscapeConfig['through'] =
      this.view.through ??
      (runs > 1
        ? [
            { run: 0, at: 'initial' },
            { run: 0, at: 'final' },
            { run: 1, at: 'final' },
          ]
        : undefined);
    if (directions === 'points' && (!through || recorded < 2)) directions = 'random';
    const centre =
      directions === 'random' && recorded < 3
        ? { run: 0, at: 'initial' as const }
        : { run: 0, at: 'final' as const };
    return {
      directions,
      centre,
      through,
      normalization: this.view.normalization,
      bias: 'zero',
      orthogonalize: this.view.orthogonalize,
      n: this.view.n,
      // 'fit' means: [−1, 1] for a random plane at θ₀ (no path yet), the surface's window for axes.
      range:
        this.view.range !== 'fit'
          ? this.view.range
          : directions === 'axes'
            ? undefined
            : directions === 'random' && recorded < 3
              ? [-1, 1]
              : 'fit',
      margin: 0.25,
      metrics: [this.view.metric],
    };
  }

  private setPlane(plane: Plane): void {
    this.evaluator?.dispose();
    this.plane = plane;
    this.planeId++;
    this.evaluator = this.experiment ? planeEvaluator(this.experiment.problem, plane) : null;
  }

  /** The view metric at plane points (a, b) [T]. */
  private planeValues(a: Float32Array, b: Float32Array): Float32Array {
    if (!this.evaluator) return new Float32Array(a.length);
    const result = tf.tidy(
      () => this.evaluator!.evaluate(tf.tensor1d(a), tf.tensor1d(b), [this.view.metric])[0]!,
    );
    const values = Float32Array.from(result.dataSync());
    result.dispose();
    return values;
  }

  /** The view metric of one run at every recorded step [T]. */
  private history(run: number): Float32Array {
    return Float32Array.from(this.recording.metrics, (m) => m[this.view.metric][run]!);
  }

  private ensureLoop(): void {
    if (this.loop) return;
    this.loop = this.runLoop().finally(() => {
      this.loop = null;
    });
  }

  private async runLoop(): Promise<void> {
    const generation = this.generation;
    try {
      while (
        this.generator &&
        generation === this.generation &&
        (this.playing || this.target !== null)
      ) {
        const next = await this.generator.next();
        if (generation !== this.generation) return;
        if (next.done) {
          this.finished = true;
          this.playing = false;
          this.target = null;
          this.emitStatus();
          if (this.view.directions === 'pca' || this.view.directions === 'points')
            await this.computeLandscape();
          return;
        }
        this.record(next.value);
        if (this.target !== null && next.value.step >= this.target) {
          this.target = null;
          this.emitStatus();
        }
        if (next.value.step >= (this.experiment?.config.steps ?? 0)) {
          await this.generator?.return();
          this.finished = true;
          this.playing = false;
          this.emitStatus();
          if (this.view.directions === 'pca' || this.view.directions === 'points')
            await this.computeLandscape();
          return;
        }
        // Let messages (pause, view changes) in between frames.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  private record(snapshot: Snapshot, emit = true): void {
    this.last = snapshot;
    this.recording.steps.push(snapshot.step);
    this.recording.thetas.push(snapshot.theta);
    this.recording.metrics.push(metricsOf(snapshot));
    if (emit) this.emitSnapshot(snapshot);
  }

  private emitSnapshot(s: Snapshot): void {
    const experiment = this.experiment;
    if (!experiment) return;
    const k = experiment.runs.length;
    const p = experiment.problem.layout.size;
    const metric = this.view.metric;
    const frame: SnapshotFrame = {
      step: s.step,
      trainLoss: s.trainLoss,
      testLoss: s.testLoss,
      gradNorm: s.gradNorm,
      trainAccuracy: s.trainAccuracy,
      testAccuracy: s.testAccuracy,
      divergedAt: s.divergedAt,
      planeId: this.planeId,
      a: new Float32Array(k),
      b: new Float32Array(k),
      trueValue: new Float32Array(k),
      planeValue: new Float32Array(k),
      offPlaneRelative: new Float32Array(k),
    };
    const truth: Record<LandscapeMetric, Float32Array | undefined> = {
      trainLoss: s.trainLoss,
      testLoss: s.testLoss,
      trainAccuracy: s.trainAccuracy,
      testAccuracy: s.testAccuracy,
    };
    frame.trueValue.set(truth[metric] ?? new Float32Array(k));
    if (this.plane) {
      const coords = projectOntoPlane(s.theta, this.plane);
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
        tf.sigmoid(problem.predict!(tf.tensor2d(theta, [1, p]), this.boundaryInputs!)).dataSync(),
      );
      frame.boundary = {
        run,
        n: BOUNDARY_N,
        window: inputWindow(experiment.dataset!),
        values: Float32Array.from(values),
      };
    }
    if (problem.predict && this.curveInputs) {
      const y = tf.tidy(() =>
        problem.predict!(tf.tensor2d(s.theta, [k, p]), this.curveInputs!).dataSync(),
      );
      frame.curve = { x: Float32Array.from(this.curveInputs.dataSync()), y: Float32Array.from(y) };
    }
    this.listener.snapshot(frame);
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
    this.listener.status({
      playing: this.playing,
      step: this.last?.step ?? 0,
      finished: this.finished,
    });
  }

  private fail(error: unknown): void {
    const message =
      error instanceof ConfigError
        ? error.problems.join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    this.listener.error(message);
  }

  private async reset(): Promise<void> {
    this.generation++;
    this.playing = false;
    this.target = null;
    this.landscapeAbort?.abort();
    const generator = this.generator;
    this.generator = null;
    // Let a step in flight finish, then close the trainer (its finally frees its tensors).
    await this.loop;
    await generator?.return();
    this.evaluator?.dispose();
    this.evaluator = null;
    this.plane = null;
    this.boundaryInputs?.dispose();
    this.boundaryInputs = null;
    this.curveInputs?.dispose();
    this.curveInputs = null;
    this.experiment?.problem.dispose();
    this.experiment = null;
    this.recording = { steps: [], thetas: [], metrics: [] };
    this.last = null;
  }
}
