/** Run colours when a run gives none (Tableau 10): shared by the worker and the editors. */
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
] as const;

/** The default colour of run `index`. */
export function defaultRunColor(index: number): string {
  return RUN_PALETTE[index % RUN_PALETTE.length]!;
}
