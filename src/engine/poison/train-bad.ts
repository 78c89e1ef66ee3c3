/**
 * Training towards bad minima (Huang et al. 2019): K starts (θ₀ or checkpoints of a good run's
 * path) trained together as one batched [K, P] program on train ∪ poison, each stopped at the
 * first check where it classifies the whole CLEAN training set correctly (100 %) and fits at
 * least `poisonFit` of the poison set, or when the step budget is spent. A start that spends the
 * budget ends at its last point (then `fitsClean` says whether it fits the clean set).
 */
import type { RunHyper } from '../optim/optimizers';
import type { Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { train } from '../train/trainer';

export interface BadTrainingOptions {
  /** The problem on the clean training set (its accuracy decides when to stop). */
  clean: Problem;
  /** The same model on train ∪ poison: the m clean points first, then the n poison points. */
  poisoned: Problem;
  /** Optimiser of every start [K] (usually K copies of one). */
  runs: readonly RunHyper[];
  /** Start points, row-major [K, P]. */
  starts: Float32Array;
  /** Step budget. */
  steps: number;
  /** Check (and record the path) every this many updates. */
  checkEvery: number;
  /** Fraction of the poison set that must be fitted too, 0…1 (0: stop once the clean set is fitted). */
  poisonFit: number;
  /** Mini-batch stream seed of each start [K]. */
  batchSeeds: readonly number[];
  divergenceFactor: number;
  signal?: AbortSignal;
  /** Called at every check (step 0 included) with every start's accuracies [K]. */
  onCheck?: (check: BadTrainingCheck) => void;
}

/** The state of all starts at one check. */
export interface BadTrainingCheck {
  step: number;
  /** Accuracy on the clean training set [K]. */
  cleanAccuracy: Float32Array;
  /** Accuracy on the poison set [K]. */
  poisonAccuracy: Float32Array;
  /** Whether each start has stopped [K]. */
  stopped: boolean[];
}

/** Where one start ended. */
export interface BadMinimum {
  /** The stopping point [P]. */
  theta: Float32Array;
  /** Updates taken until it stopped. */
  step: number;
  /** True when it met the stopping rule; false when the budget ran out first (or it diverged). */
  reached: boolean;
  /** True when it classifies the clean training set 100 % right (always when `reached`). */
  fitsClean: boolean;
  cleanAccuracy: number;
  poisonAccuracy: number;
  /** Its path: θ at every check up to the stop, row-major [T, P] (T = `steps.length`). */
  path: Float32Array;
  steps: number[];
}

/**
 * Poison accuracy from the union's and the clean set's: the union (m + n points) has
 * a_u (m + n) correct, the clean set a_c m, so the poison set a_p = (a_u (m + n) − a_c m)/n,
 * rounded to whole points.
 */
export function poisonAccuracyOf(union: number, clean: number, m: number, n: number): number {
  return Math.round(union * (m + n) - clean * m) / n;
}

/** Trains every start until it meets the stopping rule or the budget (see the module comment). */
export async function trainBadMinima(options: BadTrainingOptions): Promise<BadMinimum[]> {
  const { clean, poisoned, runs, steps, checkEvery } = options;
  const k = runs.length;
  const p = clean.layout.size;
  const m = clean.size.train;
  const n = poisoned.size.train - m;
  if (!clean.accuracy || !poisoned.accuracy)
    throw new RangeError('bad minima: needs a classification problem');
  if (n <= 0) throw new RangeError('bad minima: the poisoned problem has no poison points');
  if (!(options.poisonFit >= 0 && options.poisonFit <= 1))
    throw new RangeError(`bad minima: poisonFit must be from 0 to 1 (got ${options.poisonFit})`);
  const done: (BadMinimum | null)[] = runs.map(() => null);
  const paths: Float32Array[][] = runs.map(() => []);
  const pathSteps: number[][] = runs.map(() => []);
  let last: {
    step: number;
    theta: Float32Array;
    clean: Float32Array;
    poison: Float32Array;
  } | null = null;
  const generator = train({
    problem: poisoned,
    runs,
    theta0: options.starts,
    steps,
    recordEvery: checkEvery,
    batchSeeds: options.batchSeeds,
    divergenceFactor: options.divergenceFactor,
    signal: options.signal,
  });
  let yielded = performance.now();
  for await (const s of generator) {
    // On cpu and wasm `data()` resolves without giving the event loop a turn: yield to it (a
    // macrotask) every ~10 ms so that messages (a newer job, reset) get in and can cancel.
    if (performance.now() - yielded > 10) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      yielded = performance.now();
    }
    // Cancelled meanwhile (e.g. during that turn): report nothing more.
    if (options.signal?.aborted) break;
    const cleanTensor = tf.tidy(() =>
      clean.accuracy!(tf.tensor2d(s.theta, [k, p]) as Tensor2D, 'train'),
    );
    const cleanAccuracy = Float32Array.from((await cleanTensor.data()) as Float32Array);
    cleanTensor.dispose();
    const poisonAccuracy = cleanAccuracy.map((c, r) =>
      poisonAccuracyOf(s.trainAccuracy![r]!, c, m, n),
    );
    for (let r = 0; r < k; r++) {
      if (done[r]) continue;
      const theta = s.theta.slice(r * p, (r + 1) * p);
      paths[r]!.push(theta);
      pathSteps[r]!.push(s.step);
      const clean100 = Math.round(cleanAccuracy[r]! * m) === m;
      const fitted = clean100 && poisonAccuracy[r]! >= options.poisonFit;
      if (fitted || s.divergedAt[r]! >= 0) {
        done[r] = finish(r, theta, s.step, fitted, cleanAccuracy[r]!, poisonAccuracy[r]!);
      }
    }
    last = { step: s.step, theta: s.theta, clean: cleanAccuracy, poison: poisonAccuracy };
    options.onCheck?.({
      step: s.step,
      cleanAccuracy,
      poisonAccuracy,
      stopped: done.map((d) => d !== null),
    });
    if (done.every((d) => d !== null)) {
      await generator.return();
      break;
    }
  }
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
  if (!last) throw new Error('bad minima: training produced no snapshot');
  return done.map((d, r) => {
    if (d) return d;
    const theta = last!.theta.slice(r * p, (r + 1) * p);
    return finish(r, theta, last!.step, false, last!.clean[r]!, last!.poison[r]!);
  });

  function finish(
    r: number,
    theta: Float32Array,
    step: number,
    reached: boolean,
    cleanAccuracy: number,
    poisonAccuracy: number,
  ): BadMinimum {
    const list = paths[r]!;
    const path = new Float32Array(list.length * p);
    list.forEach((t, i) => path.set(t, i * p));
    const fitsClean = Math.round(cleanAccuracy * m) === m;
    const steps = pathSteps[r]!;
    return { theta, step, reached, fitsClean, cleanAccuracy, poisonAccuracy, path, steps };
  }
}
