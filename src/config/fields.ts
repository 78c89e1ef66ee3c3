/**
 * What the forms, the URL codec, classroom "hide" options and lecture mode need to know about
 * each field of the document (`config/app.ts`), beside its schema: a table keyed by the field's
 * path from the document's root (`experiment.runs[].lr`, `view.n`, `display.height.clip`; `[]`
 * stands for any entry of a list) with its label, unit, allowed range or values, one sentence of
 * help, and which problems (and which sibling choices) it applies to. The labels are the forms'.
 * `fields.test.ts` checks every path against the schema, every range at its bounds and every list
 * of values against the schema's.
 */
import {
  COLORMAPS,
  HEIGHT_SCALES,
  NORMALIZATIONS,
  VIEW_DIRECTIONS,
  VIEW_MODES,
  type AppConfig,
} from './app';
import {
  ACTIVATIONS,
  CLASSIFICATION_DATASETS,
  LANDSCAPE_METRICS,
  OPTIMIZERS,
  RANGE_MAX,
  SURFACE_NAMES,
  type DataConfig,
  type ProblemConfig,
} from './schema';

export type ProblemKind = ProblemConfig['kind'];
export type DataKind = DataConfig['kind'];

/** Every problem kind, in the order the forms list them. */
export const PROBLEM_KINDS: readonly ProblemKind[] = [
  'mlp',
  'logistic',
  'linear-regression',
  'tanh-regression',
  'surface',
  'cnn',
];

/** How a field is entered. */
export type FieldInput =
  /** a real number in `range` */
  | 'number'
  /** a whole number in `range` */
  | 'integer'
  /** one of `choices` */
  | 'choice'
  | 'boolean'
  /** free text of `size` characters */
  | 'text'
  /** a CSS colour */
  | 'color'
  /** a list of `size` whole numbers, each in `range` (hidden layer widths) */
  | 'widths'
  /** a pair of numbers, each in `range` (β₁, β₂) */
  | 'pair'
  /** "full" (`choices`) or a whole number in `range` (the batch size) */
  | 'batch'
  /** "fit" (`choices`) or [min, max], each end in `range` */
  | 'range'
  /** three run points, each a run's initial or final θ */
  | 'through';

/** Allowed numbers: from `min` to `max`, each bound allowed unless it is exclusive. */
export interface FieldRange {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** One entry of a fixed-size list that is not a list of layers: its own label and help. */
export interface FieldEntry {
  /** The forms' label of the entry ("Conv 1 channels"). */
  label: string;
  /** One sentence. */
  help: string;
}

export interface FieldChoice {
  value: string;
  label: string;
  /** The problems this value is offered for (default: every problem the field applies to). */
  problems?: readonly ProblemKind[];
}

export interface FieldInfo {
  /** The forms' label ("Learning rate"). */
  label: string;
  /** The short symbol or note the forms show beside the label ("η", "input σ"), or null. */
  hint: string | null;
  /** The unit of the value ("updates"), or null for pure numbers and choices. */
  unit: string | null;
  input: FieldInput;
  /** Numbers (of each entry, for lists): the schema's bounds; null for other inputs. */
  range: FieldRange | null;
  /** Entries of a list, characters of a text; null otherwise. */
  size: { min: number; max: number } | null;
  /**
   * The label and help of each entry of a fixed-size list whose entries are not hidden layers
   * (the CNN's two convolutions); null otherwise (layers are "Layer i width").
   */
  entries: readonly FieldEntry[] | null;
  /** The allowed values of a choice (and the word of a batch size or range); null otherwise. */
  choices: readonly FieldChoice[] | null;
  /** One sentence. */
  help: string;
  /** The problem kinds the field applies to. */
  problems: readonly ProblemKind[];
  /**
   * Further conditions, each a path from the document's root and the values it must have (all
   * must hold): e.g. `{ 'experiment.runs[].optimizer': ['rmsprop'] }` (the same run), or null.
   */
  when: Readonly<Record<string, readonly string[]>> | null;
}

const ALL = PROBLEM_KINDS;
const WITH_DATA: readonly ProblemKind[] = [
  'mlp',
  'logistic',
  'linear-regression',
  'tanh-regression',
  'cnn',
];
const NOT_SURFACE = WITH_DATA;
/** The models of points in any dimension (the CNN takes 8×8 images only). */
const VECTOR_CLASSIFIERS: readonly ProblemKind[] = ['mlp', 'logistic'];
const CLASSIFIERS: readonly ProblemKind[] = [...VECTOR_CLASSIFIERS, 'cnn'];
const GENERATED_DATA: readonly DataKind[] = [
  ...CLASSIFICATION_DATASETS,
  'tanh-teacher',
  'linear-design',
];
const SEED_MAX = 2 ** 31 - 1;

type Spec = Pick<FieldInfo, 'label' | 'help' | 'input'> & Partial<FieldInfo>;

function field(spec: Spec): FieldInfo {
  return {
    hint: null,
    unit: null,
    range: null,
    size: null,
    entries: null,
    choices: null,
    problems: ALL,
    when: null,
    ...spec,
  };
}

const int = (min: number, max: number): FieldRange => ({ min, max });
const choices = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  problems?: Partial<Record<T, readonly ProblemKind[]>>,
): FieldChoice[] =>
  values.map((value) => ({
    value,
    label: labels[value],
    ...(problems?.[value] ? { problems: problems[value] } : {}),
  }));
