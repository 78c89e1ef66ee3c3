/**
 * The page's URL: the hash is a link to a shareable state (`#v1.…`, `config/link.ts`: the
 * experiment, view, display, lesson and hidden controls); the query holds parameters:
 * `?backend=webgpu|webgl|wasm|cpu`, `?steps=N` (over the link's experiment), `?autoplay=0|1`,
 * `?lecture=0|1` (lecture mode, over the link's display). A bad value or a bad link never
 * dead-ends the page: each is named with its text and what is allowed, and the nearest valid
 * state opens instead.
 *
 * The address bar follows the state (`pageUrlFor`): the hash is rewritten, and the query keeps
 * only what the hash does not carry (`backend`, `autoplay`).
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import { BACKEND_ORDER, isBackendName } from '../config/backends';
import { DEFAULT_EXPERIMENT } from '../config/app';
import { decodeLink, encodeLink } from '../config/link';
import type { ShareState, ShareStateInput } from '../config/share';

export interface UrlParams {
  /** A backend to force, or null for the automatic choice. */
  backend: string | null;
  /** The experiment to open (the defaults with the URL's changes that are valid). */
  config: ExperimentInput;
  autoplay: boolean;
  /** One message per parameter that was not used, naming it, its text and what is allowed. */
  warnings: string[];
}

/** Shows a URL value as typed, shortened and without control characters. */
function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > 40 ? `${clean.slice(0, 37)}...` : clean}"`;
}

/** The schema's rule for `steps` when `config` breaks it ("must be …"), or null when it is valid. */
function stepsRule(config: ExperimentInput): string | null {
  try {
    parseConfig(config);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) return String(error);
    const problem = error.problems.find((p) => p.startsWith('steps:')) ?? error.problems[0]!;
    return problem.replace(/^steps: /, '').replace(/ \(got .*\)$/, '');
  }
}

export function readUrlParams(search: string, defaults: ExperimentInput): UrlParams {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  let config = defaults;
  let backend: string | null = params.get('backend');
  if (backend !== null && !isBackendName(backend)) {
    warnings.push(
      `URL parameter backend=${quote(backend)}: must be one of ${BACKEND_ORDER.join(', ')}; the backend is chosen automatically instead.`,
    );
    backend = null;
  }
  const stepsText = params.get('steps');
  if (stepsText !== null) {
    const steps = stepsText.trim() === '' ? Number.NaN : Number(stepsText);
    const rule = stepsRule({ ...defaults, steps });
    if (rule === null) config = { ...defaults, steps };
    else {
      // Text that is no number at all gets the rule for numbers (what a number must be).
      const allowed = Number.isFinite(steps)
        ? rule
        : (stepsRule({ ...defaults, steps: 0 }) ?? rule);
      warnings.push(
        `URL parameter steps=${quote(stepsText)}: ${allowed}; showing ${String(defaults.steps ?? 500)} steps instead.`,
      );
    }
  }
  const autoplayText = params.get('autoplay');
  if (autoplayText !== null && autoplayText !== '0' && autoplayText !== '1') {
    warnings.push(
      `URL parameter autoplay=${quote(autoplayText)}: must be 0 or 1; playing automatically.`,
    );
  }
  return { backend, config, autoplay: autoplayText !== '0', warnings };
}

/** What the page opens: the link's state with the query's parameters over it. */
export interface PageUrl {
  /** A backend to force, or null for the automatic choice. */
  backend: string | null;
  autoplay: boolean;
  /** The state to open (valid: the link's nearest valid state, the parameters applied). */
  document: ShareStateInput;
  /** One message per parameter or link field that was not used. */
  warnings: string[];
}

/** Query parameters the hash carries once the address bar follows the state. */
const CARRIED_BY_HASH = ['steps', 'lecture'] as const;

/**
 * Reads the page's URL: the link in `hash` (its problems listed under one heading), then the
 * query's parameters over it (`?steps` replaces the experiment's steps, `?lecture` the display's
 * lecture mode).
 */
export function readPageUrl(search: string, hash: string): PageUrl {
  const link = decodeLink(hash);
  const warnings: string[] = [];
  if (link.problems.length) warnings.push('This link could not be used in full:', ...link.problems);
  const written = (link.input.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT;
  const params = readUrlParams(search, written);
  warnings.push(...params.warnings);
  const document: ShareStateInput = { ...link.input };
  if (params.config !== written) document.experiment = params.config;
  const lecture = new URLSearchParams(search).get('lecture');
  if (lecture === '0' || lecture === '1') {
    document.display = { ...link.input.display, lecture: lecture === '1' };
  } else if (lecture !== null) {
    warnings.push(
      `URL parameter lecture=${quote(lecture)}: must be 0 or 1; lecture mode is ${link.state.display.lecture ? 'on' : 'off'} as the link says.`,
    );
  }
  return { backend: params.backend, autoplay: params.autoplay, document, warnings };
}

/**
 * The page's URL for a state: `pathname`, the query without the parameters the hash now
 * carries, and the state's hash (none for the defaults).
 */
export function pageUrlFor(state: ShareState, location: { pathname: string; search: string }) {
  const params = new URLSearchParams(location.search);
  for (const name of CARRIED_BY_HASH) params.delete(name);
  const query = params.toString();
  const hash = encodeLink(state);
  return `${location.pathname}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
}
