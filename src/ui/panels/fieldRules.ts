/**
 * What a form needs from a field's entry in the field table (`config/fields.ts`), as plain
 * functions: the values a choice offers for a problem, the words and the client-side check of a
 * number's range, the label of each entry of a list. `TableField` renders with these.
 */
import type { FieldChoice, FieldInfo, ProblemKind } from '../../config/fields';

/** Inputs whose numbers are whole numbers. */
const WHOLE = new Set<FieldInfo['input']>(['integer', 'widths', 'batch']);

export const isWhole = (info: FieldInfo) => WHOLE.has(info.input);

/**
 * The choices offered for `problem` (each value's own `problems`, default all; every choice when
 * no problem is given), plus `current` when it is not among them, so that a value from a link
 * still shows as what it is.
 */
export function choicesFor(
  info: FieldInfo,
  problem?: ProblemKind,
  current?: string,
): readonly FieldChoice[] {
  const all = info.choices ?? [];
  const offered = all.filter((c) => !problem || !c.problems || c.problems.includes(problem));
  if (current === undefined || offered.some((c) => c.value === current)) return offered;
  const known = all.find((c) => c.value === current);
  return [...offered, known ?? { value: current, label: current }];
}

/** The allowed numbers in the schema's words: "a whole number from 2 to 100000", "> 0 and ≤ 1". */
export function rangeWords(info: FieldInfo): string | null {
  const r = info.range;
  if (!r) return null;
  if (isWhole(info)) return `a whole number from ${r.min} to ${r.max}`;
  if (!r.minExclusive && !r.maxExclusive) return `from ${r.min} to ${r.max}`;
  return `${r.minExclusive ? '>' : '≥'} ${r.min} and ${r.maxExclusive ? '<' : '≤'} ${r.max}`;
}

/** The message for a number outside the field's range (or not whole), or null when it is allowed. */
export function checkNumber(info: FieldInfo, v: number): string | null {
  const r = info.range;
  if (!r) return null;
  const ok =
    (r.minExclusive ? v > r.min : v >= r.min) &&
    (r.maxExclusive ? v < r.max : v <= r.max) &&
    (!isWhole(info) || Number.isInteger(v));
  return ok ? null : `must be ${rangeWords(info)} (got ${v})`;
}

/** The message for a text of the wrong length, or null. */
export function checkText(info: FieldInfo, text: string): string | null {
  const s = info.size;
  if (!s || (text.length >= s.min && text.length <= s.max)) return null;
  return `must be ${s.min} to ${s.max} characters (got ${text.length})`;
}

/**
 * The sentence a field's input is described by (its `title` and `aria-description`): the table's
 * help, then the allowed numbers with their unit. With `entry`, the input of that entry of a list
 * whose entries have their own help (`info.entries`): that help, then the entry's allowed numbers.
 */
export function describeField(info: FieldInfo, entry?: number): string {
  const own = entry === undefined ? undefined : info.entries?.[entry];
  const words = rangeWords(info);
  const help = own?.help ?? info.help;
  if (!words) return help;
  const each = !own && (info.input === 'widths' || info.input === 'pair') ? 'Each ' : 'Allowed: ';
  return `${help} ${each}${words}${info.unit ? ` ${info.unit}` : ''}.`;
}

/** The HTML data attributes of a field's range (text inputs take no min/max of their own). */
export function rangeAttributes(info: FieldInfo): Record<string, string> {
  const r = info.range;
  if (!r) return {};
  return {
    'data-min': String(r.min),
    'data-max': String(r.max),
    'data-step': isWhole(info) ? '1' : 'any',
    ...(r.minExclusive ? { 'data-min-exclusive': '' } : {}),
    ...(r.maxExclusive ? { 'data-max-exclusive': '' } : {}),
  };
}

/**
 * The label of entry `i` of a list: the table's own label for it ("Conv 2 channels"); a pair's
 * label names its entries ("β₁, β₂"); the entries of widths are layers ("Layer 2 width").
 */
export function entryLabel(info: FieldInfo, i: number): string {
  const own = info.entries?.[i];
  if (own) return own.label;
  const parts = info.label.split(', ');
  if (info.input === 'pair' && parts.length === (info.size?.max ?? 2)) return parts[i]!;
  if (info.input === 'widths') return `Layer ${i + 1} width`;
  return `${info.label} ${i + 1}`;
}
