/**
 * Data sets: generated 2-D classification sets, regression teachers and user-supplied points.
 *
 * MULTI-CLASS API (a classification `Dataset` with C ≥ 2 classes; what every producer of a data
 * set, e.g. a bundled image set, fills in):
 * - `task: 'classification'`, `inputDim = d` (2 for the plane sets, 64 for 8×8 images);
 * - `xTrain` / `xTest`: row-major Float32Array [m, d] (example i's features at i·d … i·d + d − 1);
 * - `yTrain` / `yTest`: Float32Array [m] of CLASS INDICES 0, 1, …, C − 1 (whole numbers stored as
 *   floats; never one-hot);
 * - `classes = C`. C = 2 is binary: one logit, sigmoid and binary cross-entropy (every existing
 *   set). C ≥ 3 is multi-class: the MLP and 'logistic' get C output logits, softmax
 *   cross-entropy ℓ = log Σ_c e^{z_c} − z_y, and accuracy by argmax (`classCount` reads it).
 */
import { Rng } from '../math/random';

/** Largest number of classes a classification set may have (labels 0 … MAX_CLASSES − 1). */
export const MAX_CLASSES = 32;

/** A supervised data set split into train and test parts. */
export interface Dataset {
  /** 'classification': labels are class indices 0 … classes − 1; 'regression': real targets. */
  readonly task: 'classification' | 'regression';
  /**
   * Classification only: the number of classes C (labels 0 … C − 1). Absent means 2 (binary).
   * C = 2 trains one logit with binary cross-entropy; C ≥ 3 trains C logits with softmax
   * cross-entropy. Read it with `classCount`.
   */
  readonly classes?: number;
  /** Input dimension d (2 for the 2-D sets, 1 for 1-D regression, P for a linear design). */
  readonly inputDim: number;
  /** Training inputs, row-major [mTrain, d]. */
  readonly xTrain: Float32Array;
  /** Training targets [mTrain]. */
  readonly yTrain: Float32Array;
  /** Test inputs, row-major [mTest, d]. */
  readonly xTest: Float32Array;
  /** Test targets [mTest]. */
  readonly yTest: Float32Array;
  /** Teacher parameters when the data came from one (tanh teacher, linear design). */
  readonly teacher?: Float32Array;
}

/** Number of classes of a data set: `classes` (2 when absent) for classification, 0 for regression. */
export function classCount(data: Pick<Dataset, 'task' | 'classes'>): number {
  return data.task === 'classification' ? (data.classes ?? 2) : 0;
}

/**
 * The generated 2-D classification sets. Inputs lie roughly in [−1, 1]². All are binary except
 * 'spiral3' and 'spiral5' (3 and 5 interleaved spiral arms, one class per arm).
 */
export type ClassificationDatasetName =
  'spiral' | 'circles' | 'xor' | 'gaussians' | 'moons' | 'linear' | 'spiral3' | 'spiral5';

/** Number of classes of each generated classification set. */
export const GENERATED_CLASSES: Readonly<Record<ClassificationDatasetName, number>> = {
  spiral: 2,
  circles: 2,
  xor: 2,
  gaussians: 2,
  moons: 2,
  linear: 2,
  spiral3: 3,
  spiral5: 5,
};

const CLASSIFICATION_SETS: ReadonlySet<string> = new Set(Object.keys(GENERATED_CLASSES));

/** What to generate. `points` is the total before the train/test split. */
export type DatasetSpec =
  | {
      kind: ClassificationDatasetName;
      points: number;
      /** Std. dev. of Gaussian jitter on the inputs (for 'gaussians': added to the 0.2 spread). */
      noise: number;
      testFraction: number;
      /** 'linear' only: the empty band |w*·x + b*| < margin/2 around the separating line. */
      margin: number;
      seed: number;
    }
  | {
      /** y = h_θ*(x) + ε with h(x) = Σᵢ αᵢ tanh(w (x − bᵢ)), x ~ U[−3, 3]. */
      kind: 'tanh-teacher';
      points: number;
      /** Std. dev. σ of the label noise ε. */
      noise: number;
      testFraction: number;
      /** Number of teacher units d*. */
      teacherUnits: number;
      /** Teacher slope w*. */
      teacherSlope: number;
      seed: number;
    }
  | {
      /** y = A θ* + ε with A ~ N(0, 1) of shape [m, features], θ* ~ N(0, 1/features). */
      kind: 'linear-design';
      points: number;
      features: number;
      noise: number;
      testFraction: number;
      seed: number;
    }
  | {
      /** User-supplied points; test points given explicitly or split off by `testFraction`. */
      kind: 'custom';
      task: 'classification' | 'regression';
      x: number[][];
      y: number[];
      testX?: number[][];
      testY?: number[];
      testFraction: number;
      seed: number;
    };

