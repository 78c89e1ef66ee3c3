/** Test helper: what `parseConfig` says about a document. */
import { ConfigError, parseConfig } from './parse';

/** The problems `parseConfig(input)` reports, one line each naming the field; [] when it is valid. */
export const problemsOf = (input: unknown): string[] => {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    return [...(error as ConfigError).problems];
  }
};
