/**
 * λ_max of every run's Hessian tracked while training plays (the "edge of stability": Cohen et al.
 * 2021), at a cost kept below `share` of the training time: a measurement is due while the time
 * spent measuring is ≤ share × the time spent training, so N (steps between measurements) adapts
 * to the problem and the backend. When playback is paced slower than the steps take (a lesson at
 * a few updates per frame), the worker sleeps between steps: a measurement is then also due as
 * soon as the time slept since the last one would have held it (the last measurement's duration),
 * so the chart gets dense exactly when measuring costs the training nothing. The first measurement
 * pays one-off costs (building the second-derivative programs): the second follows at once and
 * the first is charged as much as the second. Each measurement is a
 * few Lanczos steps for all K runs at once (10 for the first; 4 once warm-started from the
 * previous top eigenvectors, which move little between measurements). A failure (e.g. a backend without a second derivative
 * of a kernel) stops the tracking and never the training.
 */
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import type { Problem } from '../engine/problems/problem';

export class SharpnessTracker {
  /** Steps measured at [S] and λ_max of every run there ([K] each). */
  readonly steps: number[] = [];
  readonly values: Float32Array[] = [];
  private starts: (Float64Array | null)[] = [];
  private trainMs = 0;
  private measureMs = 0;
  private sent = 0;
  private stopped = false;
  /** Time slept between paced steps since the last measurement, and that measurement's duration. */
  private idleSinceLast = 0;
  private lastMeasureMs = Infinity;
  /** The first measurement's duration (it includes one-off costs), until the second is known. */
  private firstMeasureMs: number | null = null;

  constructor(
    private readonly problem: Problem,
    private readonly runs: number,
    /** The largest fraction of training time spent measuring. */
    private readonly share = 0.2,
    /** Lanczos steps of the first measurement (random starts). */
    private readonly iterations = 10,
    /**
     * Lanczos steps of a warm-started measurement (from the previous top eigenvectors). Measured
     * on the edge-of-stability lesson against 30 cold steps: 4 warm steps every 10 updates agree
     * to < 10⁻⁴ relative over 400 updates, 3 every 25 to 0.12 % (sharpness-tracker.test.ts pins
     * 4 against 20 cold steps to 10⁻³); fewer steps make the chart denser per budget.
     */
    private readonly warmIterations = 4,
  ) {}

  /** Counts `ms` of training. */
  addTraining(ms: number): void {
    this.trainMs += ms;
  }

  /** Counts `ms` the worker slept between paced steps (playback slower than the steps take). */
  addIdle(ms: number): void {
    if (ms > 0) this.idleSinceLast += ms;
  }

  /**
   * Whether a measurement fits now: within `share` of the training time, or in the time slept
   * since the last measurement (see the module comment).
   */
  get due(): boolean {
    if (this.stopped) return false;
    // The second measurement at once: it tells what the first cost beyond its one-off part.
    if (this.firstMeasureMs !== null) return true;
    return this.measureMs <= this.share * this.trainMs || this.idleSinceLast >= this.lastMeasureMs;
  }

  /** Measures λ_max of every run at θ (row-major [K, P]) for `step`. */
  async measure(step: number, theta: Float32Array): Promise<void> {
    const start = performance.now();
    const P = this.problem.layout.size;
    try {
      const points = Array.from({ length: this.runs }, (_, k) =>
        theta.subarray(k * P, (k + 1) * P),
      );
      const warm = this.starts.length === this.runs && this.starts.every((v) => v !== null);
      const result = await hessianTopEigen(this.problem, points, {
        iterations: Math.min(warm ? this.warmIterations : this.iterations, P),
        starts: this.starts,
      });
      this.steps.push(step);
      this.values.push(Float32Array.from(result, (r) => r.values[0]!));
      this.starts = result.map((r) => r.vectors[0] ?? null);
    } catch {
      this.stopped = true;
    } finally {
      this.lastMeasureMs = performance.now() - start;
      this.measureMs += this.lastMeasureMs;
      this.idleSinceLast = 0;
      // The first measurement builds the second-derivative programs (measured: 1.8 s on wasm in
      // Node against 30–180 ms for the next ones): a one-off cost, not tracking's. Once the
      // second is known, the first is charged as much as it.
      if (this.steps.length === 1 && this.firstMeasureMs === null)
        this.firstMeasureMs = this.lastMeasureMs;
      else if (this.steps.length === 2 && this.firstMeasureMs !== null) {
        this.measureMs += this.lastMeasureMs - this.firstMeasureMs;
        this.firstMeasureMs = null;
      }
    }
  }

  /** The entries not sent yet (all of them when `all`), marked as sent; undefined when none. */
  take(all: boolean): { steps: Int32Array; values: Float32Array } | undefined {
    const from = all ? 0 : this.sent;
    if (from >= this.steps.length && !all) return undefined;
    this.sent = this.steps.length;
    const values = new Float32Array((this.steps.length - from) * this.runs);
    for (let s = from; s < this.steps.length; s++)
      values.set(this.values[s]!, (s - from) * this.runs);
    return { steps: Int32Array.from(this.steps.slice(from)), values };
  }
}
