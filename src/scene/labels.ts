/** Words and shared styling for the things both views show (no three.js here: the 2-D map imports it). */
import type { LandscapeMetric } from '../state/view-types';

export const METRIC_LABELS: Record<LandscapeMetric, string> = {
  trainLoss: 'training loss',
  testLoss: 'test loss',
  trainAccuracy: 'training accuracy',
  testAccuracy: 'test accuracy',
};

/** The light outline around paths and markers, in both views. */
export const OUTLINE_COLOR = '#ffffff';
