/**
 * The CLI path of the flat-vs-sharp comparison: a config with a `minima` block writes
 * `result.minima`, which validates as a result file, names the runs it compared at their last
 * recorded steps, and equals the analysis run directly on the points the file records.
 */
import { describe, expect, it } from 'vitest';
import { runCliOn } from '../export/cli-result.fixture';
import { parseConfig } from '../config/parse';
import { parseResultText } from '../export/result';
import { buildExperiment } from './build';
import { experimentMinima } from './minima';

async function cliOutput(document: unknown): Promise<string> {
  const { code, stdout, stderr } = await runCliOn(document);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout.trimEnd();
}

describe('the CLI with a minima block', () => {
  it('writes result.minima: valid, of the runs asked, equal to the analysis of the recorded points', async () => {
    const experiment = {
      seed: 3,
      problem: { kind: 'mlp', hidden: [4], activation: 'tanh' },
      data: { kind: 'xor', points: 40 },
      runs: [
        { optimizer: 'sgd', lr: 0.5, batchSize: 4, name: 'small batch' },
        { optimizer: 'adam', lr: 0.05, name: 'adam' },
        { optimizer: 'sgd', lr: 0.5, name: 'full batch' },
      ],
      steps: 20,
      recordEvery: 8,
      minima: {
        runs: [2, 0],
        trace: { probes: 5 },
        density: { probes: 1, iterations: 5, points: 50 },
        sharpness: { epsilons: [1e-3], iterations: 2 },
        plane: { n: 5 },
        slices: { points: 7 },
        interpolation: { points: 4 },
      },
    };
    const result = parseResultText(await cliOutput({ experiment }));
    const minima = result.minima!;
    expect(minima.minima.map((m) => [m.run, m.name, m.step])).toEqual([
      [2, 'full batch', 20],
      [0, 'small batch', 20],
    ]);
    expect(minima.minima[0].plane.values).toHaveLength(25);
    expect(minima.minima[0].slices.random.testAccuracy).toHaveLength(7);
    expect(minima.interpolation.t).toEqual([-1, 0, 1, 2]);
    // The same analysis on the θ the file recorded last for each run.
    const config = parseConfig(experiment);
    const e = buildExperiment(config);
    const points = result.runs.map((run) =>
      Float32Array.from(run.trajectory.at(-1)!.theta as number[]),
    );
    const direct = await experimentMinima(e, points, [20, 20, 20], config.minima!);
    e.problem.dispose();
    minima.minima.forEach((m, i) => {
      expect(m.lambdaMax).toBeCloseTo(direct.minima[i]!.lambdaMax, 5);
      expect(m.trainLoss).toBeCloseTo(direct.minima[i]!.trainLoss, 6);
      expect(m.trace.value).toBeCloseTo(direct.minima[i]!.trace.value, 4);
    });
    // t = 0 is run 2's point, t = 1 run 0's.
    expect(minima.interpolation.trainLoss[1]).toBeCloseTo(minima.minima[0].trainLoss!, 6);
    expect(minima.interpolation.trainLoss[2]).toBeCloseTo(minima.minima[1].trainLoss!, 6);
  });

  it('a bad minima block is refused with the field named', async () => {
    const { code, stderr } = await runCliOn({ experiment: { minima: { runs: [0, 3] } } });
    expect(code).not.toBe(0);
    expect(stderr).toContain('minima.runs[1]: refers to run 3, but there are 3 runs');
  });
});
