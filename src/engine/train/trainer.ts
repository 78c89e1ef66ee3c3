import { MiniBatchSampler } from '../optim/batches';
import { applyUpdateOnHost } from '../optim/host-update';
import {
  applyUpdate,
  CoefficientTable,
  type OptimizerState,
  type RunHyper,
} from '../optim/optimizers';
import { learningRateAt } from '../optim/schedules';
import type { HostSnapshot } from '../problems/host-snapshot';
import {
  meanLoss,
  onCpuBackend,
  weightedLoss,
  type HostGradient,
  type Problem,
} from '../problems/problem';
import { tf, type Tensor1D, type Tensor2D } from '../tf';

/** What to train: K runs of one problem, all stepping together as one tensor program. */
export interface TrainerOptions {
  problem: Problem;
  runs: readonly RunHyper[];
  /** Initial parameters, row-major [K, P]. */
  theta0: Float32Array;
  /** Number of updates. */
  steps: number;
  /** Record a snapshot every this many steps (step 0 and the last step are always recorded). */
  recordEvery: number;
  /** Seed of each run's mini-batch stream [K]. */
  batchSeeds: readonly number[];
  /** A run diverges when its loss exceeds divergenceFactor · max(1, L(θ₀)) or is not finite. */
  divergenceFactor: number;
  /** Stops training between steps. */
  signal?: AbortSignal;
  /**
   * Overrides `recordEvery`: record a snapshot after update `step` when this returns true (the
   * last step is always recorded). Lets an interactive host change the pace while training.
   */
  shouldRecord?: (step: number) => boolean;
  /**
   * Where the steps run: 'host' (the problem's `hostGradient` and the update as loops over host
   * arrays), 'tensor' (one tensor program per step on the tfjs backend), or 'auto' (default):
   * 'host' when the problem has a host gradient and the backend is a CPU one (wasm, cpu), where
   * a step of small networks costs more in kernel launches than in arithmetic.
   */
  engine?: 'auto' | 'host' | 'tensor';
  /**
   * How snapshots are evaluated when the steps run on the host: 'auto' (default) on the host too
   * where the problem offers it (`Problem.hostSnapshot`: MLPs), so that θ never leaves the host;
   * 'tensor': by the tensor program (`snapshotAt`) on θ uploaded for it, as the tensor path does
   * (the baseline of the benchmarks and the tests). Ignored when the steps run as tensor programs.
   */
  snapshots?: 'auto' | 'tensor';
}

/** The state of all runs at one recorded step. */
export interface Snapshot {
  /** Number of updates taken (0 = θ₀). */
  step: number;
  /** Parameters, row-major [K, P]. A diverged run keeps the θ from before its diverging update. */
  theta: Float32Array;
  /** Full-batch training loss L(θ) per run [K]. */
  trainLoss: Float32Array;
  /** Test loss per run [K] (equal to the training loss for surfaces; NaN when the test split is empty). */
  testLoss: Float32Array;
  /** ‖∇L(θ)‖ of the full-batch training loss per run [K]. */
  gradNorm: Float32Array;
  /** Training and test accuracy per run [K] (classification only; test NaN when the test split is empty). */
  trainAccuracy?: Float32Array;
  testAccuracy?: Float32Array;
  /** Per run: the update at which it diverged (1-based), or −1 while it is healthy [K]. */
  divergedAt: Int32Array;
}

/**
 * Trains K runs of a problem together and yields a snapshot every `recordEvery` steps, as an
 * async generator: stop it with `break`, `return()` or the abort signal; its device state is
 * freed either way.
 *
 * Each step: example weights for every run's mini-batch, then (L, g) = value and gradient of
 * Σᵢ w_ki ℓᵢ(θ_k) for all rows at once; with SAM (Foret et al. 2021) the gradient is taken again
 * at θ + ρ g/‖g‖; then the unified optimiser update. A run that produces a non-finite θ, or a θ whose loss is
 * not finite or exceeds the divergence threshold, is frozen at the θ before that update and flagged with
 * the update that diverged (the update whose result has a non-finite or exploding loss); the
 * other runs go on. The check runs on the device; nothing is read back between snapshots.
 */
