/**
 * Test fixtures for the engine's training tests that compare the host path with the tensor
 * program: an experiment built from a config document and trained to the end on one engine, and
 * the distance of one run's θ between two snapshots. (Here, not beside those tests: they build
 * from the config, which code under src/engine/ may not import.)
 */
import { parseConfig } from '../../src/config/parse';
import type { ExperimentInput } from '../../src/config/schema';
import { buildExperiment, trainerOptions } from '../../src/experiment/build';
import { trainToEnd, type Snapshot, type TrainerOptions } from '../../src/engine/train/trainer';

/** Every snapshot of `input` (a config document) trained on `engine`; the problem disposed after. */
export async function trainWith(
  input: ExperimentInput,
  engine: TrainerOptions['engine'],
): Promise<Snapshot[]> {
  const e = buildExperiment(parseConfig(input));
  try {
    return await trainToEnd(trainerOptions(e, { engine }));
  } finally {
    e.problem.dispose();
  }
}

/**
 * max_j |θ_j − θ'_j| / max(1, max_j |θ'_j|) over run r's entries (j in [r·P, (r + 1)·P)) of two
 * [K, P] parameter blocks: float32 rounding differs between the paths, so the difference is
 * measured against the row's scale (a diverged run is frozen at a θ with entries of order 10³).
 */
export function rowRelativeDifference(
  theta: Float32Array,
  reference: Float32Array,
  r: number,
  p: number,
): number {
  let worst = 0;
  let scale = 1;
  for (let j = r * p; j < (r + 1) * p; j++) {
    worst = Math.max(worst, Math.abs(theta[j]! - reference[j]!));
    scale = Math.max(scale, Math.abs(reference[j]!));
  }
  return worst / scale;
}
