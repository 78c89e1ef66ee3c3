import { tf, type Tensor, type Tensor2D } from '../tf';
import { expTwice, sigmoidTwice } from './activations';
import { makeLayout, type ParameterLayout } from './layout';
import type { Problem, Split } from './problem';

/** The analytic 2-D test functions. */
export type SurfaceName =
  'quadratic' | 'rosenbrock' | 'beale' | 'himmelblau' | 'saddle' | 'rastrigin' | 'plateau-cliff';

/** Parameters of a surface. */
export interface SurfaceSpec {
  surface: SurfaceName;
  /** Condition number κ of the quadratic (ratio of its Hessian's eigenvalues), ≥ 1. */
  kappa: number;
}

export interface SurfaceDefinition {
  /** The formula, for documentation and the UI. */
  formula: string;
  /** Default start point θ₀. */
  start: [number, number];
  /** Global minimisers (empty when unbounded below). */
  minima: [number, number][];
  /** A view window [xMin, xMax, yMin, yMax] that shows the interesting part. */
  window: [number, number, number, number];
  /** f(x, y) elementwise on [K] tensors. */
  f: (x: Tensor, y: Tensor, spec: SurfaceSpec, twice: boolean) => Tensor;
}

const sq = (t: Tensor): Tensor => tf.square(t);

/** Formulas, start points and minima of every surface. */
export const SURFACES: Readonly<Record<SurfaceName, SurfaceDefinition>> = {
  quadratic: {
    formula: 'f(x, y) = ½ (x² + κ y²)',
    start: [-1.5, 1],
    minima: [[0, 0]],
    window: [-2, 2, -2, 2],
    f: (x, y, spec) => tf.mul(0.5, tf.add(sq(x), tf.mul(spec.kappa, sq(y)))),
  },
  rosenbrock: {
    formula: 'f(x, y) = (1 − x)² + 100 (y − x²)²',
    start: [-1.2, 1],
    minima: [[1, 1]],
    window: [-2, 2, -1, 3],
    f: (x, y) => tf.add(sq(tf.sub(1, x)), tf.mul(100, sq(tf.sub(y, sq(x))))),
  },
  beale: {
    formula: 'f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    start: [1, 1.5],
    minima: [[3, 0.5]],
    window: [-4.5, 4.5, -4.5, 4.5],
    f: (x, y) =>
      tf.addN([
        sq(tf.add(tf.sub(1.5, x), tf.mul(x, y))),
        sq(tf.add(tf.sub(2.25, x), tf.mul(x, sq(y)))),
        sq(tf.add(tf.sub(2.625, x), tf.mul(x, tf.mul(y, sq(y))))),
      ]),
  },
  himmelblau: {
    formula: 'f(x, y) = (x² + y − 11)² + (x + y² − 7)²',
    start: [0, 0],
    minima: [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ],
    window: [-5, 5, -5, 5],
    f: (x, y) => tf.add(sq(tf.sub(tf.add(sq(x), y), 11)), sq(tf.sub(tf.add(x, sq(y)), 7))),
  },
  saddle: {
    formula: 'f(x, y) = x² − y²',
    start: [1, 0.001],
    minima: [],
    window: [-1.5, 1.5, -1.5, 1.5],
    f: (x, y) => tf.sub(sq(x), sq(y)),
  },
  rastrigin: {
    formula: 'f(x, y) = 20 + x² − 10 cos 2πx + y² − 10 cos 2πy',
    start: [2.3, 2.1],
    minima: [[0, 0]],
    window: [-5.12, 5.12, -5.12, 5.12],
    f: (x, y) => {
      const term = (t: Tensor): Tensor => tf.sub(sq(t), tf.mul(10, tf.cos(tf.mul(2 * Math.PI, t))));
      return tf.add(20, tf.add(term(x), term(y)));
    },
  },
  'plateau-cliff': {
    formula: 'f(x, y) = 1 − exp(−(x² + y²)) + 2 σ(15 (x − 1))',
    start: [2, 0.5],
    minima: [[0, 0]],
    window: [-2.5, 3, -2.5, 2.5],
    f: (x, y, _spec, twice) => {
      const exp = twice ? expTwice : tf.exp;
      const sigmoid = twice ? sigmoidTwice : tf.sigmoid;
      const bowl = tf.sub(1, exp(tf.neg(tf.add(sq(x), sq(y)))));
      return tf.add(bowl, tf.mul(2, sigmoid(tf.mul(15, tf.sub(x, 1)))));
    },
  },
};

/**
 * The definition of the surface called `name`, looked up among SURFACES' own entries only (a
 * name from a link such as '__proto__' or 'toString' is not a surface).
 */
export function surfaceDefinition(name: string): SurfaceDefinition {
  if (!Object.hasOwn(SURFACES, name)) {
    throw new RangeError(`unknown surface '${name}': one of ${Object.keys(SURFACES).join(', ')}`);
  }
  return SURFACES[name as SurfaceName];
}

/** Layout of every surface problem: θ = [x, y]. */
export const SURFACE_LAYOUT: ParameterLayout = makeLayout([
  { name: 'xy', shape: [2], kind: 'weight', unitAxis: 0 },
]);

/**
 * An analytic surface as a problem: the "per-example loss" is f itself ([K, 1]); there is no
 * test set (its test loss equals its training loss).
 */
export class SurfaceProblem implements Problem {
  readonly name: string;
  readonly task = 'surface' as const;
  readonly layout = SURFACE_LAYOUT;
  readonly size = { train: 1, test: 1 };

  private readonly definition: SurfaceDefinition;

  constructor(readonly spec: SurfaceSpec) {
    this.definition = surfaceDefinition(spec.surface);
    this.name = spec.surface;
  }

  outputs(theta: Tensor2D, _split: Split, twice = false): Tensor2D {
    return tf.tidy(() => {
      const k = theta.shape[0];
      const x = tf.reshape(tf.slice(theta, [0, 0], [k, 1]), [k]);
      const y = tf.reshape(tf.slice(theta, [0, 1], [k, 1]), [k]);
      return tf.reshape(this.definition.f(x, y, this.spec, twice), [k, 1]) as Tensor2D;
    });
  }

  perExampleLoss(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return this.outputs(theta, split, twice);
  }

  init(): Float32Array {
    return Float32Array.from(this.definition.start);
  }

  dispose(): void {}
}
