/**
 * File names of the explorer's downloads: `loss-landscape_<problem>_step-<N>_<what>.<ext>`, e.g.
 * `loss-landscape_mlp_step-500_3d.png`. Only letters, digits, `-` and `_` (safe on every file
 * system); a name with nothing usable left becomes `experiment`.
 */

/** A name part with anything but letters, digits, `-` and `_` turned into `-` (at most 40 characters). */
export function fileNamePart(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'experiment';
}

/** The download's name for what is shown of `problem` at update `step`. */
export function exportFileName(problem: string, step: number, what: string, ext: string): string {
  return `loss-landscape_${fileNamePart(problem)}_step-${Math.max(0, Math.floor(step))}_${fileNamePart(what)}.${ext}`;
}
