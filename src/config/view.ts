/**
 * What landscape the user looks at (the view), with its defaults: the app's half of the landscape
 * config. The worker turns it into a `LandscapeConfig` for what has been recorded so far.
 */
import type { LANDSCAPE_METRICS, LandscapeConfig } from './schema';

/** What the user chose to look at. */
export interface ViewSpec {
  directions: 'random' | 'pca' | 'points' | 'axes';
  /** Points per axis, 5 … 201. */
  n: number;
  /** [min, max] for both axes, or 'fit' to the paths. */
  range: 'fit' | [number, number];
  metric: (typeof LANDSCAPE_METRICS)[number];
  normalization: 'filter' | 'layer' | 'none';
  orthogonalize: boolean;
  /** 'points': three run points; default: run 0's start and end and run 1's end. */
  through?: LandscapeConfig['through'];
}

export const DEFAULT_VIEW: ViewSpec = {
  directions: 'pca',
  n: 41,
  range: 'fit',
  metric: 'trainLoss',
  normalization: 'filter',
  orthogonalize: false,
};
