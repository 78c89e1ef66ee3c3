/**
 * The page's URL parameters, validated: `?backend=webgpu|webgl|wasm|cpu`, `?steps=N`,
 * `?autoplay=0|1`. A bad value never dead-ends the page: it is named with its text and what is
 * allowed, and the nearest valid state opens instead (the default for that parameter).
 */
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import { BACKEND_ORDER, isBackendName } from '../config/backends';

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
