/**
 * Untrusted text: user strings (run names, field names of a bad config, CSV cells) reach the
 * terminal and the page. These helpers find and escape the characters that could change how the
 * surrounding text is shown: C0 and C1 control characters (terminal escape sequences), DEL, the
 * line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
 */

/** One character that must not appear raw in a message or a name. */
export const CONTROL_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** `text` with every control character written as a `\uXXXX` escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `text` cut to at most `max` characters (an ellipsis marks the cut), control characters escaped. */
export function shortText(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return escapeControlCharacters(cut);
}