/** Generates the data set described by `spec`, deterministically from `spec.seed`. */
export function generateDataset(spec: DatasetSpec): Dataset {
  const rng = Rng.derive(spec.seed, 'data', spec.kind);
  switch (spec.kind) {
    case 'tanh-teacher':
      return tanhTeacher(spec, rng);
    case 'linear-design':
      return linearDesign(spec, rng);
    case 'custom':
      return customData(spec, rng);
    default: {
      if (!CLASSIFICATION_SETS.has(spec.kind)) {
        throw new RangeError(`unknown data set '${String(spec.kind)}'`);
      }
      const { x, y } = classificationPoints(spec.kind, spec.points, spec.noise, spec.margin, rng);
      return {
        ...split('classification', 2, x, y, spec.testFraction, rng),
        classes: GENERATED_CLASSES[spec.kind],
      };
    }
  }
}

function classificationPoints(
  kind: ClassificationDatasetName,
  n: number,
  noise: number,
  margin: number,
  rng: Rng,
): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const set = (i: number, px: number, py: number, label: number): void => {
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = label;
  };
  const jitter = (): number => noise * rng.normal();
  switch (kind) {
    case 'spiral': {
      // Two interleaved spirals of 1.75 turns, radius 0 → 1 (tensorflow/playground's "spiral").
      const half = Math.ceil(n / 2);
      for (let i = 0; i < n; i++) {
        const label = i < half ? 1 : 0;
        const j = label === 1 ? i : i - half;
        const count = label === 1 ? half : n - half;
        const r = j / count;
        const t = 1.75 * 2 * Math.PI * r + (label === 1 ? 0 : Math.PI);
        set(i, r * Math.sin(t) + jitter(), r * Math.cos(t) + jitter(), label);
      }
      break;
    }
    case 'spiral3':
    case 'spiral5': {
      // C arms of one turn each, radius 0 → 1, arm c rotated by 2πc/C; arm c has label c and
      // the points are shared out evenly (arm c gets ⌈(n − c)/C⌉ of them). CS231n's spiral data.
      const arms = GENERATED_CLASSES[kind];
      for (let c = 0, i = 0; c < arms; c++) {
        const count = Math.ceil((n - c) / arms);
        for (let j = 0; j < count; j++, i++) {
          const r = count > 1 ? j / count : 0;
          const t = 2 * Math.PI * r + (2 * Math.PI * c) / arms;
          set(i, r * Math.sin(t) + jitter(), r * Math.cos(t) + jitter(), c);
        }
      }
      break;
    }
    case 'circles': {
      // Label 1: disc of radius 0.5; label 0: ring 0.7 ≤ r ≤ 1.
      for (let i = 0; i < n; i++) {
        const inner = i % 2 === 0;
        const r = inner ? rng.uniformIn(0, 0.5) : rng.uniformIn(0.7, 1);
        const angle = rng.uniformIn(0, 2 * Math.PI);
        set(i, r * Math.sin(angle) + jitter(), r * Math.cos(angle) + jitter(), inner ? 1 : 0);
      }
      break;
    }
    case 'xor': {
      // Label 1 in the quadrants where x·y > 0; points kept 0.05 away from the axes.
      for (let i = 0; i < n; i++) {
        let px = rng.uniformIn(-0.95, 0.95);
        let py = rng.uniformIn(-0.95, 0.95);
        px += px >= 0 ? 0.05 : -0.05;
        py += py >= 0 ? 0.05 : -0.05;
        set(i, px + jitter(), py + jitter(), px * py > 0 ? 1 : 0);
      }
      break;
    }
    case 'gaussians': {
      // Label 1 around (0.5, 0.5), label 0 around (−0.5, −0.5); spread 0.2 + noise.
      const sd = 0.2 + noise;
      for (let i = 0; i < n; i++) {
        const label = i % 2 === 0 ? 1 : 0;
        const c = label === 1 ? 0.5 : -0.5;
        set(i, c + sd * rng.normal(), c + sd * rng.normal(), label);
      }
      break;
    }
    case 'moons': {
      // scikit-learn's make_moons, centred and scaled by 2/3 into [−1, 1] × [−0.5, 0.5].
      const half = Math.ceil(n / 2);
      for (let i = 0; i < n; i++) {
        const upper = i < half;
        const count = upper ? half : n - half;
        const j = upper ? i : i - half;
        const t = count > 1 ? (Math.PI * j) / (count - 1) : 0;
        const mx = upper ? Math.cos(t) : 1 - Math.cos(t);
        const my = upper ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
        set(i, ((mx - 0.5) * 2) / 3 + jitter(), ((my - 0.25) * 2) / 3 + jitter(), upper ? 0 : 1);
      }
      break;
    }
    case 'linear': {
      // A random line w*·x + b* = 0 (‖w*‖ = 1, |b*| ≤ 0.2); jittered points closer than margin/2
      // to it are rejected, so the set is separable with that margin.
      const angle = rng.uniformIn(0, 2 * Math.PI);
      const wx = Math.cos(angle);
      const wy = Math.sin(angle);
      const b = rng.uniformIn(-0.2, 0.2);
      for (let i = 0; i < n; i++) {
        for (;;) {
          const px = rng.uniformIn(-1, 1) + jitter();
          const py = rng.uniformIn(-1, 1) + jitter();
          const s = wx * px + wy * py + b;
          if (Math.abs(s) >= margin / 2) {
            set(i, px, py, s > 0 ? 1 : 0);
            break;
          }
        }
      }
      break;
    }
  }
  return { x, y };
}

