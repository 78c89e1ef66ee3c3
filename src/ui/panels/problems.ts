/**
 * Config problem lines (`ConfigError.problems`, e.g. `runs[1].lr: must be > 0 and ≤ 1000000 (got -1)`)
 * split into the field path they name and the message, so that a form can show each one next to
 * its field.
 */

/** A problem line split at its path; `path` is '' when the line names no field. */
export interface Problem {
  path: string;
  message: string;
  line: string;
}

const PATH = /^((?:[A-Za-z_$][\w$]*)(?:\[\d+\]|\.[A-Za-z_$][\w$-]*)*|\(config\)): ([\s\S]*)$/;

/** Splits `data.points: must be … (got 1)` into `{ path: 'data.points', message: 'must be … (got 1)' }`. */
export function splitProblem(line: string): Problem {
  const m = PATH.exec(line);
  if (!m) return { path: '', message: line, line };
  const path = m[1] === '(config)' ? '' : m[1]!;
  return { path, message: m[2]!, line };
}

/** True when `path` is `prefix` or lies below it (`runs[0].lr` is under `runs[0]` and `runs`). */
export function isUnder(path: string, prefix: string): boolean {
  if (!prefix) return true;
  if (path === prefix) return true;
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '.' || next === '[';
}

/**
 * Assigns each problem to the first of `fields` whose path it names exactly; the rest are
 * returned as `other`. `fields` are exact paths such as `data.points` or `problem.hidden[1]`.
 */
export function assignProblems(
  problems: readonly string[],
  fields: readonly string[],
): { byField: Map<string, string[]>; other: Problem[] } {
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const other: Problem[] = [];
  for (const line of problems) {
    const p = splitProblem(line);
    if (p.path && known.has(p.path)) {
      const list = byField.get(p.path) ?? [];
      list.push(p.message);
      byField.set(p.path, list);
    } else {
      other.push(p);
    }
  }
  return { byField, other };
}
