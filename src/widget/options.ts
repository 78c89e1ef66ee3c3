/**
 * What a host may ask of an embedded explorer (mount options, the custom element's attributes, the
 * embed page's URL), validated: each problem names the option, its value and what is allowed.
 */
import { parseAppConfig, type AppConfigInput } from '../config/app';
import { BACKEND_ORDER, isBackendName } from '../config/backends';
import { isHideTarget } from '../config/controls';
import { decodeLink } from '../config/link';
import { ConfigError } from '../config/parse';
import { LESSONS, lessonById } from '../lessons/registry';

/** The options of one embedded explorer. */
export interface WidgetOptions {
  /** The document to open (each part optional; `{}` is the demo). */
  document?: AppConfigInput;
  /** A lesson of the registry to open (its document, unless `document` is given, and its hidden controls). */
  lesson?: string | null;
  /** Controls and panels to hide: field paths, panel ids, control ids (`config/controls.ts`). */
  hide?: readonly string[];
  /** A tfjs backend to force (`webgpu`, `webgl`, `wasm`, `cpu`), or null for the automatic choice. */
  backend?: string | null;
  /** Start playing once the first landscape is drawn (default true). */
  autoplay?: boolean;
}

/** The options resolved: what the explorer opens with. */
export interface ResolvedWidgetOptions {
  document: AppConfigInput;
  lesson: string | null;
  hide: string[];
  backend: string | null;
  autoplay: boolean;
}

/** Thrown for invalid options; `problems` holds one line per bad option. */
export class WidgetOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'WidgetOptionsError';
  }
}

const quote = (value: unknown) => JSON.stringify(value);

/** Checks the options; throws a `WidgetOptionsError` naming every bad one. */
export function resolveWidgetOptions(options: WidgetOptions, prefix = ''): ResolvedWidgetOptions {
  const problems: string[] = [];
  const lesson = options.lesson ?? null;
  const lessonEntry = lesson === null ? undefined : lessonById(lesson);
  if (lesson !== null && !lessonEntry) {
    problems.push(
      `${prefix}lesson: no lesson ${quote(lesson)}; the lessons are ${LESSONS.map((l) => l.id).join(', ')}`,
    );
  }
  const hide = [...(lessonEntry?.hide ?? []), ...(options.hide ?? [])];
  const unknown = (options.hide ?? []).filter((name) => !isHideTarget(name));
  if (unknown.length) {
    problems.push(
      `${prefix}hide: unknown ${unknown.map(quote).join(', ')}; allowed are field paths (e.g. experiment.runs[].lr), panels and controls (e.g. play, reset)`,
    );
  }
  const backend = options.backend ?? null;
  if (backend !== null && !isBackendName(backend)) {
    problems.push(
      `${prefix}backend: must be one of ${BACKEND_ORDER.join(', ')} (got ${quote(backend)})`,
    );
  }
  const document = options.document ?? lessonEntry?.document ?? {};
  try {
    parseAppConfig(document);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `${prefix}config: ${p}`));
  }
  if (problems.length) throw new WidgetOptionsError(problems);
  return {
    document,
    lesson,
    hide: [...new Set(hide)],
    backend,
    autoplay: options.autoplay ?? true,
  };
}

/** Splits a `hide` attribute: names separated by commas and/or spaces. */
export function parseHideList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** What a `config` text holds: the document, and a link's lesson and `hide` list. */
export interface ConfigText {
  document: AppConfigInput;
  lesson?: string;
  hide?: string[];
}

/**
 * Reads a `config` attribute (or the embed page's hash): a JSON document, or a share link's hash
 * (`#v1.…`, as the app's "Copy link" makes). Throws a `WidgetOptionsError` naming `name`.
 */
export function parseConfigText(text: string, name = 'config'): ConfigText {
  const trimmed = text.trim();
  if (!trimmed) return { document: {} };
  if (trimmed.startsWith('#') || /^v\d/.test(trimmed)) {
    const opened = decodeLink(trimmed);
    if (opened.problems.length)
      throw new WidgetOptionsError(opened.problems.map((p) => `${name}: ${p}`));
    const { experiment, view, display } = opened.input;
    return {
      document: { experiment, view, display },
      ...(opened.state.lesson ? { lesson: opened.state.lesson.id } : {}),
      ...(opened.state.hide?.length ? { hide: [...opened.state.hide] } : {}),
    };
  }
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error();
    return { document: value as AppConfigInput };
  } catch {
    throw new WidgetOptionsError([
      `${name}: must be a JSON document like {"experiment": {…}, "view": {…}, "display": {…}} or a share link's hash (#v1.…) (got ${quote(trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed)})`,
    ]);
  }
}

/** Reads an `autoplay` attribute: absent or `true`/`1`/`` plays; `false`/`0` does not. */
export function parseAutoplay(text: string | null, name = 'autoplay'): boolean {
  if (text === null || text === '' || text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new WidgetOptionsError([`${name}: must be true, false, 1 or 0 (got ${quote(text)})`]);
}

/**
 * A reader of options that collects problems instead of stopping: `take(read)` runs `read`, and a
 * `WidgetOptionsError` it throws adds its problems to `problems` (the bad option is left out).
 */
export function problemCollector(problems: string[]): (read: () => void) => void {
  return (read) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof WidgetOptionsError)) throw error;
      problems.push(...error.problems);
    }
  };
}
