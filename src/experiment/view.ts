/**
 * The rule that turns what the user looks at (the document's `view`) into the landscape actually
 * computed, given how much has been recorded: shared by the worker (while training and when it has
 * finished) and the CLI (after training), so both compute the same plane, grid and metric.
 */
import type { ViewConfig } from '../config/app';
import { explicitDirectionProblems, isExplicit } from '../config/directions-schema';
import { ConfigError } from '../config/parse';
import { describeLayout } from '../engine/problems/layout';
import { problemLayout } from './build';
import type { ExperimentConfig, LandscapeConfig, LandscapeMetric } from '../config/schema';
import type { LandscapeMetric as EngineMetric } from '../engine/landscape/metrics';
import type { Experiment } from './build';

// The config (which may not import the engine) and the engine each name the metrics; these two
// assignments fail to compile if the lists ever differ.
const _configToEngine: EngineMetric = '' as LandscapeMetric;
const _engineToConfig: LandscapeMetric = '' as EngineMetric;
void _configToEngine;
void _engineToConfig;

/** Before this many recorded snapshots there is no path to fit or to take principal directions of. */
const MIN_PATH = 3;

/**
 * The landscape computed for `view` once `recorded` snapshots (θ₀ included) of every run are
 * recorded:
 * - an analytic surface is always shown on its own x, y axes (with its window for a 'fit' range),
 *   also for 'hessian': a surface is 2-D, so its eigenvector plane is the same plane rotated, and
 *   the x, y axes keep the surface's own coordinates (and its overlays) readable; 'axes' on a
 *   network means 'random';
 * - 'hessian' is the plane of the top two Hessian eigenvectors at run 0's newest recorded point
 *   (θ₀ before training), with range [−1, 1] for a 'fit' range until the runs have moved;
 * - PCA needs a path: with fewer than 3 recorded snapshots it is the random plane at run 0's θ₀,
 *   with range [−1, 1] when the view's range is 'fit';
 * - 'points' goes through `view.through`, by default run 0's start and end and run 1's end; with
 *   one run and no points, or fewer than 2 snapshots, it is the random plane;
 * - a random plane is centred at run 0's final θ once the runs have moved (at θ₀ before);
 * - an explicit plane (`{kind: 'explicit', …}`, a plane file's) is used as given, centred at its
 *   own centre (else run 0's newest point), on its own ranges (else the view's; 'fit' is [−1, 1]
 *   until the runs have moved);
 * - the grid, normalisation, orthogonalisation, margin, seed and metric are the view's.
 *
 * @param experiment the built experiment or its validated config (only its problem and runs are read)
 */
export function landscapeSpecFor(
  experiment: Experiment | Pick<ExperimentConfig, 'problem' | 'runs'>,
  view: ViewConfig,
  recorded: number,
): LandscapeConfig {
  const config = 'config' in experiment ? experiment.config : experiment;
  const surface = config.problem.kind === 'surface';
  let directions: LandscapeConfig['directions'] = view.directions;
  if (surface) directions = 'axes';
  else if (directions === 'axes') directions = 'random';
  // PCA needs a path: before training has moved, show the random plane at θ₀.
  if (directions === 'pca' && recorded < MIN_PATH) directions = 'random';
  const runs = config.runs.length;
  const through: LandscapeConfig['through'] =
    view.through ??
    (runs > 1
      ? [
          { run: 0, at: 'initial' },
          { run: 0, at: 'final' },
          { run: 1, at: 'final' },
        ]
      : undefined);
  if (directions === 'points' && (!through || recorded < 2)) directions = 'random';
  // An explicit plane (a plane file's numbers) is used as given; its own ranges, else the view's.
  const explicit = isExplicit(directions);
  const atStart =
    (directions === 'random' || directions === 'hessian' || explicit) && recorded < MIN_PATH;
  const spec: LandscapeConfig = {
    directions,
    // A Hessian plane sits at run 0's newest point ('final' is the newest recorded row).
    centre: { run: 0, at: atStart && directions === 'random' ? 'initial' : 'final' },
    through,
    normalization: view.normalization,
    bias: 'zero',
    orthogonalize: view.orthogonalize,
    n: view.n,
    // 'fit' means: [−1, 1] for a random plane at θ₀ (no path yet), the surface's window for axes.
    range:
      view.range !== 'fit'
        ? view.range
        : directions === 'axes'
          ? undefined
          : atStart
            ? [-1, 1]
            : 'fit',
    margin: view.margin,
    metrics: [view.metric],
  };
  if (view.seed !== undefined) spec.seed = view.seed;
  return spec;
}

/**
 * Throws a `ConfigError` when the view's explicit plane does not fit the experiment's model (P
 * numbers per vector, d₁ and d₂ not zero), in the config's words (`landscape.directions.d1: …`;
 * the CLI names them `view.directions…` for a document).
 */
export function checkViewPlane(config: ExperimentConfig, view: ViewConfig): void {
  if (config.problem.kind === 'surface') return;
  const layout = problemLayout(config);
  const problems = explicitDirectionProblems(view.directions, layout.size, describeLayout(layout));
  if (problems.length) throw new ConfigError(problems);
}