export async function* train(options: TrainerOptions): AsyncGenerator<Snapshot, void, void> {
  const { problem, runs } = options;
  const k = runs.length;
  const p = problem.layout.size;
  if (options.theta0.length !== k * p) {
    throw new RangeError(`theta0 has ${options.theta0.length} entries, expected K·P = ${k}·${p}`);
  }
  const engine = options.engine ?? 'auto';
  const host = problem.hostGradient;
  if (engine === 'host' && !host)
    throw new Error(
      `engine 'host' needs a problem with a host gradient; '${problem.name}' has none`,
    );
  if (host && (engine === 'host' || (engine === 'auto' && onCpuBackend()))) {
    yield* trainOnHost(options, host);
    return;
  }
  yield* trainAsTensorProgram(options);
}

/** What both step loops (tensor program, host) set up alike. */
interface StepPlan {
  /** Runs K, parameters P, training examples m. */
  k: number;
  p: number;
  m: number;
  /** Every run's mini-batch stream. */
  sampler: MiniBatchSampler;
  /** The update coefficients per run [K, 11]. */
  table: CoefficientTable;
  /** Whether any run takes the SAM step. */
  useSam: boolean;
  /** Every run's scheduled learning rate for update t (1-based) [K]; one buffer, overwritten. */
  learningRates(t: number): Float64Array;
  /**
   * Whether a snapshot is recorded after update t: as `shouldRecord` says, else every
   * `recordEvery`; always after the last.
   */
  records(t: number): boolean;
}

function stepPlan(options: TrainerOptions): StepPlan {
  const { problem, runs, steps, recordEvery } = options;
  const k = runs.length;
  const m = problem.size.train;
  const lrs = new Float64Array(k);
  return {
    k,
    p: problem.layout.size,
    m,
    sampler: new MiniBatchSampler(
      runs.map((r) => r.batchSize),
      m,
      options.batchSeeds,
      runs.map((r) => r.sampling),
    ),
    table: new CoefficientTable(runs),
    useSam: runs.some((r) => r.samRho > 0),
    learningRates: (t) => {
      for (let r = 0; r < k; r++)
        lrs[r] = learningRateAt(runs[r]!.schedule, runs[r]!.lr, t - 1, steps);
      return lrs;
    },
    records: (t) =>
      (options.shouldRecord ? options.shouldRecord(t) : t % recordEvery === 0) || t === steps,
  };
}

