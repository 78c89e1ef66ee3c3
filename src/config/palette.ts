/**
 * Run colours when a run gives none, one per run for the 16 runs a config may have: Tableau 10,
 * then six darker or more saturated hues chosen greedily to be as far as possible (CIELAB ΔE*76)
 * from all before them. No two are closer than ΔE 25 (Tableau 10's own closest pair). Shared by
 * the worker and the editors.
 */
export const RUN_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#4a148c',
  '#004d40',
  '#e7298a',
  '#827717',
  '#880e4f',
  '#9467bd',
] as const;

/** The default colour of run `index`. */
export function defaultRunColor(index: number): string {
  return RUN_PALETTE[index % RUN_PALETTE.length]!;
}
