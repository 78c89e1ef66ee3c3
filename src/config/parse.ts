import type { z } from 'zod';
import { ExperimentSchema, type ExperimentConfig } from './schema';

/** An invalid config: one message per problem, each naming the field, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid experiment config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `runs[1].betas[0]` style path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(config)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One readable line per zod issue: "runs[0].lr: must be > 0 and ≤ 1000000 (got -1)". */
export function formatIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
      return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    }
    const value = valueAt(input, issue.path);
    return `${formatPath(issue.path)}: ${issue.message} (got ${describeValue(value)})`;
  });
}

/** Validates a config and fills in defaults; throws `ConfigError` listing every problem. */
export function parseConfig(input: unknown): ExperimentConfig {
  const result = ExperimentSchema.safeParse(input);
  if (!result.success) throw new ConfigError(formatIssues(result.error, input));
  return result.data;
}