/** `train` as one tensor program per step on the tfjs backend. */
async function* trainAsTensorProgram(
  options: TrainerOptions,
): AsyncGenerator<Snapshot, void, void> {
  const { problem, runs, steps, signal } = options;
  const { k, p, m, sampler, table, useSam, learningRates, records } = stepPlan(options);

  let state: OptimizerState = {
    theta: tf.tensor2d(options.theta0, [k, p]),
    m: tf.zeros([k, p]),
    v: tf.zeros([k, p]),
  };
  /** θ before the latest update: where a run is frozen when its new point's loss blows up. */
  let previous = tf.clone(state.theta);
  let alive = tf.ones([k]) as Tensor1D;
  let divergedAt = tf.fill([k], -1) as Tensor1D;
  const fullWeights = tf.fill([k, m], 1 / m) as Tensor2D;
  const samRho = tf.tensor2d(
    runs.map((r) => r.samRho),
    [k, 1],
  );
  const samOn = tf.tensor2d(
    runs.map((r) => (r.samRho > 0 ? 1 : 0)),
    [k, 1],
  );
  let lossCap: Tensor1D | null = null;
  try {
    // Step 0: evaluate θ₀, fix the divergence threshold, flag runs that start non-finite.
    const first = await snapshotAt(problem, state.theta, divergedAt, 0);
    lossCap = tf.tidy(() => {
      const l0 = tf.tensor1d(first.trainLoss);
      return tf.mul(options.divergenceFactor, tf.maximum(1, l0)) as Tensor1D;
    });
    const startFinite = first.trainLoss.map((l) => (Number.isFinite(l) ? 1 : 0));
    if (startFinite.some((f) => f === 0)) {
      const next = tf.tensor1d(startFinite);
      const flagged = tf.tidy(() =>
        tf.where(tf.equal(next, 0), tf.zerosLike(divergedAt), divergedAt),
      ) as Tensor1D;
      tf.dispose([alive, divergedAt]);
      alive = next;
      divergedAt = flagged;
      first.divergedAt = Int32Array.from(startFinite, (f) => (f === 0 ? 0 : -1));
    }
    yield first;

    for (let t = 1; t <= steps; t++) {
      if (signal?.aborted) return;
      const coefficients = tf.tensor2d(table.at(t, learningRates(t)), [k, 11]);
      const losses = sampler.needsLosses ? await perExampleLosses(problem, state.theta) : undefined;
      const weights = sampler.allFullBatch
        ? fullWeights
        : tf.tensor2d(sampler.next(losses), [k, m]);
      const cap = lossCap;
      const next = tf.tidy(() => {
        const lossOf = (theta: tf.Tensor): Tensor1D =>
          weightedLoss(problem, theta as Tensor2D, weights);
        const { value: loss, grad } = tf.valueAndGrad(lossOf)(state.theta);
        let g = grad as Tensor2D;
        if (useSam) {
          // SAM: ascend to θ + ρ g/‖g‖ (per run), take the gradient there.
          const norm = tf.sqrt(tf.sum(tf.square(g), 1, true));
          const perturbed = tf.add(
            state.theta,
            tf.mul(samRho, tf.div(g, tf.add(norm, 1e-12))),
          ) as Tensor2D;
          const samGrad = tf.grad(lossOf)(perturbed) as Tensor2D;
          g = tf.add(g, tf.mul(samOn, tf.sub(samGrad, g))) as Tensor2D;
        }
        const updated = applyUpdate(state, g, coefficients);
        // Loss of θ_{t−1} too high or not finite: update t−1 diverged, freeze at θ_{t−2}.
        // New θ_t not finite: update t diverged, freeze at θ_{t−1}.
        const wasAlive = tf.cast(alive, 'bool');
        const lossOk = tf.logicalAnd(tf.isFinite(loss), tf.lessEqual(loss, cap));
        const thetaOk = tf.all(tf.isFinite(updated.theta), 1);
        const stillAlive = tf.logicalAnd(wasAlive, tf.logicalAnd(lossOk, thetaOk));
        const lossFailed = tf.logicalAnd(wasAlive, tf.logicalNot(lossOk));
        const thetaFailed = tf.logicalAnd(wasAlive, tf.logicalNot(thetaOk));
        // Row masks as [K, 1] floats: x + mask·(y − x) selects y where mask = 1 (broadcast
        // multiplies are native kernels; a broadcast `where` would tile the mask to [K, P]).
        // Non-finite entries are zeroed first so that 0·NaN cannot leak into kept rows.
        const column = (mask: tf.Tensor) => tf.reshape(tf.cast(mask, 'float32'), [k, 1]);
        const keep = column(stillAlive);
        const finite = (x: tf.Tensor) => tf.where(tf.isFinite(x), x, tf.zerosLike(x));
        const select = (mask: tf.Tensor, yes: tf.Tensor, no: tf.Tensor) =>
          tf.add(no, tf.mul(mask, tf.sub(yes, no))) as Tensor2D;
        const frozen = select(column(lossFailed), previous, state.theta);
        const theta = select(keep, finite(updated.theta), frozen);
        return {
          theta,
          previous: select(keep, state.theta, theta),
          m: select(keep, finite(updated.m), state.m),
          v: select(keep, finite(updated.v), state.v),
          alive: tf.cast(stillAlive, 'float32') as Tensor1D,
          divergedAt: tf.where(
            lossFailed,
            tf.fill([k], t - 1),
            tf.where(thetaFailed, tf.fill([k], t), divergedAt),
          ) as Tensor1D,
        };
      });
      tf.dispose([state.theta, state.m, state.v, previous, alive, divergedAt, coefficients]);
      if (weights !== fullWeights) weights.dispose();
      state = { theta: next.theta, m: next.m, v: next.v };
      previous = next.previous;
      alive = next.alive;
      divergedAt = next.divergedAt;

      if (records(t)) yield await snapshotAt(problem, state.theta, divergedAt, t);
    }
  } finally {
    tf.dispose([
      state.theta,
      state.m,
      state.v,
      previous,
      alive,
      divergedAt,
      fullWeights,
      samRho,
      samOn,
    ]);
    if (lossCap) lossCap.dispose();
  }
}

/**
 * `train` on host arrays: the problem's host gradient, then the same update, SAM step and
 * divergence rules as the tensor program, as loops over [K, P]. Snapshots are evaluated on the
 * host too where the problem offers it (`Problem.hostSnapshot`, the same metrics as `snapshotAt`
 * to float32 rounding), else by the tensor program (`snapshotAt`) on θ uploaded for it.
 */
