/**
 * A plane exported from a live session and opened again as the view's plane ("Plane from
 * file…"): the worker computes the same grid bit for bit, on the exact (float64) ranges it used;
 * a plane of the wrong P is refused with the expected P named, and the landscape on screen stays.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { DEFAULT_VIEW, type ViewSpec } from '../config/view';
import { describeLayout } from '../engine/problems/layout';
import { encodePlane, planeJson } from '../export/plane';
import { parsePlaneText } from '../export/plane-file';
import type { LandscapeFailure, LandscapeFrame } from '../protocol/frames';
import { ComputeSession } from './session';
import { silentListener } from './silent-listener';

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const SMALL = {
  seed: 4,
  problem: { kind: 'mlp', hidden: [6], activation: 'tanh' },
  data: { kind: 'spiral', points: 60 },
  runs: [
    { optimizer: 'sgd', lr: 0.3 },
    { optimizer: 'adam', lr: 0.03 },
  ],
  steps: 30,
};

describe('a plane file from a live session, opened again', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('reproduces the PCA landscape with fitted ranges bit for bit; a wrong P is refused', async () => {
    const landscapes: LandscapeFrame[] = [];
    const failures: LandscapeFailure[] = [];
    let finished = false;
    const session = new ComputeSession(
      silentListener({
        landscape: (l) => void landscapes.push(l),
        landscapeFailed: (f) => void failures.push(f),
        status: (s) => {
          if (s.finished) finished = true;
        },
      }),
    );
    const view: ViewSpec = { ...DEFAULT_VIEW, directions: 'pca', range: 'fit', n: 13 };
    await session.configure(SMALL, view);
    session.setSpeed(1000);
    session.play();
    await until(
      () => finished && landscapes.length >= 2 && landscapes.at(-1)!.directions === 'pca',
    );
    const pca = landscapes.at(-1)!;
    const shown = session.shownPlane()!;
    // 2-6-1: W0[2,6] b0[6] W1[6,1] b1[1].
    expect(shown.problem.parameters).toBe(25);
    const { aRange, bRange } = shown.ranges!;
    // Fitted, unequal ranges; the coordinates are their float32 linspace.
    expect(aRange).not.toEqual(bRange);
    expect(pca.a[0]).toBe(Math.fround(aRange[0]));
    expect(pca.b[12]).toBe(Math.fround(bRange[1]));

    const text = planeJson(
      encodePlane({
        problem: shown.problem,
        directions: pca.directions,
        axisLabels: pca.axisLabels,
        explained: pca.explained,
        plane: shown,
        a: pca.a,
        b: pca.b,
        ranges: shown.ranges,
        metrics: [pca.metric],
      }),
    );
    // The file carries the float64 ranges used, not the float32 grid ends.
    const file = JSON.parse(text) as { landscape: { directions: { aRange: number[] } } };
    expect(file.landscape.directions.aRange).toEqual(aRange);

    const model = {
      parameters: 25,
      layout: describeLayout(session.experiment!.problem.layout),
    };
    const opened = parsePlaneText(text, model);
    expect(opened.n).toBe(13);
    await session.setView({ ...view, directions: opened.directions, n: opened.n! });
    const again = landscapes.at(-1)!;
    expect(again.directions).toBe('explicit');
    expect(again.axisLabels).toEqual(['d₁ (explicit)', 'd₂ (explicit)']);
    expect(Array.from(again.a)).toEqual(Array.from(pca.a));
    expect(Array.from(again.b)).toEqual(Array.from(pca.b));
    // Bit for bit: the same float32 values (NaN-free: equality of every entry).
    expect(Array.from(again.values)).toEqual(Array.from(pca.values));
    expect(again.values.every(Number.isFinite)).toBe(true);
    // The paths project to the same coordinates.
    expect(Array.from(again.trajectories[1]!.a)).toEqual(Array.from(pca.trajectories[1]!.a));
    // Its plane exports again with the same numbers.
    expect(Array.from(session.shownPlane()!.d1)).toEqual(Array.from(shown.d1));
    expect(session.shownPlane()!.ranges).toEqual(shown.ranges);

    // A plane of another model (P = 26 numbers): refused by name, the landscape on screen stays.
    const count = landscapes.length;
    const wrong = {
      kind: 'explicit' as const,
      d1: [...opened.directions.d1, 0],
      d2: [...opened.directions.d2, 0],
    };
    await session.setView({ ...view, directions: wrong });
    expect(landscapes).toHaveLength(count);
    expect(failures.at(-1)!.message).toBe(
      'This plane does not fit the model (d1: must have P = 25 numbers for this model, W0[2,6] b0[6] W1[6,1] b1[1] (P = 25); got 26; d2: must have P = 25 numbers for this model, W0[2,6] b0[6] W1[6,1] b1[1] (P = 25); got 26): open a plane made for this model, or choose another plane.',
    );
    // The controls go back to the view on screen: the explicit plane opened before.
    expect(failures.at(-1)!.view!.directions).toEqual(opened.directions);
    await session.dispose();
  }, 120_000);
});
