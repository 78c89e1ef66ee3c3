/**
 * The shareable state: what a link (`config/link.ts`), the custom element and the embed page
 * carry. It is the document (`AppConfig`: experiment, view, display, lecture mode included) plus
 * the lesson open in the explorer and the classroom `hide` list:
 *
 *   { "experiment": {…}, "view": {…}, "display": {…},
 *     "lesson": { "id": "ravine", "step": 2 }, "hide": ["experiment", "view.n", "reset"] }
 *
 * One schema (`ShareStateSchema`, the document's own rules plus two fields), one minimal
 * encoding (`encodeShareState`: defaults left out) and two readers: `parseShareState` (strict,
 * throws `ConfigError` naming every bad field) and `openShareState` (for links: opens the nearest
 * valid state, dropping only the offending fields or entries and naming each one it dropped).
 *
 * The lesson id is only checked for its shape here (config may not import the lesson registry);
 * the explorer names an id it does not know.
 */
import { z } from './zod';
import { AppConfigSchema, encodeAppConfig, type AppConfigInput } from './app';
import { CONTROL_IDS, HIDE_TARGETS, PANEL_IDS, isHideTarget } from './controls';
import { formatIssues, formatPath, parseWith } from './parse';
import { int } from './schema';

/** A lesson's registry id: lower-case words joined by hyphens ("sgd-momentum-adam"). */
const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The most characters of a lesson id. */
export const LESSON_ID_MAX = 64;
/** The highest text step of a lesson a link may point at. */
export const LESSON_STEP_MAX = 999;

const LESSON_ID_MESSAGE = `must be a lesson id: lower-case letters, digits and single hyphens, 1 to ${LESSON_ID_MAX} characters`;

/** Which lesson is open and which of its text steps (0-based) is shown. */
export const LessonRefSchema = z.strictObject(
  {
    id: z
      .string({ error: LESSON_ID_MESSAGE })
      .max(LESSON_ID_MAX, { error: LESSON_ID_MESSAGE })
      .regex(LESSON_ID, { error: LESSON_ID_MESSAGE }),
    step: int(0, LESSON_STEP_MAX).default(0),
  },
  { error: 'must be an object like {"id": "ravine", "step": 0}' },
);

const HIDE_ENTRY_MESSAGE = `must be a field path with [] for any run (${['experiment.runs[].lr', 'view.n'].join(', ')}), a panel (${PANEL_IDS.join(', ')}) or a control (${CONTROL_IDS.join(', ')})`;

/** Controls and panels hidden from the learner: names from `HIDE_TARGETS`. */
export const HideListSchema = z
  .array(
    z.string({ error: HIDE_ENTRY_MESSAGE }).refine(isHideTarget, { error: HIDE_ENTRY_MESSAGE }),
    { error: 'must be a list of controls to hide, like ["experiment", "view.n", "reset"]' },
  )
  .max(HIDE_TARGETS.length, {
    error: `must list at most ${HIDE_TARGETS.length} controls (each one once)`,
  });

/** The document plus the lesson and the `hide` list. */
export const ShareStateSchema = AppConfigSchema.safeExtend({
  lesson: LessonRefSchema.optional(),
  hide: HideListSchema.default(() => []),
});

/** A validated shareable state with every default filled in. */
export type ShareState = z.output<typeof ShareStateSchema>;
/** What a link may carry: any field may be left out. */
export type ShareStateInput = z.input<typeof ShareStateSchema>;
export type LessonRef = z.output<typeof LessonRefSchema>;

/** Validates a shareable state; throws `ConfigError` naming every bad field by its path. */
export function parseShareState(input: unknown): ShareState {
  return parseWith(ShareStateSchema, input);
}

/**
 * The state as a JSON-safe plain object that `parseShareState` reads back to an equal state:
 * fields equal to their defaults are left out (`{}` for the demo with nothing hidden), as are a
 * lesson's step 0 and an empty `hide` list.
 */
export function encodeShareState(state: ShareState): ShareStateInput {
  const { lesson, hide, ...doc } = state;
  const out: ShareStateInput = { ...encodeAppConfig(doc) };
  if (lesson) out.lesson = lesson.step === 0 ? { id: lesson.id } : { ...lesson };
  if (hide.length) out.hide = [...hide];
  return out;
}

/** A state opened from outside (a link): what opened and what of the input was not used. */
export interface OpenedShareState {
  /** The nearest valid state. */
  state: ShareState;
  /** The input with the unusable fields and entries removed (the experiment as written). */
  input: ShareStateInput & AppConfigInput;
  /** One line per field or entry that was dropped: its path, its value, what is allowed. */
  problems: string[];
}

/** Rounds of repair before giving up on an input (each round removes at least one thing). */
const MAX_REPAIR_ROUNDS = 25;

/** Lists whose entries are dropped one by one (other lists are replaced by their default). */
const ENTRY_LISTS = new Set(['hide', 'experiment.runs', 'experiment.problem.hidden']);

/**
 * Opens the nearest valid state to `input`: every field, list entry or unknown key the schema
 * rejects is removed (a field takes its default, an entry of `hide` or `experiment.runs` is left
 * out, an unknown key ignored) and named in `problems`, until the rest is valid. Rules between
 * fields (a view point naming a missing run, a metric the problem has no data for) are checked
 * once the fields are, so a second round may remove more; each removal is named. Input that is
 * not an object, or cannot be repaired, opens the defaults with the reason. Never throws.
 */
