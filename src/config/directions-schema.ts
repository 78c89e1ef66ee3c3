/**
 * `landscape.directions`: a named way to choose the plane ('random', 'pca', …) or an explicit plane
 * given as numbers, `{ "kind": "explicit", "d1": [...P], "d2": [...P], "centre"?: [...P] }`, in the
 * README's parameter layout (one flat θ ∈ R^P). The explicit form is what the app and the CLI export
 * as a plane (`src/export/plane.ts`), so a surface can be recomputed elsewhere, or here on a plane
 * made elsewhere: θ(a, b) = centre + a·d₁ + b·d₂, evaluated as the random plane is (no scaling,
 * no orthogonalisation: the numbers are used as they are).
 */
import { z } from './zod';
import { FLOAT32_MAX, numberList } from './float32-lists';

/** Most numbers in an explicit direction (as many as a θ₀ may have). */
export const MAX_DIRECTION_LENGTH = 3_000_000;

/** The named ways to choose a plane. */
export const NAMED_DIRECTIONS = ['random', 'pca', 'points', 'axes', 'hessian', 'varpro'] as const;
export type NamedDirections = (typeof NAMED_DIRECTIONS)[number];

const directionList = numberList(MAX_DIRECTION_LENGTH, 'numbers');

/** A grid range along one axis: [min, max] with min < max, within float32. */
const axisRange = z
  .tuple([z.number(), z.number()], { error: 'must be [min, max]' })
  .refine(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi) && lo < hi, {
    error: 'must be [min, max] with finite min < max',
  })
  .refine(([lo, hi]) => Math.abs(lo) <= FLOAT32_MAX && Math.abs(hi) <= FLOAT32_MAX, {
    error: 'must be within ±3.4e38 (float32)',
  });

/**
 * An explicit plane: θ(a, b) = centre + a·d₁ + b·d₂. `centre` defaults to the landscape's `centre`
 * run point; `aRange`/`bRange` (the grid's coordinates along d₁ and d₂) default to
 * `landscape.range`, else [−1, 1]. The lengths must be the problem's P (checked with the problem,
 * `explicitDirectionProblems`).
 */
export const ExplicitDirectionsSchema = z.strictObject(
  {
    kind: z.literal('explicit', { error: "must be 'explicit'" }),
    d1: directionList,
    d2: directionList,
    centre: directionList.optional(),
    aRange: axisRange.optional(),
    bRange: axisRange.optional(),
  },
  { error: 'must be an object {"kind": "explicit", "d1": [...], "d2": [...]}' },
);
export type ExplicitDirections = z.output<typeof ExplicitDirectionsSchema>;

const NAMED_MESSAGE =
  'must be random, pca, points, axes, hessian or varpro, or an explicit plane {"kind": "explicit", "d1": [...], "d2": [...], "centre": [...]}';
const NamedSchema = z.enum(NAMED_DIRECTIONS, { error: NAMED_MESSAGE });

/**
 * `landscape.directions`: a name, or an explicit plane. An object is checked as an explicit plane
 * (its problems named field by field, e.g. `landscape.directions.d1[3]`); anything else as a name.
 */
export const DirectionsSchema = z
  .custom<NamedDirections | ExplicitDirections>(() => true)
  .superRefine((value, ctx) => {
    const schema =
      typeof value === 'object' && value !== null ? ExplicitDirectionsSchema : NamedSchema;
    const parsed = schema.safeParse(value);
    if (parsed.success) return;
    // The issues as they are (an unknown key stays `unrecognized_keys`: it is named as such).
    for (const issue of parsed.error.issues)
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  });

/** True for an explicit plane. */
export function isExplicit(
  directions: NamedDirections | ExplicitDirections | undefined,
): directions is ExplicitDirections {
  return typeof directions === 'object' && directions !== null;
}

/**
 * The problems of an explicit plane for a problem with `p` parameters (lengths, and d₁ ∦ d₂ is
 * left to the projection, which names it). `layoutText` describes the layout for the message.
 */
export function explicitDirectionProblems(
  directions: NamedDirections | ExplicitDirections | undefined,
  p: number,
  layoutText: string,
): string[] {
  if (!isExplicit(directions)) return [];
  const problems: string[] = [];
  const check = (field: 'd1' | 'd2' | 'centre') => {
    const list = directions[field];
    if (list && list.length !== p) {
      problems.push(
        `landscape.directions.${field}: must have P = ${p} numbers for this problem, ${layoutText}; got ${list.length}`,
      );
    }
  };
  check('d1');
  check('d2');
  check('centre');
  if (!problems.length && directions.d1.every((x) => x === 0))
    problems.push('landscape.directions.d1: is all zeros, so it spans no plane');
  if (!problems.length && directions.d2.every((x) => x === 0))
    problems.push('landscape.directions.d2: is all zeros, so it spans no plane');
  return problems;
}

/**
 * An explicit plane as one choice among named ones (the view's `directions`: a union with the
 * names). An object's problems are its own, named field by field (`d1[3]: must be a finite
 * number`), not a union's "none matched"; anything that is not an object fails as the names do.
 */
export const ExplicitPlaneSchema = z
  .custom<ExplicitDirections>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: 'must be an object {"kind": "explicit", "d1": [...], "d2": [...]}',
  })
  .superRefine((value, ctx) => {
    const parsed = ExplicitDirectionsSchema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues)
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  });
