import type { z } from 'zod';
import { ExperimentSchema, type ExperimentConfig } from './schema';
import { escapeControlCharacters, shortText } from './text';

/** An invalid config: one message per problem, each naming the field, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid experiment config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** At most this many problems are listed (a last line says how many more there were). */
export const MAX_LISTED_PROBLEMS = 20;
/** A value in a message is cut to this many characters. */
const MAX_VALUE_CHARS = 60;
/** Unknown field names listed per object, and the characters shown of each. */
const MAX_UNKNOWN_KEYS = 5;
const MAX_KEY_CHARS = 30;

/** A config error as its problems, one per line; any other error as its message. */
export function messageOf(error: unknown): string {
  if (error instanceof ConfigError) return error.problems.join('\n');
  return error instanceof Error ? error.message : String(error);
}

/** `runs[1].betas[0]` style path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else
      out += out
        ? `.${shortText(String(key), MAX_KEY_CHARS)}`
        : shortText(String(key), MAX_KEY_CHARS);
  }
  return out || '(config)';
}

/** The input's own value at `path` (never an inherited property), or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A number as written in JavaScript: Infinity, -Infinity, NaN and -0 included (JSON has none). */
function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * A short JSON-like rendering of any value: numbers as JavaScript writes them (Infinity, NaN, -0),
 * strings quoted with control characters escaped, cut to MAX_VALUE_CHARS. Writing stops once the
 * text is long enough, so nesting depth is bounded by the length (no stack overflow on input
 * nested 10,000 levels deep) and huge arrays cost nothing.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text = '';
  const full = () => text.length > MAX_VALUE_CHARS;
  const write = (v: unknown): void => {
    if (full()) return;
    if (v === null || v === undefined) text += 'null';
    else if (typeof v === 'number') text += formatNumber(v);
    else if (typeof v === 'string')
      text += escapeControlCharacters(JSON.stringify(v.slice(0, MAX_VALUE_CHARS + 1)));
    else if (typeof v === 'boolean') text += String(v);
    else if (typeof v === 'bigint') text += `${v}n`;
    else if (typeof v !== 'object') text += typeof v;
    else if (Array.isArray(v)) {
      text += '[';
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) text += ',';
        write(v[i]);
      }
      text += ']';
    } else {
      text += '{';
      let first = true;
      for (const key in v) {
        if (full()) break;
        if (!Object.hasOwn(v, key)) continue;
        if (!first) text += ',';
        first = false;
        text += `${escapeControlCharacters(JSON.stringify(key.slice(0, MAX_VALUE_CHARS + 1)))}:`;
        write((v as Record<string, unknown>)[key]);
      }
      text += '}';
    }
  };
  write(value);
  return full() ? `${text.slice(0, MAX_VALUE_CHARS - 3)}...` : text;
}

function describeKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_UNKNOWN_KEYS).map((k) => `'${shortText(k, MAX_KEY_CHARS)}'`);
  const more = keys.length - shown.length;
  return `unknown field${keys.length > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * One readable line per zod issue: "runs[0].lr: must be > 0 and ≤ 1000000 (got -1)"; at most
 * MAX_LISTED_PROBLEMS lines, then one saying how many more there were.
 */
export function formatIssues(error: z.ZodError, input: unknown): string[] {
  const lines = error.issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
      return `${where}${describeKeys(issue.keys)}`;
    }
    const value = valueAt(input, issue.path);
    return `${formatPath(issue.path)}: ${issue.message} (got ${describeValue(value)})`;
  });
  const more = error.issues.length - lines.length;
  if (more > 0) lines.push(`(config): ${more} more problem${more > 1 ? 's' : ''} not listed`);
  return lines;
}

/** A config text that is not JSON at all (a `ConfigError` with one line). */
export class ConfigSyntaxError extends ConfigError {
  constructor(readonly reason: string) {
    super([`(config): not valid JSON: ${reason}`]);
    this.name = 'ConfigSyntaxError';
  }
}

/**
 * A config from JSON text (a file, a pasted document): a leading byte-order mark is ignored; text
 * that is not JSON throws `ConfigSyntaxError` (its reason is one short line), an invalid config
 * `ConfigError`.
 */
export function parseConfigText(text: string): ExperimentConfig {
  return parseConfig(parseConfigJson(text));
}

/**
 * The value of a config text (a file, a pasted document), not yet validated: a leading byte-order
 * mark is ignored; text that is not JSON throws `ConfigSyntaxError` (its reason is one short line).
 */
export function parseConfigJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ConfigSyntaxError(shortText(message.replace(/\s*\n\s*/g, ' '), 200));
  }
}

/** Validates a config and fills in defaults; throws `ConfigError` listing every problem. */
export function parseConfig(input: unknown): ExperimentConfig {
  return parseWith(ExperimentSchema, input);
}

/**
 * Validates `input` with any of the config's schemas and fills in defaults; throws `ConfigError`
 * listing every problem (paths relative to `input`).
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(input);
  } catch (error) {
    // Zod collects one issue per bad element and spreads them into a call: a list of a few
    // hundred thousand bad entries overflows the stack. Name the longest list instead.
    if (error instanceof RangeError) throw new ConfigError([longestListMessage(input)]);
    throw error;
  }
  if (!result.success) throw new ConfigError(formatIssues(result.error, input));
  return result.data;
}

/** "x: a list of 300,000 entries is too long to check; …" for the longest list in `input`. */
function longestListMessage(input: unknown): string {
  let best: { path: PropertyKey[]; length: number } = { path: [], length: 0 };
  // Iterative walk (deeply nested input must not overflow either); bounded work.
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  let visited = 0;
  while (stack.length && visited < 1_000_000) {
    const { value, path } = stack.pop()!;
    visited++;
    if (Array.isArray(value)) {
      if (value.length > best.length) best = { path, length: value.length };
      if (path.length < 8)
        value.slice(0, 64).forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === 'object' && path.length < 8) {
      for (const key of Object.keys(value))
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return `${formatPath(best.path)}: a list of ${best.length.toLocaleString('en')} entries is too long to check; it has far more entries than allowed (see the README's config reference)`;
}
