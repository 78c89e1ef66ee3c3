/**
 * The digits data view of an experiment on `data.kind: 'digits'`: sample images per class, and at
 * given parameters θ [K, P] every run's predicted digits on the test split (the training split when
 * there is no test set), as a confusion matrix and the first misclassified images.
 */
import { classCount, type Dataset } from '../engine/data/datasets';
import { confusionMatrix, predictedClasses } from '../engine/data/confusion';
import { DIGITS_MAX_PIXEL, DIGITS_PIXELS, digitsDataset } from '../engine/data/digits';
import type { ClassificationResult } from '../config/classification-result';
import type { ExperimentConfig } from '../config/schema';
import { loadDataAssets } from './data-assets';
import { tf } from '../engine/tf';
import {
  DIGITS_VIEW_MISCLASSIFIED,
  DIGITS_VIEW_SAMPLES_PER_CLASS,
  type DigitImages,
  type DigitsViewResult,
} from '../config/digits-view';
import type { Experiment } from './build';

/** Pixel bytes 0…16 of rows `rows` of x (inputs pixel/16) [rows.length, 64]. */
function pixelsOf(x: Float32Array, rows: readonly number[]): Uint8Array {
  const out = new Uint8Array(rows.length * DIGITS_PIXELS);
  rows.forEach((row, r) => {
    for (let j = 0; j < DIGITS_PIXELS; j++) {
      out[r * DIGITS_PIXELS + j] = Math.round(x[row * DIGITS_PIXELS + j]! * DIGITS_MAX_PIXEL);
    }
  });
  return out;
}

/** The first `perClass` training images of each class, class 0 first. */
export function digitSamples(data: Dataset, perClass = DIGITS_VIEW_SAMPLES_PER_CLASS): DigitImages {
  const classes = classCount(data);
  const rows: number[] = [];
  for (let c = 0; c < classes; c++) {
    let found = 0;
    for (let i = 0; i < data.yTrain.length && found < perClass; i++) {
      if (data.yTrain[i] === c) {
        rows.push(i);
        found++;
      }
    }
  }
  return {
    pixels: pixelsOf(data.xTrain, rows),
    labels: Uint8Array.from(rows, (i) => data.yTrain[i]!),
  };
}

/**
 * The view at θ [K, P] (row k: run k's parameters) recorded at `step`. Throws unless the
 * experiment's data are 8×8 images of a classification set.
 */
export function digitsView(
  experiment: Experiment,
  theta: Float32Array,
  step: number,
): DigitsViewResult {
  const data = experiment.dataset;
  if (!data || data.inputDim !== DIGITS_PIXELS || classCount(data) < 2) {
    throw new RangeError("the digits view needs 8×8 image data ('digits')");
  }
  const { problem, names } = experiment;
  const classes = classCount(data);
  const k = names.length;
  const p = problem.layout.size;
  if (theta.length !== k * p) {
    throw new RangeError(`digitsView: θ has ${theta.length} numbers, expected K·P = ${k}·${p}`);
  }
  const split = data.yTest.length > 0 ? 'test' : 'train';
  const x = split === 'test' ? data.xTest : data.xTrain;
  const y = split === 'test' ? data.yTest : data.yTrain;
  const m = y.length;
  const outputs = tf.tidy(() => problem.outputs(tf.tensor2d(theta, [k, p]), split));
  const values = outputs.dataSync() as Float32Array;
  outputs.dispose();
  const perRun = values.length / k;
  const runs = names.map((name, r) => {
    const predicted = predictedClasses(values.subarray(r * perRun, (r + 1) * perRun), m, classes);
    const confusion = confusionMatrix(y, predicted, classes);
    const wrong: number[] = [];
    for (let i = 0; i < m; i++) if (predicted[i] !== y[i]) wrong.push(i);
    const listed = wrong.slice(0, DIGITS_VIEW_MISCLASSIFIED);
    return {
      name,
      accuracy: m > 0 ? (m - wrong.length) / m : NaN,
      confusion,
      errors: wrong.length,
      misclassified: {
        pixels: pixelsOf(x, listed),
        labels: Uint8Array.from(listed, (i) => y[i]!),
        predicted: Uint8Array.from(listed, (i) => predicted[i]!),
      },
    };
  });
  return { classes, samples: digitSamples(data), split, step, runs };
}

/**
 * The view of a saved result (`classification` block of a digits experiment): the same samples
 * and misclassified images as `digitsView` at the θ the result was computed at, the images taken
 * from the bundled asset through the split the config's data and seed make, and the counts as the
 * file gives them. Throws unless the config trains on the digits and the block fits its split.
 */
export async function digitsReplayView(
  config: ExperimentConfig,
  classification: ClassificationResult,
): Promise<DigitsViewResult> {
  if (config.problem.kind === 'surface' || config.data.kind !== 'digits') {
    throw new RangeError("the digits view needs a result of the digits ('data.kind: digits')");
  }
  await loadDataAssets(config);
  const data = digitsDataset({ ...config.data, seed: config.seed });
  const split = data.yTest.length > 0 ? 'test' : 'train';
  const x = split === 'test' ? data.xTest : data.xTrain;
  const y = split === 'test' ? data.yTest : data.yTrain;
  const { classes } = classification;
  const runs = classification.runs.map((run) => {
    const s = run[split];
    if (!s || s.examples !== y.length) {
      throw new RangeError(
        `classification.runs: ${run.name}'s ${split} split has ${s?.examples ?? 0} examples, the digits config makes ${y.length}`,
      );
    }
    const listed = s.misclassified.slice(0, DIGITS_VIEW_MISCLASSIFIED);
    return {
      name: run.name,
      accuracy: s.accuracy,
      confusion: Int32Array.from(s.confusion),
      errors: s.misclassified.length,
      misclassified: {
        pixels: pixelsOf(x, listed),
        labels: Uint8Array.from(listed, (i) => y[i]!),
        predicted: Uint8Array.from(s.predicted.slice(0, listed.length)),
      },
    };
  });
  const step = classification.runs.reduce((m, r) => Math.max(m, r.step), 0);
  return { classes, samples: digitSamples(data), split, step, runs };
}
