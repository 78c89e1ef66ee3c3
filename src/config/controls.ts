/**
 * What a classroom link may hide besides the fields of the field table (`config/fields.ts`):
 * whole panels of the explorer and single controls that are not fields (buttons, pickers).
 * `hide` lists (the link's, a lesson's, the custom element's attribute) are validated against
 * `HIDE_TARGETS`.
 */
import { FIELDS } from './fields';

/** Panels of the explorer. */
export const PANEL_IDS = [
  'experiment',
  'runs',
  'transport',
  'view',
  'landscape',
  'loss',
  'model',
  'lessons',
  'curvature',
  'minima',
  'curves',
  'bad-minima',
  'implicit-bias',
  'ensemble',
  'digits',
  'sampled-landscape',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/**
 * Controls that are not fields of the document. `run-list`: the runs editor's own controls
 * (presets, Add run, Remove), not the runs' fields.
 */
export const CONTROL_IDS = [
  'play',
  'step',
  'reset',
  'timeline',
  'apply',
  'run-list',
  'copy-link',
  'export',
  'lecture',
  'fullscreen',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Every name a `hide` list may contain: field paths, panel ids, control ids. */
export const HIDE_TARGETS: readonly string[] = [
  ...Object.keys(FIELDS),
  ...PANEL_IDS,
  ...CONTROL_IDS,
];

export function isHideTarget(name: string): boolean {
  return HIDE_TARGETS.includes(name);
}