const same = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v as string])) as Record<T, string>;

const runWhen = (optimizers: readonly (typeof OPTIMIZERS)[number][]) => ({
  'experiment.runs[].optimizer': optimizers,
});
const ADAM_FAMILY = ['adam', 'adamw', 'nadam'] as const;

/** Every field the forms and the page show, by path from the document's root. */
export const FIELDS = {
  // The problem and its model.
  'experiment.problem.kind': field({
    label: 'Problem',
    input: 'choice',
    choices: choices(PROBLEM_KINDS, {
      mlp: 'MLP (neural network)',
      logistic: 'Logistic regression',
      'linear-regression': 'Linear regression',
      'tanh-regression': '1-D tanh regression',
      surface: 'Analytic surface',
      cnn: 'CNN (convolutional, 8×8 digits)',
    }),
    help: 'The model trained on the data, or an analytic surface f(x, y) with no data.',
  }),
  'experiment.problem.hidden': field({
    label: 'Hidden layers',
    unit: 'units',
    input: 'widths',
    range: int(1, 256),
    size: { min: 1, max: 4 },
    problems: ['mlp'],
    help: 'The widths of the 1 to 4 hidden layers of the network, each 1 to 256 units.',
  }),
  'experiment.problem.activation': field({
    label: 'Activation',
    input: 'choice',
    choices: choices(ACTIVATIONS, same(ACTIVATIONS)),
    problems: ['mlp', 'cnn'],
    help: 'The nonlinearity applied after every hidden layer (every convolution of the CNN).',
  }),
  'experiment.problem.channels': field({
    label: 'Channels',
    hint: 'c₁, c₂',
    unit: 'channels',
    input: 'widths',
    range: int(1, 32),
    size: { min: 2, max: 2 },
    entries: [
      {
        label: 'Conv 1 channels',
        help: 'The number c₁ of 3×3 filters the first convolution slides over the 8×8 image, each making one feature map (channel).',
      },
      {
        label: 'Conv 2 channels',
        help: 'The number c₂ of 3×3 filters the second convolution slides over conv 1’s pooled 4×4 maps, each reading all c₁ of them.',
      },
    ],
    problems: ['cnn'],
    help: 'The output channels c₁ and c₂ of the two 3×3 convolutions (each 1 to 32).',
  }),
  'experiment.problem.units': field({
    label: 'Units',
    hint: 'd',
    input: 'integer',
    range: int(1, 64),
    problems: ['tanh-regression'],
    help: 'The number d of tanh units of the model h(x) = Σ αᵢ tanh(w(x − bᵢ)).',
  }),
  'experiment.problem.surface': field({
    label: 'Surface',
    input: 'choice',
    choices: choices(SURFACE_NAMES, {
      quadratic: 'Quadratic ½(x² + κy²)',
      rosenbrock: 'Rosenbrock',
      beale: 'Beale',
      himmelblau: 'Himmelblau',
      saddle: 'Saddle x² − y²',
      rastrigin: 'Rastrigin',
      'plateau-cliff': 'Plateau and cliff',
    }),
    problems: ['surface'],
    help: 'The analytic function f(x, y) the optimisers descend.',
  }),
  'experiment.problem.kappa': field({
    label: 'κ',
    hint: 'condition number',
    input: 'number',
    range: { min: 1, max: 1e6 },
    problems: ['surface'],
    when: { 'experiment.problem.surface': ['quadratic'] },
    help: 'The condition number κ of the quadratic: how much steeper y is than x.',
  }),

  // The data.
  'experiment.data.kind': field({
    label: 'Data set',
    input: 'choice',
    choices: choices(
      [...GENERATED_DATA, 'digits', 'custom'] as const,
      {
        spiral: 'Two spirals',
        circles: 'Two circles',
        xor: 'XOR',
        gaussians: 'Two Gaussians',
        moons: 'Two moons',
        linear: 'Linearly separable',
        spiral3: 'Three spirals (3 classes)',
        spiral5: 'Five spirals (5 classes)',
        'tanh-teacher': 'tanh teacher (1-D regression)',
        'linear-design': 'Linear design',
        digits: 'Handwritten digits (8×8, 10 classes)',
        custom: 'Your points (CSV)',
      },
      {
        ...Object.fromEntries(CLASSIFICATION_DATASETS.map((k) => [k, VECTOR_CLASSIFIERS])),
        'tanh-teacher': ['mlp', 'tanh-regression'],
        'linear-design': ['linear-regression'],
        digits: CLASSIFIERS,
        custom: WITH_DATA.filter((k) => k !== 'cnn'),
      },
    ),
    problems: WITH_DATA,
    help: 'The points the model is trained on: a generated set or your own from a CSV file.',
  }),
  'experiment.data.points': field({
    label: 'Points',
    unit: 'points',
    input: 'integer',
    range: int(2, 100_000),
    problems: WITH_DATA,
    when: { 'experiment.data.kind': GENERATED_DATA },
    help: 'The number of points generated, before the test points are held out.',
  }),
  'experiment.data.noise': field({
    label: 'Noise',
    hint: 'σ',
    input: 'number',
    range: { min: 0, max: 10 },
    problems: WITH_DATA,
    when: { 'experiment.data.kind': GENERATED_DATA },
    help: 'The standard deviation σ of the input jitter (classification) or of the label noise (regression).',
  }),
  'experiment.data.testFraction': field({
    label: 'Test fraction',
    input: 'number',
    range: { min: 0, max: 0.9 },
    problems: WITH_DATA,
    help: 'The fraction of the points held out to measure the test loss and accuracy.',
  }),
  'experiment.data.margin': field({
    label: 'Margin',
    input: 'number',
    range: { min: 0, max: 1 },
    problems: CLASSIFIERS,
    when: { 'experiment.data.kind': ['linear'] },
    help: 'The width of the empty band around the line that separates the two classes.',
  }),
  'experiment.data.teacherUnits': field({
    label: 'Teacher units',
    input: 'integer',
    range: int(1, 64),
    problems: ['mlp', 'tanh-regression'],
    when: { 'experiment.data.kind': ['tanh-teacher'] },
    help: 'The number d* of tanh units of the teacher h_θ* that generates the targets.',
  }),
  'experiment.data.teacherSlope': field({
    label: 'Teacher slope',
    input: 'number',
    range: { min: 0, max: 100, minExclusive: true },
    problems: ['mlp', 'tanh-regression'],
    when: { 'experiment.data.kind': ['tanh-teacher'] },
    help: 'The shared slope w* of the teacher’s tanh units.',
  }),
  'experiment.data.features': field({
    label: 'Features',
    hint: 'P',
    input: 'integer',
    range: int(1, 10_000),
    problems: ['linear-regression'],
    when: { 'experiment.data.kind': ['linear-design'] },
    help: 'The number of features P of the design y = Aθ* + ε, over-parameterised when P exceeds the points.',
  }),

  // Training.
  'experiment.seed': field({
    label: 'Seed',
    input: 'integer',
    range: int(0, SEED_MAX),
    help: 'Seeds the data, θ₀ and the mini-batches, each from its own derived stream.',
  }),
  'experiment.steps': field({
    label: 'Steps',
    unit: 'updates',
    input: 'integer',
    range: int(1, 1_000_000),
    help: 'The number of updates every run takes.',
  }),
  'experiment.recordEvery': field({
    label: 'Record every',
    unit: 'updates',
    input: 'integer',
    range: int(1, 1_000_000),
    help: 'The interval between recorded snapshots of every run (θ₀ and the last step are always recorded).',
  }),
  'experiment.divergenceFactor': field({
    label: 'Divergence factor',
    input: 'number',
    range: { min: 1, max: 1e30, minExclusive: true },
    help: 'A run diverges when its loss is not finite or exceeds this factor times max(1, L(θ₀)).',
  }),

  // Every run.
  'experiment.runs[].name': field({
    label: 'Name',
    input: 'text',
    size: { min: 1, max: 40 },
    help: 'The run’s name in the legend and the charts, without control characters.',
  }),
  'experiment.runs[].color': field({
    label: 'Colour',
    input: 'color',
    help: 'The run’s colour in the scene and the charts: #rrggbb, rgb(…), hsl(…) or a CSS colour name.',
  }),
  'experiment.runs[].optimizer': field({
    label: 'Optimiser',
    input: 'choice',
    choices: choices(OPTIMIZERS, {
      sgd: 'SGD',
      momentum: 'Momentum (heavy ball)',
      nesterov: 'Nesterov',
      adagrad: 'Adagrad',
      rmsprop: 'RMSProp',
      adam: 'Adam',
      adamw: 'AdamW',
      nadam: 'NAdam',
    }),
    help: 'The update rule, as in torch.optim.',
  }),
  'experiment.runs[].lr': field({
    label: 'Learning rate',
    hint: 'η',
    input: 'number',
    range: { min: 0, max: 1e6, minExclusive: true },
    help: 'The step size η; left empty, torch.optim’s default for the optimiser.',
  }),
  'experiment.runs[].momentum': field({
    label: 'Momentum',
    hint: 'μ',
    input: 'number',
    range: { min: 0, max: 1, maxExclusive: true },
    when: runWhen(['momentum', 'nesterov']),
    help: 'The fraction μ of the previous update carried into the next.',
  }),
  'experiment.runs[].betas': field({
    label: 'β₁, β₂',
    input: 'pair',
    range: { min: 0, max: 1, maxExclusive: true },
    size: { min: 2, max: 2 },
    when: runWhen(ADAM_FAMILY),
    help: 'The decay rates of the running averages of the gradient (β₁) and of its square (β₂).',
  }),
  'experiment.runs[].eps': field({
    label: 'ε',
    input: 'number',
    range: { min: 0, max: 1, minExclusive: true },
    when: runWhen([...ADAM_FAMILY, 'adagrad', 'rmsprop']),
    help: 'The small constant ε added to the denominator of the adaptive step.',
  }),
  'experiment.runs[].alpha': field({
    label: 'α',
    hint: 'smoothing',
    input: 'number',
    range: { min: 0, max: 1, maxExclusive: true },
    when: runWhen(['rmsprop']),
    help: 'The smoothing constant α of RMSProp’s running average of squared gradients.',
  }),
  'experiment.runs[].weightDecay': field({
    label: 'Weight decay',
    hint: 'λ',
    input: 'number',
    range: { min: 0, max: 10 },
    help: 'The weight decay λ: an L2 penalty, decoupled from the adaptive scaling for AdamW.',
  }),
  'experiment.runs[].momentumDecay': field({
    label: 'Momentum decay',
    hint: 'ψ',
    input: 'number',
    range: { min: 0, max: 1 },
    when: runWhen(['nadam']),
    help: 'NAdam’s momentum decay ψ, which warms the momentum up over the first updates.',
  }),
  'experiment.runs[].batchSize': field({
    label: 'Batch size',
    hint: 'full or a number',
    unit: 'points',
    input: 'batch',
    range: int(1, 1_000_000),
    choices: [{ value: 'full', label: 'full' }],
    help: 'The points per mini-batch, sampled without replacement each epoch; full: every training point.',
  }),
  'experiment.runs[].schedule.kind': field({
    label: 'Schedule',
    input: 'choice',
    choices: choices(['constant', 'step', 'cosine'] as const, {
      constant: 'Constant',
      step: 'Step decay',
      cosine: 'Cosine',
    }),
    help: 'How the learning rate changes over the updates, after the warm-up.',
  }),
  'experiment.runs[].schedule.warmupSteps': field({
    label: 'Warm-up steps',
    unit: 'updates',
    input: 'integer',
    range: int(0, 1_000_000),
    help: 'The updates over which the learning rate rises linearly from 0 to η.',
  }),
  'experiment.runs[].schedule.stepSize': field({
    label: 'Step size',
    unit: 'updates',
    input: 'integer',
    range: int(1, 1_000_000),
    when: { 'experiment.runs[].schedule.kind': ['step'] },
    help: 'The updates between two decays of the learning rate.',
  }),
  'experiment.runs[].schedule.gamma': field({
    label: 'γ',
    hint: 'factor per step',
    input: 'number',
    range: { min: 0, max: 1, minExclusive: true },
    when: { 'experiment.runs[].schedule.kind': ['step'] },
    help: 'The factor γ the learning rate is multiplied by at every decay.',
  }),
  'experiment.runs[].schedule.minLrFactor': field({
    label: 'Final lr factor',
    input: 'number',
    range: { min: 0, max: 1 },
    when: { 'experiment.runs[].schedule.kind': ['cosine'] },
    help: 'The learning rate at the last update, as a fraction of η.',
  }),
  'experiment.runs[].sam.rho': field({
    label: 'SAM ρ',
    input: 'number',
    range: { min: 0, max: 10, minExclusive: true },
    help: 'The radius ρ of sharpness-aware minimisation’s ascent step, taken before every update.',
  }),
  'experiment.runs[].sampling.temperature': field({
    label: 'Temperature U_c',
    input: 'number',
    range: { min: 0, max: 1e12, minExclusive: true },
    help: 'Importance-sampled mini-batches (Zancato & Chiuso): each batch is drawn i.i.d. with p(xᵢ) ∝ exp(−ℓᵢ/U_c) at the current parameters, so high-loss points are drawn less often; a large U_c is uniform sampling.',
  }),
  'experiment.runs[].initSeed': field({
    label: 'Initial seed',
    input: 'integer',
    range: int(0, SEED_MAX),
    help: 'A seed of the run’s own θ₀; without one the run starts from the same θ₀ as the others, so the race is fair.',
  }),
  'experiment.runs[].batchSeed': field({
    label: 'Batch seed',
    input: 'integer',
    range: int(0, SEED_MAX),
    help: 'Runs with the same batch size and batch seed see the same mini-batches.',
  }),

  // The view.
  'view.directions': field({
    label: 'Plane',
    input: 'choice',
    choices: choices(
      VIEW_DIRECTIONS,
      {
        pca: 'PCA of paths',
        random: 'Random',
        points: 'Through points',
        hessian: 'Hessian eigenvectors',
        axes: 'the surface’s x, y axes (exact)',
        varpro: 'exact (w, shift), α solved',
      },
      {
        pca: NOT_SURFACE,
        random: NOT_SURFACE,
        points: NOT_SURFACE,
        hessian: NOT_SURFACE,
        axes: ['surface'],
        varpro: ['tanh-regression'],
      },
    ),
    help: 'The plane of the landscape: the top two principal directions of the paths, two random directions normalised to θ, the plane through three run points, the top two Hessian eigenvectors at run 1’s newest point (the sharpest directions, unit length), or a surface’s own axes.',
  }),
  'view.n': field({
    label: 'Grid',
    unit: 'points per axis',
    input: 'integer',
    range: int(5, 201),
    help: 'The points per axis of the landscape grid, evaluated n × n times.',
  }),
  'view.range': field({
    label: 'Range',
    input: 'range',
    range: { min: -RANGE_MAX, max: RANGE_MAX },
    choices: [{ value: 'fit', label: 'fit paths' }],
    help: 'The [min, max] of both plane axes, or fit: the projected paths and the centre, plus the margin.',
  }),
  'view.metric': field({
    label: 'Surface of',
    input: 'choice',
    choices: choices(
      LANDSCAPE_METRICS,
      {
        trainLoss: 'training loss',
        testLoss: 'test loss',
        trainAccuracy: 'training accuracy',
        testAccuracy: 'test accuracy',
      },
      { trainAccuracy: CLASSIFIERS, testAccuracy: CLASSIFIERS },
    ),
    help: 'The quantity the landscape shows at every point of the plane.',
  }),
  'view.normalization': field({
    label: 'Normalisation',
    input: 'choice',
    choices: choices(NORMALIZATIONS, {
      filter: 'per unit (filter)',
      layer: 'per layer',
      none: 'none',
    }),
    problems: NOT_SURFACE,
    help: 'How random directions are scaled to θ: per unit (Li et al. 2018), per layer, or not at all.',
  }),
  'view.orthogonalize': field({
    label: 'orthogonalise',
    input: 'boolean',
    problems: NOT_SURFACE,
    help: 'Makes the second random direction orthogonal to the first after normalising.',
  }),
  'view.through': field({
    label: 'Through points',
    input: 'through',
    size: { min: 3, max: 3 },
    problems: NOT_SURFACE,
    when: { 'view.directions': ['points'] },
    help: 'The three run points A, B, C the plane goes through; by default run 1’s start and end and run 2’s end.',
  }),
  'view.margin': field({
    label: 'Margin',
    input: 'number',
    range: { min: 0, max: 2 },
    help: 'The fraction of the fitted extent added on each side of a fitted range.',
  }),
  'view.seed': field({
    label: 'Direction seed',
    input: 'integer',
    range: int(0, SEED_MAX),
    problems: NOT_SURFACE,
    help: 'The seed of the random directions; left empty, one derived from the experiment’s seed.',
  }),

  // The display.
  'display.viewMode': field({
    label: 'View',
    input: 'choice',
    choices: choices(VIEW_MODES, { '3d': '3-D surface', contour: 'Contour map' }),
    help: 'The landscape as a 3-D surface or as a top-down contour map.',
  }),
  'display.height.scale': field({
    label: 'Height scale',
    input: 'choice',
    choices: choices(HEIGHT_SCALES, { linear: 'Linear', log: 'Log' }),
    help: 'How values map to heights and colours: linearly, or on a log scale that shows the valleys.',
  }),
  'display.height.clip': field({
    label: 'Clip above',
    unit: 'quantile',
    input: 'number',
    range: { min: 0, max: 1, minExclusive: true },
    help: 'Heights above this quantile of the grid are clipped, so that a few huge values do not flatten the rest (1: nothing is).',
  }),
  'display.speed': field({
    label: 'Speed',
    unit: 'updates per frame',
    input: 'integer',
    range: int(1, 1000),
    help: 'The updates taken per animation frame while playing.',
  }),
  'display.colormap': field({
    label: 'Colour map',
    input: 'choice',
    choices: choices(COLORMAPS, {
      viridis: 'Viridis',
      magma: 'Magma',
      inferno: 'Inferno',
      cividis: 'Cividis',
    }),
    help: 'The perceptually uniform colour map of the surface and the contour map.',
  }),
  'display.lecture': field({
    label: 'Lecture mode',
    input: 'boolean',
    help: 'Large type, thick lines and high-contrast colours for a projector; the sidebar folds away.',
  }),
  'display.overshoot': field({
    label: 'Step and Taylor model',
    input: 'boolean',
    problems: ['surface'],
    help: 'The selected run’s step from the point on screen, drawn on the surface beside its second-order Taylor model, with the multipliers 1 − ηλ along the Hessian’s eigen-directions (|1 − ηλ| > 1: the step overshoots up the opposite wall).',
  }),
  'display.noiseEllipse': field({
    label: 'Gradient-noise ellipse',
    input: 'boolean',
    help: 'The selected run’s mini-batch gradient-noise covariance at its marker on the contour map (one SGD step’s spread in the plane, magnified), with its split into label noise and misfit on teacher data; recomputed when training pauses.',
  }),
} satisfies Record<string, FieldInfo>;

