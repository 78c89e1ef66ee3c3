/** Test fixtures: one small instance of every problem, on small data sets. */
import { generateDataset, type DatasetSpec } from '../../src/engine/data/datasets';
import { Rng } from '../../src/engine/math/random';
import { buildProblem, type ProblemSpec } from '../../src/engine/problems/build';
import type { Problem } from '../../src/engine/problems/problem';
import { SURFACES, type SurfaceName } from '../../src/engine/problems/surfaces';

const classification = (
  kind: 'spiral' | 'circles' | 'xor' | 'linear',
  points: number,
): DatasetSpec => ({
  kind,
  points,
  noise: 0.05,
  testFraction: 0.25,
  margin: 0.2,
  seed: 11,
});
const teacher: DatasetSpec = {
  kind: 'tanh-teacher',
  points: 24,
  noise: 0.1,
  testFraction: 0.25,
  teacherUnits: 3,
  teacherSlope: 2,
  seed: 5,
};

/** A named problem fixture and a θ to test it at. */
export interface ProblemCase {
  label: string;
  build: () => Problem;
  /** A point to evaluate at, [P] (drawn from the problem's own initialisation when omitted). */
  theta?: (problem: Problem) => Float32Array;
}

const data = (spec: ProblemSpec, d: DatasetSpec | null) => () =>
  buildProblem(spec, d ? generateDataset(d) : null);

/** Every data problem (ReLU is tested separately, away from its kinks). */
export const DATA_PROBLEMS: ProblemCase[] = [
  {
    label: 'mlp tanh 2-5-4-1 (bce)',
    build: data({ kind: 'mlp', hidden: [5, 4], activation: 'tanh' }, classification('spiral', 40)),
  },
  {
    label: 'mlp sigmoid 2-4-3-3-2-1 (bce, 4 hidden layers)',
    build: data(
      { kind: 'mlp', hidden: [4, 3, 3, 2], activation: 'sigmoid' },
      classification('xor', 30),
    ),
  },
  {
    label: 'mlp tanh 1-6-1 (mse)',
    build: data({ kind: 'mlp', hidden: [6], activation: 'tanh' }, teacher),
  },
  { label: 'logistic regression', build: data({ kind: 'logistic' }, classification('linear', 30)) },
  {
    label: 'linear least squares (P > m)',
    build: data(
      { kind: 'linear-regression' },
      { kind: 'linear-design', points: 8, features: 12, noise: 0.1, testFraction: 0.25, seed: 3 },
    ),
    theta: (p) => new Rng(4).normals(p.layout.size),
  },
  { label: 'tanh regression (d = 3)', build: data({ kind: 'tanh-regression', units: 3 }, teacher) },
];

/** Every analytic surface, at a point away from its minimum. */
export const SURFACE_PROBLEMS: ProblemCase[] = (Object.keys(SURFACES) as SurfaceName[]).map(
  (surface) => ({
    label: `surface ${surface}`,
    build: data({ kind: 'surface', surface, kappa: 7 }, null),
    theta: () => Float32Array.from(surface === 'plateau-cliff' ? [0.9, 0.4] : [0.7, -0.4]),
  }),
);

export const ALL_PROBLEMS = [...DATA_PROBLEMS, ...SURFACE_PROBLEMS];

/** θ for a case: its own point, or the problem's initialisation with a fixed seed. */
export function thetaFor(c: ProblemCase, problem: Problem): Float32Array {
  return c.theta ? c.theta(problem) : problem.init(new Rng(21));
}
