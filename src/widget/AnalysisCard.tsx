/**
 * The frame of an analysis card of the explorer: a section (class `card`, its test id) headed by
 * the analysis' title with a note beside it, and the analysis' panel below. `useChartSizes` gives
 * the panel's text size (px) and line scale: 15 and 1, or 20 and 2 in lecture mode.
 */
import type { ReactNode, Ref } from 'react';
import { useAppStore } from '../state/store';

export interface AnalysisCardProps {
  /** The section's test id, e.g. 'curve-card'. */
  testId: string;
  /** The heading, e.g. 'Mode connectivity'. */
  title: string;
  /** What the analysis shows, in a few words, with its paper (beside the heading, smaller). */
  note: ReactNode;
  /** The analysis' panel. */
  children: ReactNode;
  /** The section element (e.g. to scroll the card into view). */
  ref?: Ref<HTMLElement>;
}

export function AnalysisCard({ testId, title, note, children, ref }: AnalysisCardProps) {
  return (
    <section className="card" data-testid={testId} ref={ref}>
      <div className="card-head">
        <h2>
          {title} <span className="h2-note">{note}</span>
        </h2>
      </div>
      {children}
    </section>
  );
}

const SCREEN_SIZES = { textSize: 15, lineScale: 1 } as const;
const LECTURE_SIZES = { textSize: 20, lineScale: 2 } as const;

/** The text size (px) and line scale of a card's charts: larger in lecture mode. */
export function useChartSizes(): { textSize: number; lineScale: number } {
  return useAppStore((s) => s.lecture) ? LECTURE_SIZES : SCREEN_SIZES;
}
