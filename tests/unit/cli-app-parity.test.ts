/**
 * One document, one picture: the CLI, given the document the app shows, writes the same landscape
 * (plane, grid, metric) as the app's worker computed when training finished.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../src/config/app';
import { runExperiment } from '../../src/experiment/run';
import type { LandscapeFrame, SessionListener } from '../../src/protocol/frames';
import { ComputeSession } from '../../src/worker/session';
import { useNodeBackend } from './backend';

const DOCUMENT = {
  experiment: {
    seed: 4,
    problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
    data: { kind: 'spiral', points: 60 },
    runs: [
      { name: 'SGD', optimizer: 'sgd', lr: 0.3 },
      { name: 'Adam', optimizer: 'adam', lr: 0.02 },
    ],
    steps: 40,
    recordEvery: 5,
  },
  view: { directions: 'pca', n: 9 },
};

describe('the CLI and the app show the same landscape for one document', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('same plane, same grid, same metric (PCA after training)', async () => {
    const doc = parseAppConfig(DOCUMENT);
    // The app's worker: play to the end; the PCA landscape is recomputed when training ends.
    const landscapes: LandscapeFrame[] = [];
    let finished = false;
    const listener: SessionListener = {
      session: () => undefined,
      snapshot: () => undefined,
      landscape: (frame) => void landscapes.push(frame),
      curvature: () => undefined,
      minima: () => undefined,
      connect: () => undefined,
      badMinima: () => undefined,
      implicitBias: () => undefined,
      ensemble: () => undefined,
      noise: () => undefined,
      digitsView: () => undefined,
      landscapeFailed: (f) => {
        throw new Error(f.message);
      },
      progress: () => undefined,
      status: (s) => void (finished ||= s.finished),
      error: (message) => {
        throw new Error(message);
      },
    };
    const session = new ComputeSession(listener);
    await session.configure(doc.experiment, doc.view);
    session.setSpeed(1000);
    session.play();
    const start = Date.now();
    while (!(finished && landscapes.at(-1)?.directions === 'pca')) {
      if (Date.now() - start > 60_000) throw new Error('the app session did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
    const app = landscapes.at(-1)!;
    await session.dispose();

    // The CLI's path for a document.
    const cli = (await runExperiment(doc.experiment, 'wasm', undefined, { view: doc.view }))
      .landscape!;
    expect(cli.directions).toBe('pca');
    expect(cli.axisLabels).toEqual(app.axisLabels);
    expect(cli.n).toBe(app.n);
    cli.a.forEach((a, i) => expect(a).toBeCloseTo(app.a[i]!, 5));
    cli.b.forEach((b, i) => expect(b).toBeCloseTo(app.b[i]!, 5));
    const values = cli.values[doc.view.metric]!;
    expect(values).toHaveLength(81);
    let worst = 0;
    values.forEach(
      (v, i) => (worst = Math.max(worst, Math.abs(v - app.values[i]!) / (1 + Math.abs(v)))),
    );
    expect(worst).toBeLessThan(1e-5);
  }, 120_000);
});