async function* trainOnHost(
  options: TrainerOptions,
  host: HostGradient,
): AsyncGenerator<Snapshot, void, void> {
  const { problem, runs, steps, signal } = options;
  const { k, p, sampler, table, useSam, learningRates, records } = stepPlan(options);
  const n = k * p;
  let state = {
    theta: Float32Array.from(options.theta0),
    m: new Float32Array(n),
    v: new Float32Array(n),
  };
  let spare = { theta: new Float32Array(n), m: new Float32Array(n), v: new Float32Array(n) };
  /** θ before the latest update: where a run is frozen when its new point's loss blows up. */
  let previous = Float32Array.from(state.theta);
  let previousSpare = new Float32Array(n);
  const grad = new Float32Array(n);
  const samGrad = useSam ? new Float32Array(n) : grad;
  const perturbed = useSam ? new Float32Array(n) : grad;
  const loss = new Float32Array(k);
  const samLoss = new Float32Array(k);
  const alive = new Uint8Array(k).fill(1);
  const divergedAt = new Int32Array(k).fill(-1);
  const lossCap = new Float32Array(k);

  const hostSnapshot = options.snapshots === 'tensor' ? undefined : problem.hostSnapshot;
  const backend = tf.getBackend();
  const snapshot = async (step: number): Promise<Snapshot> => {
    if (hostSnapshot)
      return snapshotOnHost(problem, hostSnapshot, state.theta, k, divergedAt, step, backend);
    const theta = tf.tensor2d(state.theta, [k, p]);
    const diverged = tf.tensor1d(Float32Array.from(divergedAt));
    try {
      return await snapshotAt(problem, theta, diverged, step);
    } finally {
      tf.dispose([theta, diverged]);
    }
  };

  // Step 0: evaluate θ₀, fix the divergence threshold, flag runs that start non-finite.
  const first = await snapshot(0);
  for (let r = 0; r < k; r++) {
    const l0 = first.trainLoss[r]!;
    lossCap[r] = options.divergenceFactor * Math.max(1, l0);
    if (!Number.isFinite(l0)) {
      alive[r] = 0;
      divergedAt[r] = 0;
    }
  }
  first.divergedAt = Int32Array.from(divergedAt);
  yield first;

  for (let t = 1; t <= steps; t++) {
    if (signal?.aborted) return;
    const coefficients = table.at(t, learningRates(t));
    let losses: Float32Array | undefined;
    if (sampler.needsLosses) {
      const theta = tf.tensor2d(state.theta, [k, p]);
      losses = await perExampleLosses(problem, theta);
      theta.dispose();
    }
    const weights = sampler.allFullBatch ? null : sampler.next(losses);
    host.valueAndGrad(state.theta, k, weights, loss, grad);
    if (useSam) {
      // SAM: ascend to θ + ρ g/‖g‖ (per run), take the gradient there.
      for (let r = 0; r < k; r++) {
        const rho = runs[r]!.samRho;
        let sq = 0;
        for (let i = r * p; i < (r + 1) * p; i++) sq += grad[i]! * grad[i]!;
        const scale = rho / (Math.sqrt(sq) + 1e-12);
        for (let i = r * p; i < (r + 1) * p; i++) perturbed[i] = state.theta[i]! + scale * grad[i]!;
      }
      host.valueAndGrad(perturbed, k, weights, samLoss, samGrad);
      for (let r = 0; r < k; r++)
        if (runs[r]!.samRho > 0) grad.set(samGrad.subarray(r * p, (r + 1) * p), r * p);
    }
    applyUpdateOnHost(state, grad, coefficients, k, p, spare);
    // Loss of θ_{t−1} too high or not finite: update t−1 diverged, freeze at θ_{t−2}.
    // New θ_t not finite: update t diverged, freeze at θ_{t−1}.
    for (let r = 0; r < k; r++) {
      const start = r * p;
      const end = start + p;
      const wasAlive = alive[r] === 1;
      const l = loss[r]!;
      const lossOk = Number.isFinite(l) && l <= lossCap[r]!;
      let thetaOk = true;
      for (let i = start; i < end && thetaOk; i++) thetaOk = Number.isFinite(spare.theta[i]!);
      const keep = wasAlive && lossOk && thetaOk;
      if (keep) {
        // θ_t kept; the spare buffers already hold θ_t, m_t, v_t (m, v finite as θ_t is).
        previousSpare.set(state.theta.subarray(start, end), start);
        zeroNonFinite(spare.m, start, end);
        zeroNonFinite(spare.v, start, end);
        continue;
      }
      const lossFailed = wasAlive && !lossOk;
      const thetaFailed = wasAlive && !thetaOk;
      const frozen = lossFailed ? previous : state.theta;
      spare.theta.set(frozen.subarray(start, end), start);
      previousSpare.set(frozen.subarray(start, end), start);
      spare.m.set(state.m.subarray(start, end), start);
      spare.v.set(state.v.subarray(start, end), start);
      alive[r] = 0;
      if (lossFailed) divergedAt[r] = t - 1;
      else if (thetaFailed) divergedAt[r] = t;
    }
    [state, spare] = [spare, state];
    [previous, previousSpare] = [previousSpare, previous];

    if (records(t)) yield await snapshot(t);
  }
}

