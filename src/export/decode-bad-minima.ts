/**
 * A result file's `badMinima` block with NaN again for the nulls that stood for NaN (JSON writes
 * NaN and ±Infinity as null). Null by meaning, and kept: `lambdaMax` (not asked for), `plane` and
 * `boundaries` (none). Key order is the file's, so a re-export writes the same text.
 */
import type { BadMinimaFile } from '../config/bad-minima-result-schema';
import type { BadMinimaResult } from '../config/result';

/** Keys whose null means "none", not NaN. */
const NULL_BY_MEANING = new Set(['lambdaMax', 'plane', 'boundaries']);

function decode(x: unknown, key: string | null): unknown {
  if (x === null) return key !== null && NULL_BY_MEANING.has(key) ? null : Number.NaN;
  if (Array.isArray(x)) return x.map((v) => decode(v, null));
  if (typeof x === 'object') {
    return Object.fromEntries(Object.entries(x as object).map(([k, v]) => [k, decode(v, k)]));
  }
  return x;
}

/** The bad-minima block with NaN for every null that stood for NaN. */
export function decodeBadMinima(file: BadMinimaFile): BadMinimaResult {
  return decode(file, null) as BadMinimaResult;
}
