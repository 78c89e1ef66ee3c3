import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { encodeLink } from '../config/link';
import { encodeShareState, parseShareState } from '../config/share';
import { pageUrlFor, readPageUrl, readUrlParams } from './url';

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
      `URL parameter steps="abc": must be a whole number from 1 to 1000000; showing ${DEFAULT_CONFIG.steps} steps instead.`,
    ]);
    expect(readUrlParams('?steps=0', DEFAULT_CONFIG).warnings[0]).toBe(
      `URL parameter steps="0": must be a whole number from 1 to 1000000; showing ${DEFAULT_CONFIG.steps} steps instead.`,
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

describe('the page URL: a link in the hash, parameters over it', () => {
  it('opens the link, with ?steps over its experiment and ?lecture over its display', () => {
    const state = parseShareState({
      experiment: { steps: 300, seed: 4 },
      view: { n: 61 },
      hide: ['play'],
    });
    const hash = `#${encodeLink(state)}`;
    const page = readPageUrl('?steps=50&lecture=1&backend=wasm', hash);
    expect(page.warnings).toEqual([]);
    expect(page.backend).toBe('wasm');
    expect(page.autoplay).toBe(true);
    expect(page.document).toEqual({
      experiment: { steps: 50, seed: 4 },
      view: { n: 61 },
      display: { lecture: true },
      hide: ['play'],
    });
    expect(readPageUrl('', hash).document).toEqual(encodeShareState(state));
  });

  it('names a bad link field under one heading and a bad lecture value', () => {
    const page = readPageUrl('?lecture=yes', '#v1.');
    expect(page.warnings).toEqual([
      'This link could not be used in full:',
      '(link): the link is damaged: its data does not decompress to settings (was it cut short when copied?); the defaults open instead',
      'URL parameter lecture="yes": must be 0 or 1; lecture mode is off as the link says.',
    ]);
    expect(page.document).toEqual({});
  });

  it('writes the state into the hash and drops the parameters the hash carries', () => {
    const state = parseShareState({ experiment: { steps: 50 }, display: { lecture: true } });
    const url = pageUrlFor(state, {
      pathname: '/app/',
      search: '?steps=50&backend=wasm&lecture=1',
    });
    expect(url).toBe(`/app/?backend=wasm#${encodeLink(state)}`);
    expect(pageUrlFor(parseShareState({}), { pathname: '/', search: '?steps=9' })).toBe('/');
    // What the URL says opens the same state.
    const hash = url.slice(url.indexOf('#'));
    expect(parseShareState(readPageUrl('?backend=wasm', hash).document)).toEqual(state);
  });
});
