import type { ExperimentInput } from '../config/schema';
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_EXPERIMENT,
  parseAppConfig,
  type AppConfig,
  type AppConfigInput,
} from '../config/app';
import { ConfigError } from '../config/parse';

/** The validated document's parts (the defaults where it is invalid, with the reason). */
export function openDocument(
  document: AppConfigInput,
  backend: string | null,
  autoplay: boolean,
  notice: string | null,
) {
  let doc: AppConfig;
  let problem: string | null = null;
  try {
    doc = parseAppConfig(document);
  } catch (error) {
    doc = DEFAULT_APP_CONFIG;
    problem = `This explorer's settings could not be used, so the defaults are shown:\n${
      error instanceof ConfigError ? error.problems.join('\n') : String(error)
    }`;
  }
  // The form edits the experiment as written (defaults stay implicit).
  const experiment: ExperimentInput = problem
    ? DEFAULT_EXPERIMENT
    : ((document.experiment as ExperimentInput | undefined) ?? DEFAULT_EXPERIMENT);
  return {
    experiment,
    view: doc.view,
    display: doc.display,
    backend,
    autoplay,
    notice: [notice, problem].filter(Boolean).join('\n') || null,
  };
}
