import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_VIEW, ViewSchema, type ViewInput } from '../config/app';
import { parseConfig } from '../config/parse';
import { LandscapeSchema } from '../config/schema';
import { landscapeSpecFor } from './view';

const mlp = parseConfig({ runs: [{}, { optimizer: 'adam' }], steps: 10 });
const oneRun = parseConfig({ runs: [{}], steps: 10 });
const surface = parseConfig({ problem: { kind: 'surface' }, runs: [{}, {}] });
const view = (input: ViewInput = {}) => ViewSchema.parse(input);
const spec = (input: z.input<typeof LandscapeSchema>) => LandscapeSchema.parse(input);

describe('landscapeSpecFor: the landscape computed for a view', () => {
  it('PCA of the paths once three snapshots are recorded, fitted with the view’s margin', () => {
    expect(landscapeSpecFor(mlp, DEFAULT_VIEW, 3)).toEqual(
      spec({
        directions: 'pca',
        centre: { run: 0, at: 'final' },
        through: [
          { run: 0, at: 'initial' },
          { run: 0, at: 'final' },
          { run: 1, at: 'final' },
        ],
        n: 41,
        range: 'fit',
        margin: 0.25,
        metrics: ['trainLoss'],
      }),
    );
  });

  it('PCA with fewer than three recorded snapshots: the random plane at run 0’s θ₀, range [−1, 1]', () => {
    for (const recorded of [1, 2]) {
      expect(landscapeSpecFor(mlp, DEFAULT_VIEW, recorded)).toMatchObject({
        directions: 'random',
        centre: { run: 0, at: 'initial' },
        range: [-1, 1],
      });
    }
    // An explicit range is kept.
    expect(landscapeSpecFor(mlp, view({ range: [-3, 2] }), 1)).toMatchObject({
      directions: 'random',
      range: [-3, 2],
    });
  });

  it('a random plane: at θ₀ with [−1, 1] before the runs have moved, then at run 0’s end, fitted', () => {
    expect(landscapeSpecFor(mlp, view({ directions: 'random' }), 2)).toMatchObject({
      directions: 'random',
      centre: { run: 0, at: 'initial' },
      range: [-1, 1],
    });
    expect(landscapeSpecFor(mlp, view({ directions: 'random' }), 11)).toMatchObject({
      directions: 'random',
      centre: { run: 0, at: 'final' },
      range: 'fit',
    });
  });

  it('an analytic surface is always drawn on its axes, with its window for a fitted range', () => {
    for (const directions of ['pca', 'random', 'points', 'axes'] as const) {
      const s = landscapeSpecFor(surface, view({ directions }), 1);
      expect(s.directions).toBe('axes');
      expect(s.range).toBeUndefined();
    }
    expect(landscapeSpecFor(surface, view({ range: [-2, 2] }), 50).range).toEqual([-2, 2]);
    // 'axes' on a network is the random plane.
    expect(landscapeSpecFor(mlp, view({ directions: 'axes' }), 11).directions).toBe('random');
  });

  it("'points' goes through run 0's start and end and run 1's end unless the view names three", () => {
    expect(landscapeSpecFor(mlp, view({ directions: 'points' }), 2)).toMatchObject({
      directions: 'points',
      through: [
        { run: 0, at: 'initial' },
        { run: 0, at: 'final' },
        { run: 1, at: 'final' },
      ],
      range: 'fit',
    });
    const through = [
      { run: 1, at: 'initial' },
      { run: 1, at: 'final' },
      { run: 0, at: 'final' },
    ] as const;
    expect(
      landscapeSpecFor(mlp, view({ directions: 'points', through: [...through] }), 5).through,
    ).toEqual(through);
    // One run and no points, or a single snapshot: the random plane at θ₀.
    expect(landscapeSpecFor(oneRun, view({ directions: 'points' }), 5)).toMatchObject({
      directions: 'random',
      centre: { run: 0, at: 'final' },
      through: undefined,
    });
    expect(landscapeSpecFor(mlp, view({ directions: 'points' }), 1)).toMatchObject({
      directions: 'random',
      centre: { run: 0, at: 'initial' },
      range: [-1, 1],
    });
  });

  it('passes the grid, normalisation, orthogonalisation, margin, seed and metric through', () => {
    const s = landscapeSpecFor(
      mlp,
      view({
        directions: 'random',
        n: 7,
        normalization: 'layer',
        orthogonalize: true,
        margin: 0.5,
        seed: 42,
        metric: 'testAccuracy',
      }),
      20,
    );
    expect(s).toMatchObject({
      n: 7,
      normalization: 'layer',
      bias: 'zero',
      orthogonalize: true,
      margin: 0.5,
      seed: 42,
      metrics: ['testAccuracy'],
    });
    expect('seed' in landscapeSpecFor(mlp, DEFAULT_VIEW, 20)).toBe(false);
    // The spec is a valid landscape config.
    expect(LandscapeSchema.parse(s)).toEqual(s);
  });
});