export function openShareState(input: unknown): OpenedShareState {
  try {
    return repair(input);
  } catch (error) {
    // Input nested deeper than the stack allows (the schema and the copy recurse).
    const why = error instanceof Error ? error.message : String(error);
    return defaultsBecause(`(config): could not be read (${why}); the defaults open instead`);
  }
}

function repair(input: unknown): OpenedShareState {
  if (!isPlainObject(input)) {
    return defaultsBecause(
      `(config): must be a JSON object like {"experiment": {…}, "view": {…}, "hide": […]} (got ${typeof input === 'object' ? (Array.isArray(input) ? 'a list' : 'null') : `a ${typeof input}`}); the defaults open instead`,
    );
  }
  let current: Json = copyJson(input) as Json;
  // One line per problem; a field removed in one round that a later round finds missing (it is
  // required) has its line amended with what was removed instead.
  const lines: { text: string; consequence: string }[] = [];
  const lineOfPath = new Map<string, number>();
  const problems = () => lines.map((l) => `${l.text}; ${l.consequence}`);
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const result = ShareStateSchema.safeParse(current);
    if (result.success) return { state: result.data, input: current, problems: problems() };
    const drops: PropertyKey[][] = [];
    for (const issue of result.error.issues) {
      const text = formatIssues(new z.ZodError([issue]), current)[0]!;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) drops.push([...issue.path, key]);
        lines.push({ text, consequence: 'ignored' });
        continue;
      }
      const target = dropTarget(current, issue.path);
      if (target.length === 0) return defaultsBecause(`${text}; the defaults open instead`);
      // Several problems of one object that goes as a whole: the first is named.
      if (drops.some((d) => isPrefix(d, target))) continue;
      drops.push(target);
      const earlier = lineOfPath.get(formatPath(issue.path));
      const consequence = consequenceOf(target, issue.path);
      if (earlier !== undefined) lines[earlier]!.consequence = consequence;
      else {
        lineOfPath.set(formatPath(issue.path), lines.length);
        lines.push({ text, consequence });
      }
    }
    current = removeAll(current, drops);
  }
  return defaultsBecause('(config): too many problems to repair; the defaults open instead');
}

type Json = Record<string, unknown>;

function defaultsBecause(reason: string): OpenedShareState {
  return { state: ShareStateSchema.parse({}), input: {}, problems: [reason] };
}

/** Whether `prefix` is `path` or one of its ancestors. */
function isPrefix(prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => key === path[i]);
}

/** What removing `target` (for an issue at `path`) means, in words. */
function consequenceOf(target: readonly PropertyKey[], path: readonly PropertyKey[]): string {
  const entry = typeof target[target.length - 1] === 'number';
  const name = formatPath(target);
  if (name === 'lesson') return 'no lesson is opened';
  if (name === formatPath(path))
    return entry ? 'this entry is left out' : 'the default is used instead';
  return `${name} ${entry ? 'is left out' : 'takes its default instead'}`;
}

/**
 * The path to remove for an issue at `path`: the field itself; an entry of a list in
 * `ENTRY_LISTS`; the whole field for an entry of any other list (a pair, a range, three points);
 * the nearest ancestor that is present when the field is missing (a required field left out).
 */
function dropTarget(input: Json, path: readonly PropertyKey[]): PropertyKey[] {
  let target = [...path];
  // A missing required field: its object goes.
  while (target.length && !hasAt(input, target)) target = target.slice(0, -1);
  for (let i = target.length - 1; i >= 0; i--) {
    if (typeof target[i] !== 'number') continue;
    const list = generalPath(target.slice(0, i));
    // The innermost entry of a list whose entries stand alone is dropped; inside any other
    // list the list goes as a whole.
    if (ENTRY_LISTS.has(list)) return target;
    target = target.slice(0, i);
  }
  return target;
}

/** `experiment.runs` for the path [experiment, runs] (entries as `[]`). */
function generalPath(path: readonly PropertyKey[]): string {
  return formatPath(path).replace(/\[\d+\]/g, '[]');
}

function hasAt(input: unknown, path: readonly PropertyKey[]): boolean {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return false;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

const DROP = Symbol('drop');

/** A copy of `input` without the values at `paths` (object keys deleted, list entries removed). */
function removeAll(input: Json, paths: readonly PropertyKey[][]): Json {
  const out = copyJson(input) as Json;
  for (const path of paths) {
    let parent: unknown = out;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, key)) break;
      parent = (parent as Record<PropertyKey, unknown>)[key];
    }
    const last = path[path.length - 1]!;
    if (parent !== null && typeof parent === 'object' && Object.hasOwn(parent, last))
      (parent as Record<PropertyKey, unknown>)[last] = DROP;
  }
  return sweep(out) as Json;
}

/** Removes the DROP marks: keys are deleted, list entries spliced out. */
function sweep(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== DROP).map(sweep);
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [key, x] of Object.entries(v)) if (x !== DROP) out[key] = sweep(x);
    return out;
  }
  return v;
}

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A copy of a JSON value (own enumerable keys only; `__proto__` as a plain key). */
function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyJson);
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [key, x] of Object.entries(v))
      Object.defineProperty(out, key, {
        value: copyJson(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}