/**
 * Per-example training losses ℓᵢ(θ_k) [K, m] read back to the host: what an importance-sampled
 * run's sampler needs before each step (one forward pass; uniform runs never call it).
 */
async function perExampleLosses(problem: Problem, theta: Tensor2D): Promise<Float32Array> {
  const losses = tf.tidy(() => problem.perExampleLoss(theta, 'train'));
  try {
    return (await losses.data()) as Float32Array;
  } finally {
    losses.dispose();
  }
}

/** Sets the non-finite entries of v[start, end) to 0. */
function zeroNonFinite(v: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) if (!Number.isFinite(v[i]!)) v[i] = 0;
}

/** Full-batch evaluation of every run at θ [K, P], read back to the host. */
async function snapshotAt(
  problem: Problem,
  theta: Tensor2D,
  divergedAt: Tensor1D,
  step: number,
): Promise<Snapshot> {
  // An empty test split has no test metrics: NaN, never an op on a zero-size tensor.
  const hasTest = problem.task === 'surface' || problem.size.test > 0;
  const k = theta.shape[0];
  const tensors = tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((th: tf.Tensor) =>
      meanLoss(problem, th as Tensor2D, 'train'),
    )(theta);
    const out: tf.Tensor[] = [value, tf.sqrt(tf.sum(tf.square(grad), 1))];
    if (problem.accuracy) out.push(problem.accuracy(theta, 'train'));
    if (hasTest) {
      out.push(problem.task === 'surface' ? tf.clone(value) : meanLoss(problem, theta, 'test'));
      if (problem.accuracy) out.push(problem.accuracy(theta, 'test'));
    }
    return out;
  });
  try {
    const [thetaData, diverged, ...values] = await Promise.all([
      theta.data(),
      divergedAt.data(),
      ...tensors.map((t) => t.data()),
    ]);
    const f32 = (i: number): Float32Array => Float32Array.from(values[i] as Float32Array);
    const acc = problem.accuracy ? 1 : 0;
    const test = (i: number): Float32Array =>
      hasTest ? f32(2 + acc + i) : new Float32Array(k).fill(Number.NaN);
    const snapshot: Snapshot = {
      step,
      theta: Float32Array.from(thetaData as Float32Array),
      trainLoss: f32(0),
      testLoss: test(0),
      gradNorm: f32(1),
      divergedAt: Int32Array.from(diverged as Float32Array),
    };
    if (problem.accuracy) {
      snapshot.trainAccuracy = f32(2);
      snapshot.testAccuracy = test(1);
    }
    return snapshot;
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * `snapshotAt` on the host: the problem's `HostSnapshot` at θ [K, P] (host arrays, copied into
 * the snapshot), with the same fields, the same NaN for an empty test split and the accuracies
 * only where the problem has them.
 */
function snapshotOnHost(
  problem: Problem,
  host: HostSnapshot,
  theta: Float32Array,
  k: number,
  divergedAt: Int32Array,
  step: number,
  backend: string,
): Snapshot {
  const metrics = host.evaluate(theta, k, backend);
  const snapshot: Snapshot = {
    step,
    theta: Float32Array.from(theta),
    trainLoss: metrics.trainLoss,
    testLoss: metrics.testLoss,
    gradNorm: metrics.gradNorm,
    divergedAt: Int32Array.from(divergedAt),
  };
  if (problem.accuracy) {
    snapshot.trainAccuracy = metrics.trainAccuracy;
    snapshot.testAccuracy = metrics.testAccuracy;
  }
  return snapshot;
}

/** Runs `train` to the end and collects every snapshot. */
export async function trainToEnd(options: TrainerOptions): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for await (const s of train(options)) snapshots.push(s);
  return snapshots;
}
