/**
 * The page's main chunk carries no tfjs code: tfjs-core (and its gradients) load only in the
 * compute worker, on both pages (the app and the embed page). Reads the build the e2e global
 * setup made (out/e2e, or LLE_E2E_OUT) and prints the sizes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The build the global setup made (LLE_E2E_OUT names another folder, as there).
const out = path.resolve(process.env.LLE_E2E_OUT ?? 'out/e2e');
/** Literals every tfjs-core build contains (an environment flag and a kernel name). */
const TFJS_CORE_MARKERS = ['IS_BROWSER', 'BatchMatMul'];

describe('bundle', () => {
  it("the pages' chunks (app and embed) hold no tfjs-core code; the worker side does", () => {
    const loaded = new Set<string>();
    for (const page of ['index', 'embed']) {
      const html = readFileSync(path.join(out, `${page}.html`), 'utf8');
      const entry = new RegExp(`<script[^>]+src="/(assets/${page}-[^"]+\\.js)"`).exec(html)?.[1];
      expect(entry).toBeTruthy();
      // With two pages the page code they share is in chunks the entry imports statically
      // (preloaded by the HTML): all of them load with the page.
      const eager = [
        entry!,
        ...[...html.matchAll(/<link rel="modulepreload"[^>]+href="\/(assets\/[^"]+\.js)"/g)].map(
          (m) => m[1]!,
        ),
      ];
      eager.forEach((file) => loaded.add(file));
      const main = eager.map((file) => readFileSync(path.join(out, file), 'utf8')).join('\n');
      for (const marker of TFJS_CORE_MARKERS) expect(main.includes(marker)).toBe(false);
      const gzip = gzipSync(main).length;
      console.log(
        `[bundle] ${page}.html loads ${eager.join(', ')}: ${(main.length / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(0)} KB gzip`,
      );
    }
    const others = readdirSync(path.join(out, 'assets'))
      .filter((f) => f.endsWith('.js') && !loaded.has(`assets/${f}`))
      .map((f) => readFileSync(path.join(out, 'assets', f), 'utf8'));
    // The markers do find tfjs-core where it is (so their absence above means something).
    for (const marker of TFJS_CORE_MARKERS)
      expect(others.some((text) => text.includes(marker))).toBe(true);
  });
});
