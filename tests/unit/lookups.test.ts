/**
 * Names that come from users (configs, links, embeds) never reach Object.prototype: every table
 * looked up by such a name answers only for its own entries, and an unknown name is an error
 * that says so, never `undefined` flowing on or an inherited function used as data.
 */
import { describe, expect, it } from 'vitest';
import { optimizerDefaults } from '../../src/config/optimizer-defaults';
import { ConfigError, parseConfig } from '../../src/config/parse';
import { isAllowedColor } from '../../src/config/colors';
import { generateDataset, type DatasetSpec } from '../../src/engine/data/datasets';
import { activate } from '../../src/engine/problems/activations';
import { buildProblem, type ProblemSpec } from '../../src/engine/problems/build';
import {
  SurfaceProblem,
  surfaceDefinition,
  type SurfaceName,
} from '../../src/engine/problems/surfaces';
import { tf } from '../../src/engine/tf';
import { NODE_BACKENDS, useNodeBackend } from './backend';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('user-named lookups', () => {
  it.each(PROTOTYPE_NAMES)(
    'the config refuses %s as a problem, surface, data set, optimiser',
    (name) => {
      for (const input of [
        { problem: { kind: name } },
        { problem: { kind: 'surface', surface: name } },
        { problem: { kind: 'mlp', activation: name } },
        { data: { kind: name } },
        { runs: [{ optimizer: name }] },
        { runs: [{ schedule: { kind: name } }] },
        { landscape: { directions: name } },
        { landscape: { metrics: [name] } },
      ]) {
        expect(() => parseConfig(input)).toThrow(ConfigError);
      }
      expect(isAllowedColor(name)).toBe(false);
    },
  );

  it.each(PROTOTYPE_NAMES)('the engine refuses %s by name', (name) => {
    expect(() => surfaceDefinition(name)).toThrow(
      `unknown surface '${name}': one of quadratic, rosenbrock, beale, himmelblau, saddle, rastrigin, plateau-cliff`,
    );
    expect(() => new SurfaceProblem({ surface: name as SurfaceName, kappa: 1 })).toThrow(
      `unknown surface '${name}'`,
    );
    expect(() => optimizerDefaults(name as never)).toThrow(`unknown optimiser '${name}'`);
    expect(() =>
      generateDataset({
        kind: name,
        points: 4,
        noise: 0,
        testFraction: 0,
        margin: 0,
        seed: 1,
      } as unknown as DatasetSpec),
    ).toThrow(`unknown data set '${name}'`);
    expect(() => buildProblem({ kind: name } as unknown as ProblemSpec, null)).toThrow(
      `unknown problem '${name}'`,
    );
  });

  it.each(NODE_BACKENDS)('activations refuse unknown names on %s', async (backend) => {
    await useNodeBackend(backend);
    const x = tf.tensor1d([0.5]);
    for (const name of PROTOTYPE_NAMES) {
      expect(() => activate(name as never, x, false)).toThrow(`unknown activation '${name}'`);
    }
    x.dispose();
  });

  it('still finds every real surface', () => {
    expect(surfaceDefinition('rosenbrock').start).toEqual([-1.2, 1]);
    expect(new SurfaceProblem({ surface: 'beale', kappa: 1 }).init()).toEqual(
      Float32Array.from([1, 1.5]),
    );
  });
});
