import type { ExperimentConfig } from '../config/schema';
import type { RunHyper } from '../engine/optim/optimizers';
import type { ParameterEntry } from '../engine/problems/layout';
import { train, type Snapshot } from '../engine/train/trainer';
import { buildExperiment } from './build';

/** One recorded point of one run's trajectory. */
export interface TrajectoryPoint {
  step: number;
  /** θ at this step [P]. */
  theta: number[];
  trainLoss: number;
  testLoss: number;
  gradNorm: number;
  trainAccuracy?: number;
  testAccuracy?: number;
}

/** The output of a headless run (the CLI's JSON). */
export interface ExperimentResult {
  config: ExperimentConfig;
  backend: string;
  problem: { name: string; parameters: number; layout: readonly ParameterEntry[] };
  runs: {
    name: string;
    hyper: RunHyper;
    /** True when the run diverged; it was frozen at its last finite θ. */
    diverged: boolean;
    /** The update at which it diverged (1-based), or null. */
    divergedAt: number | null;
    trajectory: TrajectoryPoint[];
  }[];
}

/** Trains a config to the end and gathers every run's trajectory. */
export async function runExperiment(
  config: ExperimentConfig,
  backend: string,
  onSnapshot?: (snapshot: Snapshot) => void,
): Promise<ExperimentResult> {
  const experiment = buildExperiment(config);
  const { problem, runs, names } = experiment;
  const p = problem.layout.size;
  try {
    const result: ExperimentResult = {
      config,
      backend,
      problem: { name: problem.name, parameters: p, layout: problem.layout.entries },
      runs: runs.map((hyper, k) => ({
        name: names[k]!,
        hyper,
        diverged: false,
        divergedAt: null,
        trajectory: [],
      })),
    };
    for await (const s of train({
      problem,
      runs,
      theta0: experiment.theta0,
      steps: config.steps,
      recordEvery: config.recordEvery,
      batchSeeds: experiment.batchSeeds,
      divergenceFactor: config.divergenceFactor,
    })) {
      onSnapshot?.(s);
      result.runs.forEach((run, k) => {
        const at = s.divergedAt[k]!;
        run.diverged = at >= 0;
        run.divergedAt = at >= 0 ? at : null;
        const point: TrajectoryPoint = {
          step: s.step,
          theta: Array.from(s.theta.subarray(k * p, (k + 1) * p)),
          trainLoss: s.trainLoss[k]!,
          testLoss: s.testLoss[k]!,
          gradNorm: s.gradNorm[k]!,
        };
        if (s.trainAccuracy && s.testAccuracy) {
          point.trainAccuracy = s.trainAccuracy[k]!;
          point.testAccuracy = s.testAccuracy[k]!;
        }
        run.trajectory.push(point);
      });
    }
    return result;
  } finally {
    problem.dispose();
  }
}
