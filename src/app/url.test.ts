import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { readUrlParams } from './url';

describe('URL parameters', () => {
  it('takes valid values', () => {
    const p = readUrlParams('?backend=cpu&steps=300&autoplay=0', DEFAULT_CONFIG);
    expect(p).toEqual({
      backend: 'cpu',
      config: { ...DEFAULT_CONFIG, steps: 300 },
      autoplay: false,
      warnings: [],
    });
  });

  it('names a bad value with its text and opens the nearest valid state', () => {
    const p = readUrlParams('?steps=abc', DEFAULT_CONFIG);
    expect(p.config).toEqual(DEFAULT_CONFIG);
    expect(p.autoplay).toBe(true);
    expect(p.warnings).toEqual([
      'URL parameter steps="abc": must be a whole number from 1 to 1000000; showing 500 steps instead.',
    ]);
    expect(readUrlParams('?steps=0', DEFAULT_CONFIG).warnings[0]).toBe(
      'URL parameter steps="0": must be a whole number from 1 to 1000000; showing 500 steps instead.',
    );
    expect(readUrlParams('?steps=', DEFAULT_CONFIG).warnings[0]).toMatch(
      /^URL parameter steps="":/,
    );
    expect(readUrlParams('?steps=1e999', DEFAULT_CONFIG).warnings[0]).toMatch(
      /^URL parameter steps="1e999": must be/,
    );
  });

  it('never looks a backend up on the prototype chain', () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const p = readUrlParams(`?backend=${name}`, DEFAULT_CONFIG);
      expect(p.backend).toBeNull();
      expect(p.warnings[0]).toBe(
        `URL parameter backend="${name}": must be one of webgpu, webgl, wasm, cpu; the backend is chosen automatically instead.`,
      );
    }
    expect(readUrlParams('?autoplay=yes', DEFAULT_CONFIG).warnings).toEqual([
      'URL parameter autoplay="yes": must be 0 or 1; playing automatically.',
    ]);
  });
});
