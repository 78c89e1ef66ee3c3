/**
 * Reading a plane file in the app ("Plane from file…" in the plane picker): the JSON our export
 * writes (`plane.ts`, `landscape.directions` = `{kind: 'explicit', centre, d1, d2, aRange,
 * bRange}` and `landscape.n`), an `experiment.landscape` block, or a bare `{d1, d2, centre?,
 * aRange?, bRange?}` object. Checked against the model on screen: each vector must have its P
 * numbers, all finite; d₁ and d₂ must be there and not zero. Every problem is named with what was
 * expected, e.g. `d1: must have P = 337 numbers for this model, W0[2,16] … (P = 337); got 401`.
 */
import {
  ExplicitDirectionsSchema,
  explicitDirectionProblems,
  type ExplicitDirections,
} from '../config/directions-schema';
import { PLANE_FORMAT } from './plane';

/**
 * The name of the file each plane was read from, kept beside the plane object itself (the view's
 * `directions`), so that every picker names the plane on screen however its file came in (the
 * picker's "Plane from file…", a file dropped on the explorer). A plane from a link or a document
 * has none.
 */
const planeFiles = new WeakMap<ExplicitDirections, string>();

/** The name of the file `directions` was read from, or null (a plane from a link or a document). */
export function planeFileName(directions: ExplicitDirections): string | null {
  return planeFiles.get(directions) ?? null;
}

/** Plane files larger than this are refused before they are read (3 × 3 million numbers). */
export const MAX_PLANE_BYTES = 256 * 2 ** 20;

/** The model a plane must fit: its parameter count P and its layout in words. */
export interface PlaneModel {
  parameters: number;
  /** e.g. "W0[2,16] b0[16] W1[16,1] b1[1]" (`SessionInfo.problem.layout`). */
  layout: string;
}

/** A plane read from a file, ready for the view's `directions`. */
export interface OpenedPlane {
  directions: ExplicitDirections;
  /** The grid size the file was made with (`landscape.n`), when it gives one the view allows. */
  n: number | null;
}

/** A plane file that cannot be used; `problems` names each thing wrong. */
export class PlaneFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PlaneFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object that holds d1 and d2 in any of the accepted shapes, and the file's grid size. */
function planeObject(json: unknown): { plane: Record<string, unknown>; n: unknown } {
  if (!isObject(json)) {
    throw new PlaneFileError([
      'is not a plane: expected a JSON object like {"d1": [...], "d2": [...], "centre": [...]} or a plane file the explorer exported',
    ]);
  }
  const landscape = json.landscape;
  if (isObject(landscape) && isObject(landscape.directions))
    return { plane: landscape.directions, n: landscape.n };
  if (json.format !== undefined && json.format !== PLANE_FORMAT) {
    throw new PlaneFileError([
      `format: is ${JSON.stringify(json.format)}, expected "${PLANE_FORMAT}" (or a bare {"d1", "d2", "centre"} object)`,
    ]);
  }
  if (isObject(json.directions)) return { plane: json.directions, n: json.n };
  return { plane: json, n: json.n };
}

/** The view's grid sizes (`view.n`). */
const N_MIN = 5;
const N_MAX = 201;

/**
 * The plane in `text`, checked against `model`; throws `PlaneFileError` naming every problem
 * (and the expected P) when it cannot be used. `fileName`, when given, is what `planeFileName`
 * says of the plane returned.
 */
export function parsePlaneText(text: string, model: PlaneModel, fileName?: string): OpenedPlane {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlaneFileError([`is not JSON (${(error as Error).message})`]);
  }
  const { plane, n } = planeObject(json);
  const p = model.parameters;
  const expected = `a list of P = ${p} numbers for this model, ${model.layout}`;
  const missing = (['d1', 'd2'] as const).filter((k) => plane[k] === undefined);
  if (missing.length) {
    throw new PlaneFileError(
      missing.map(
        (k) => `${k}: is missing; a plane needs d1 and d2 (and may give centre), each ${expected}`,
      ),
    );
  }
  const parsed = ExplicitDirectionsSchema.safeParse({ kind: 'explicit', ...plane });
  if (!parsed.success) {
    throw new PlaneFileError(
      parsed.error.issues.map((issue) => {
        const path = issue.path
          .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`))
          .join('');
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (a plane has d1, d2, centre, aRange, bRange)`
            : issue.message;
        return path ? `${path}: ${message}` : message;
      }),
    );
  }
  const problems = explicitDirectionProblems(parsed.data, p, model.layout).map((m) =>
    m.replace(/^landscape\.directions\./, '').replace('for this problem', 'for this model'),
  );
  if (problems.length) throw new PlaneFileError(problems);
  const size = typeof n === 'number' && Number.isInteger(n) && n >= N_MIN && n <= N_MAX ? n : null;
  if (fileName) planeFiles.set(parsed.data, fileName);
  return { directions: parsed.data, n: size };
}

/** Reads a plane file (`File` or anything with `name`, `size` and `text()`); see `parsePlaneText`. */
export async function readPlaneFile(
  file: Pick<File, 'size' | 'text'> & Partial<Pick<File, 'name'>>,
  model: PlaneModel,
): Promise<OpenedPlane> {
  if (file.size > MAX_PLANE_BYTES) {
    throw new PlaneFileError([
      `it has ${(file.size / 2 ** 20).toFixed(0)} MB; a plane file may have at most ${MAX_PLANE_BYTES / 2 ** 20} MB`,
    ]);
  }
  return parsePlaneText(await file.text(), model, file.name);
}

/** Whether parsed JSON looks like a plane file (ours, by its `format`): what a dropped file is. */
export function isPlaneJson(json: unknown): boolean {
  return isObject(json) && json.format === PLANE_FORMAT;
}