/** Evaluates the tanh model h(x) = Σᵢ αᵢ tanh(w (x − bᵢ)). */
export function tanhModel(
  x: number,
  w: number,
  b: ArrayLike<number>,
  alpha: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += alpha[i]! * Math.tanh(w * (x - b[i]!));
  return s;
}

function tanhTeacher(spec: Extract<DatasetSpec, { kind: 'tanh-teacher' }>, rng: Rng): Dataset {
  const d = spec.teacherUnits;
  const b = new Float32Array(d);
  const alpha = new Float32Array(d);
  for (let i = 0; i < d; i++) {
    b[i] = rng.uniformIn(-2, 2);
    alpha[i] = rng.normal();
  }
  const x = new Float32Array(spec.points);
  const y = new Float32Array(spec.points);
  for (let k = 0; k < spec.points; k++) {
    x[k] = rng.uniformIn(-3, 3);
    y[k] = tanhModel(x[k]!, spec.teacherSlope, b, alpha) + spec.noise * rng.normal();
  }
  // Teacher in the tanh-regression layout [w, b₁..b_d, α₁..α_d].
  const teacher = new Float32Array(1 + 2 * d);
  teacher[0] = spec.teacherSlope;
  teacher.set(b, 1);
  teacher.set(alpha, 1 + d);
  return { ...split('regression', 1, x, y, spec.testFraction, rng), teacher };
}

function linearDesign(spec: Extract<DatasetSpec, { kind: 'linear-design' }>, rng: Rng): Dataset {
  const p = spec.features;
  const teacher = new Float32Array(p);
  for (let j = 0; j < p; j++) teacher[j] = rng.normal() / Math.sqrt(p);
  const x = new Float32Array(spec.points * p);
  const y = new Float32Array(spec.points);
  for (let k = 0; k < spec.points; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const a = rng.normal();
      x[k * p + j] = a;
      s += a * teacher[j]!;
    }
    y[k] = s + spec.noise * rng.normal();
  }
  return { ...split('regression', p, x, y, spec.testFraction, rng), teacher };
}

function customData(spec: Extract<DatasetSpec, { kind: 'custom' }>, rng: Rng): Dataset {
  const d = spec.x[0]?.length ?? 0;
  const flat = (rows: number[][], what: string): Float32Array => {
    const out = new Float32Array(rows.length * d);
    rows.forEach((row, i) => {
      if (row.length !== d) {
        throw new RangeError(
          `custom ${what} ${i} has ${row.length} coordinates, the training points have ${d}`,
        );
      }
      out.set(row, i * d);
    });
    return out;
  };
  const classes = spec.task === 'classification' ? customClasses(spec) : undefined;
  const withClasses = (data: Dataset): Dataset => (classes ? { ...data, classes } : data);
  if (spec.testX && spec.testY) {
    return withClasses({
      task: spec.task,
      inputDim: d,
      xTrain: flat(spec.x, 'point'),
      yTrain: Float32Array.from(spec.y),
      xTest: flat(spec.testX, 'test point'),
      yTest: Float32Array.from(spec.testY),
    });
  }
  return withClasses(
    split(spec.task, d, flat(spec.x, 'point'), Float32Array.from(spec.y), spec.testFraction, rng),
  );
}

/**
 * Classes of custom classification points: labels must be whole numbers 0 … MAX_CLASSES − 1;
 * C = 1 + the largest label of the training and test points, at least 2.
 */
function customClasses(spec: Extract<DatasetSpec, { kind: 'custom' }>): number {
  let top = 1;
  for (const [what, labels] of [
    ['label', spec.y],
    ['test label', spec.testY ?? []],
  ] as const) {
    labels.forEach((label, i) => {
      if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES) {
        throw new RangeError(
          `custom ${what} ${i} is ${label}: class labels must be whole numbers from 0 to ${MAX_CLASSES - 1}`,
        );
      }
      top = Math.max(top, label);
    });
  }
  return top + 1;
}

/**
 * Splits n points into train and test: a seeded permutation, the first round(testFraction · n)
 * points go to the test set (at least one point stays in training).
 */
function split(
  task: Dataset['task'],
  d: number,
  x: Float32Array,
  y: Float32Array,
  testFraction: number,
  rng: Rng,
): Dataset {
  const n = y.length;
  const nTest = Math.min(n - 1, Math.round(testFraction * n));
  const order = rng.permutation(n);
  const xTrain = new Float32Array((n - nTest) * d);
  const yTrain = new Float32Array(n - nTest);
  const xTest = new Float32Array(nTest * d);
  const yTest = new Float32Array(nTest);
  for (let r = 0; r < n; r++) {
    const src = order[r]!;
    const row = x.subarray(src * d, src * d + d);
    if (r < nTest) {
      xTest.set(row, r * d);
      yTest[r] = y[src]!;
    } else {
      xTrain.set(row, (r - nTest) * d);
      yTrain[r - nTest] = y[src]!;
    }
  }
  return { task, inputDim: d, xTrain, yTrain, xTest, yTest };
}
