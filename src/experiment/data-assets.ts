/**
 * Bundled data a config needs loaded before `buildExperiment` (which is synchronous): the 8×8
 * digits images, a lazily imported asset. Call `await loadDataAssets(config)` first; the CLI, the
 * worker's session and its backend checks do.
 */
import type { ExperimentConfig } from '../config/schema';
import { loadDigitsImages } from '../engine/data/digits';

/** Loads (once) the bundled data `config` uses; resolves at once when it uses none. */
export async function loadDataAssets(
  config: Pick<ExperimentConfig, 'problem' | 'data'>,
): Promise<void> {
  if (config.problem.kind !== 'surface' && config.data.kind === 'digits') await loadDigitsImages();
}
