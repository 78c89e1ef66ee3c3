import { describe, expect, it } from 'vitest';
import { AppConfigSchema, encodeAppConfig, parseAppConfig } from './app';
import { ConfigError } from './parse';

const PLANE = { kind: 'explicit', d1: [1, 0, 0.5], d2: [0, 1, 0], centre: [0, 0, 1] };

describe('view.directions: an explicit plane', () => {
  it('is a view of its own that survives the document’s encoding', () => {
    const doc = parseAppConfig({ view: { directions: PLANE, n: 21 } });
    expect(doc.view.directions).toEqual(PLANE);
    expect(encodeAppConfig(doc).view).toEqual({ directions: PLANE, n: 21 });
  });

  it('names a bad entry by its path, and a bad name as before', () => {
    const issues = (view: unknown) =>
      AppConfigSchema.safeParse({ view }).error!.issues.map(
        (i) => `${i.path.join('.')}: ${i.message}`,
      );
    expect(issues({ directions: { ...PLANE, d2: [0, 'x', 0] } })).toEqual([
      'view.directions.d2.1: must be a number',
    ]);
    expect(issues({ directions: { kind: 'explicit', d1: [1] } })).toEqual([
      'view.directions.d2: must be a list of numbers',
    ]);
    expect(issues({ directions: 'tsne' })).toEqual([
      'view.directions: must be pca, random, points, hessian, axes or varpro',
    ]);
    expect(() => parseAppConfig({ view: { directions: 7 } })).toThrow(ConfigError);
  });
});