export type FieldPath = keyof typeof FIELDS;

/** A concrete path to its table entry: `experiment.runs[2].lr` → `experiment.runs[].lr`. */
export function fieldPath(path: string): FieldPath | null {
  const general = path.replace(/\[\d+\]/g, '[]');
  if (Object.hasOwn(FIELDS, general)) return general as FieldPath;
  // An entry of a list field: `experiment.problem.hidden[0]` → `experiment.problem.hidden`.
  const list = general.replace(/\[\]$/, '');
  return list !== general && Object.hasOwn(FIELDS, list) ? (list as FieldPath) : null;
}

/** The table entry of a path (concrete or general), or undefined. */
export function fieldInfo(path: string): FieldInfo | undefined {
  const key = fieldPath(path);
  return key ? FIELDS[key] : undefined;
}

/** The document's own value at a path like `experiment.runs[0].optimizer`, or undefined. */
function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(key);
    const k = index ? Number(index[1]) : key;
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * Whether the field at `path` applies to the document: its problem kind is one of the field's,
 * and every `when` holds. `run` is the run a `runs[]` path refers to (default: the index in
 * `path`, or 0).
 */
export function fieldApplies(path: string, doc: AppConfig, run?: number): boolean {
  const info = fieldInfo(path);
  if (!info) return false;
  if (!info.problems.includes(doc.experiment.problem.kind)) return false;
  const k = run ?? Number(/runs\[(\d+)\]/.exec(path)?.[1] ?? 0);
  return Object.entries(info.when ?? {}).every(([p, values]) => {
    const v = valueAt(doc, p.replace('[]', `[${k}]`));
    return typeof v === 'string' && values.includes(v);
  });
}
