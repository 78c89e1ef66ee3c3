/**
 * The page's main chunk carries no tfjs code: tfjs-core (and its gradients) load only in the
 * compute worker. Reads the build the e2e global setup made (out/e2e) and prints the sizes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const out = path.resolve('out/e2e');
/** Literals every tfjs-core build contains (an environment flag and a kernel name). */
const TFJS_CORE_MARKERS = ['IS_BROWSER', 'BatchMatMul'];

describe('bundle', () => {
  it('the main page chunk holds no tfjs-core code; the worker side does', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const main = readFileSync(path.join(out, entry!), 'utf8');
    for (const marker of TFJS_CORE_MARKERS) expect(main.includes(marker)).toBe(false);
    const others = readdirSync(path.join(out, 'assets'))
      .filter((f) => f.endsWith('.js') && `assets/${f}` !== entry)
      .map((f) => readFileSync(path.join(out, 'assets', f), 'utf8'));
    // The markers do find tfjs-core where it is (so their absence above means something).
    for (const marker of TFJS_CORE_MARKERS)
      expect(others.some((text) => text.includes(marker))).toBe(true);
    const gzip = gzipSync(main).length;
    console.log(
      `[bundle] main page chunk ${entry}: ${(main.length / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(0)} KB gzip`,
    );
  });
});
