/** Plain descriptions of an experiment for the page (a `SessionInfo`): names, colours, labels, data for previews. */
import type { ExperimentConfig } from '../config/schema';
import type { Dataset } from '../engine/data/datasets';
import { describeLayout } from '../engine/problems/layout';
import { surfaceDefinition } from '../engine/problems/surfaces';
import type { Experiment } from '../experiment/build';
import type { SessionInfo } from '../protocol/session-info';
import { defaultRunColor } from '../config/palette';

const DATA_LABELS: Record<string, string> = {
  spiral: 'two spirals',
  circles: 'two circles',
  xor: 'XOR',
  gaussians: 'two Gaussians',
  moons: 'two moons',
  linear: 'linearly separable points',
  spiral3: 'three spirals',
  spiral5: 'five spirals',
  'tanh-teacher': 'a tanh teacher',
  'linear-design': 'a linear design',
  custom: 'custom data',
  digits: 'handwritten digits (8×8)',
};

export function runColors(config: ExperimentConfig): string[] {
  return config.runs.map((r, k) => r.color ?? defaultRunColor(k));
}

/**
 * The input window shown around a data set: its bounding box plus 10 % (2-D: x and y; 1-D: x and
 * the target range).
 */
export function inputWindow(data: Dataset): [number, number, number, number] {
  const range = (values: Float32Array, stride: number, offset: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = offset; i < values.length; i += stride) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
    const pad = 0.1 * Math.max(hi - lo, 1e-6);
    return [lo - pad, hi + pad];
  };
  if (data.inputDim === 2) {
    const all = new Float32Array([...data.xTrain, ...data.xTest]);
    return [...range(all, 2, 0), ...range(all, 2, 1)];
  }
  const xs = new Float32Array([...data.xTrain, ...data.xTest]);
  const ys = new Float32Array([...data.yTrain, ...data.yTest]);
  return [...range(xs, 1, 0), ...range(ys, 1, 0)];
}

export function describeExperiment(experiment: Experiment, colors: string[]): SessionInfo {
  const { config, problem, dataset } = experiment;
  const p = problem.layout.size;
  const spec = config.problem;
  const model =
    spec.kind === 'mlp'
      ? `MLP ${[dataset?.inputDim ?? 2, ...spec.hidden, (problem.classes ?? 2) > 2 ? problem.classes : 1].join('-')} (${spec.activation}), ${p} parameters`
      : spec.kind === 'surface'
        ? `${spec.surface} surface`
        : spec.kind === 'cnn'
          ? `CNN conv3×3 ${spec.channels[0]} → pool → conv3×3 ${spec.channels[1]} → pool → dense ${problem.classes} (${spec.activation}), ${p} parameters`
          : `${problem.name}, ${p} parameters`;
  const data = dataset
    ? `${DATA_LABELS[config.data.kind] ?? config.data.kind}, ${problem.size.train} training / ${problem.size.test} test points`
    : 'analytic surface (no data)';
  const loss =
    problem.task === 'classification'
      ? (problem.classes ?? 2) > 2
        ? `softmax cross-entropy, ${problem.classes} classes`
        : 'binary cross-entropy'
      : problem.task === 'regression'
        ? 'mean squared error'
        : 'f(x, y)';
  const info: SessionInfo = {
    names: experiment.names,
    colors,
    steps: config.steps,
    problem: {
      name: problem.name,
      task: problem.task,
      parameters: p,
      layout: describeLayout(problem.layout),
    },
    model,
    data,
    loss,
  };
  if (spec.kind === 'surface') info.formula = surfaceDefinition(spec.surface).formula;
  else info.dataKind = config.data.kind;
  if (dataset && dataset.inputDim <= 2) {
    info.points = {
      inputDim: dataset.inputDim,
      xTrain: dataset.xTrain,
      yTrain: dataset.yTrain,
      xTest: dataset.xTest,
      yTest: dataset.yTest,
    };
    info.window = inputWindow(dataset);
  }
  return info;
}
