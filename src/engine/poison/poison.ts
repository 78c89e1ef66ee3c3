/**
 * The poison set of Huang et al. 2019 ("Understanding generalization through visualizations"):
 * ρ·m extra points drawn from the same input distribution as the m training points, each with a
 * label drawn uniformly at random from {0, 1} (from 0 … C − 1 for a set of C classes). Training on train ∪ poison until the clean training
 * set is fitted finds a "bad" minimum: it fits the training set as perfectly as a good one, but
 * the network has also memorised the random labels, and its test accuracy collapses.
 */
import { classCount, generateDataset, type Dataset, type DatasetSpec } from '../data/datasets';
import { deriveSeed, Rng } from '../math/random';

/** Extra labelled points: inputs row-major [n, d], labels [n] in {0, 1}. */
export interface PoisonSet {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly inputDim: number;
}

/** Most poison points per training point. */
export const MAX_POISON_RATIO = 8;

/** The poison set's size n = round(ρ·m), at least 1. */
export function poisonSize(m: number, rho: number): number {
  if (!(rho > 0 && rho <= MAX_POISON_RATIO))
    throw new RangeError(`poison: ρ must be > 0 and ≤ ${MAX_POISON_RATIO} (got ${rho})`);
  return Math.max(1, Math.round(rho * m));
}

/**
 * n labels, each 0 or 1 with probability ½ (independent draws of the seeded generator:
 * label = 1 when u < ½), [n]; with C ≥ 3 classes, each of 0 … C − 1 with probability 1/C
 * (label = ⌊C·u⌋).
 */
export function randomLabels(n: number, seed: number, classes = 2): Float32Array {
  const rng = Rng.derive(seed, 'poison-labels');
  const y = new Float32Array(n);
  if (classes > 2)
    for (let i = 0; i < n; i++) y[i] = Math.min(classes - 1, Math.floor(classes * rng.uniform()));
  else for (let i = 0; i < n; i++) y[i] = rng.uniform() < 0.5 ? 1 : 0;
  return y;
}

/**
 * n inputs from the data set's own input distribution: a fresh draw of the same generator (same
 * kind, noise and margin, a seed derived from `seed`, all n points kept). For user-supplied points
 * ('custom'), whose distribution is only known through the sample, the training inputs are
 * resampled with replacement (the empirical distribution). The 8×8 digits have no generator
 * either: a training image drawn with replacement, shifted by one pixel up, down, left or right
 * (drawn uniformly; the pixels moved in are background, 0), so that a poison image is a digit of
 * the same distribution and not a copy of a clean one, whose random label could never be fitted
 * beside the clean label. Row-major [n, d].
 */
export function poisonInputs(
  spec: DatasetSpec,
  clean: Dataset,
  n: number,
  seed: number,
): Float32Array {
  const d = clean.inputDim;
  if (spec.kind === 'custom') {
    const m = clean.yTrain.length;
    const rng = Rng.derive(seed, 'poison-resample');
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const j = rng.int(m);
      x.set(clean.xTrain.subarray(j * d, (j + 1) * d), i * d);
    }
    return x;
  }
  // The digits' spec is not a generator's (DatasetSpec), so its kind is compared as a string.
  if ((spec.kind as string) === 'digits') return shiftedDigits(clean, n, seed);
  const fresh = generateDataset({
    ...spec,
    points: n,
    testFraction: 0,
    seed: deriveSeed(seed, 'poison-inputs'),
  } as DatasetSpec);
  if (fresh.inputDim !== d || fresh.yTrain.length !== n)
    throw new Error(
      `poison: the generator gave ${fresh.yTrain.length} points of width ${fresh.inputDim}`,
    );
  return fresh.xTrain;
}

/** The one-pixel shifts (rows, columns) of `shiftedDigits`: down, up, right, left. */
const SHIFTS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/**
 * n images of 8×8 digits (row-major [n, 64], pixel (r, c) at 8r + c): image i is training image
 * j (drawn with replacement) moved by SHIFTS[s] (s drawn uniformly), pixel (r, c) of the result
 * being pixel (r − Δr, c − Δc) of the original, 0 where that is outside the image.
 */
function shiftedDigits(clean: Dataset, n: number, seed: number): Float32Array {
  const side = 8;
  const d = side * side;
  if (clean.inputDim !== d)
    throw new RangeError(`poison: digits have ${d} inputs, the data set has ${clean.inputDim}`);
  const m = clean.yTrain.length;
  const rng = Rng.derive(seed, 'poison-digits');
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const j = rng.int(m);
    const [dr, dc] = SHIFTS[rng.int(SHIFTS.length)]!;
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++) {
        const r0 = r - dr;
        const c0 = c - dc;
        if (r0 >= 0 && r0 < side && c0 >= 0 && c0 < side)
          x[i * d + r * side + c] = clean.xTrain[j * d + r0 * side + c0]!;
      }
  }
  return x;
}

/**
 * The poison set for a classification data set of m training points: n = round(ρ·m) inputs from
 * `poisonInputs` with `randomLabels`. Reproducible: the same (spec, ρ, seed) give the same set.
 */
export function poisonSet(spec: DatasetSpec, clean: Dataset, rho: number, seed: number): PoisonSet {
  if (clean.task !== 'classification')
    throw new RangeError('poison: random labels need a classification data set');
  const n = poisonSize(clean.yTrain.length, rho);
  return {
    x: poisonInputs(spec, clean, n, seed),
    y: randomLabels(n, seed, classCount(clean)),
    inputDim: clean.inputDim,
  };
}

/**
 * The data set whose training split is train ∪ poison (the m clean points first, then the n
 * poison points) and whose test split is the clean one's. Its mean training loss is
 * (m·L_clean + n·L_poison)/(m + n).
 */
export function withPoison(clean: Dataset, poison: PoisonSet): Dataset {
  if (poison.inputDim !== clean.inputDim)
    throw new RangeError(
      `poison: inputs of width ${poison.inputDim}, the data set's are ${clean.inputDim}`,
    );
  const xTrain = new Float32Array(clean.xTrain.length + poison.x.length);
  xTrain.set(clean.xTrain);
  xTrain.set(poison.x, clean.xTrain.length);
  const yTrain = new Float32Array(clean.yTrain.length + poison.y.length);
  yTrain.set(clean.yTrain);
  yTrain.set(poison.y, clean.yTrain.length);
  return {
    task: clean.task,
    ...(clean.classes === undefined ? {} : { classes: clean.classes }),
    inputDim: clean.inputDim,
    xTrain,
    yTrain,
    xTest: clean.xTest,
    yTest: clean.yTest,
  };
}
