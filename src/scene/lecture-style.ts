/**
 * How lecture mode draws runs: Okabe–Ito colours (distinguishable with every common colour-vision
 * deficiency, and dark or saturated enough to survive a washed-out projector: the pale yellow
 * and sky blue come last) and thicker lines and markers.
 */
import { useAppStore } from '../state/store';

/** Okabe & Ito (2008), ordered for a white background under a projector. */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermilion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#000000', // black
  '#56B4E9', // sky blue
  '#F0E442', // yellow
] as const;

/** Line widths and marker sizes are multiplied by this in lecture mode. */
export const LECTURE_LINE_SCALE = 1.8;

/** The colour run `index` is drawn in: its own colour, or Okabe–Ito's in lecture mode. */
export function runDisplayColor(color: string, index: number, lecture: boolean): string {
  return lecture ? OKABE_ITO[index % OKABE_ITO.length]! : color;
}

/** The colours runs are drawn in, for the nearest store's lecture mode. */
export function useRunColors(colors: readonly string[]): string[] {
  const lecture = useAppStore((s) => s.lecture);
  return colors.map((c, k) => runDisplayColor(c, k, lecture));
}
