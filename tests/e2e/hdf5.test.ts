/**
 * HDF5 surfaces in the built app: a file in the loss-landscape tool's layout (the h5py fixture,
 * `scripts/make-h5-fixture.py`) opens through the file picker and is drawn in 3-D and as contours
 * (its grid is what the store shows); "Back to the live landscape" returns; the live surface
 * exported as HDF5 holds the grid on screen and opens again to the same grid; the plane exports
 * as JSON with P numbers per vector.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LleGrid } from '../../src/app/handle';
import { decodeSurfaceHdf5 } from '../../src/export/hdf5';
import type { PlaneFile } from '../../src/export/plane';
import { openApp, state, until, TIMEOUT, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const FIXTURE = path.resolve(__dirname, '../fixtures/reference-surface.h5');

const grid = (page: Page): Promise<LleGrid | null> => page.evaluate(() => window.__lle!.grid());

async function exported(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.locator('[data-testid="export-menu"] details');
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.click('[data-testid="export"]');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click(`[data-testid="export-${item}"]`),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

async function openSurface(page: Page, file: string | { name: string; buffer: Buffer }) {
  await page.setInputFiles(
    '[data-testid="open-surface-file"]',
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'application/x-hdf5', buffer: file.buffer },
  );
  await page.waitForSelector('[data-testid="imported-surface"]', { timeout: 60_000 });
}

describe('HDF5 surfaces', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?steps=40');
    await until(opened.page, (s) => s.finished && s.landscape !== null);
    // The default plane follows the paths, so training's end brings one more landscape, which may
    // arrive after 'finished': wait until no new landscape frame comes for 2 s, so that the tests
    // compare with the final live grid.
    let frames = -1;
    for (;;) {
      const now = (await state(opened.page)).landscapeFrames;
      if (now === frames) break;
      frames = now;
      await opened.page.waitForTimeout(2000);
    }
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'opens a file in the loss-landscape tool’s layout and draws it in 3-D and as contours',
    async () => {
      const { page } = opened;
      const live = (await grid(page))!;
      await openSurface(page, FIXTURE);
      const shown = (await grid(page))!;
      const { surface } = await decodeSurfaceHdf5(new Uint8Array(await readFile(FIXTURE)));
      expect(shown.n).toBe(9);
      expect(shown.metric).toBe('trainLoss');
      expect(shown.values).toEqual(Array.from(Float32Array.from(surface.grids.trainLoss!)));
      // The script's closed form at (x, y) = (0, 0.5): 0.5 + 3·0.25 = 1.25.
      expect(shown.values[4 * 9 + 4]).toBeCloseTo(1.25, 6);
      await expect
        .poll(() => page.textContent('[data-testid="imported-surface"]'))
        .toContain('reference-surface.h5');
      // Drawn in 3-D: many colours on the canvas.
      await page.waitForTimeout(500);
      const px = (await page.evaluate(() => window.__lle!.pixels()))!;
      expect(px.distinct).toBeGreaterThan(300);
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/hdf5-imported-3d.png` });
      // Its other grids are one choice away.
      await page.selectOption('[data-testid="imported-surface-metric"]', 'testAccuracy');
      await expect.poll(async () => (await grid(page))!.metric).toBe('testAccuracy');
      expect((await grid(page))!.values[0]).toBeCloseTo(
        0.95 - 0.1 * surface.grids.trainLoss![0]!,
        6,
      );
      await page.selectOption('[data-testid="imported-surface-metric"]', 'trainLoss');
      const mode = (value: string) => `[data-testid="view-mode"] [data-value="${value}"]`;
      await page.click(mode('contour'));
      await page.waitForSelector('[data-testid="contour-map"] svg path');
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/hdf5-imported-contour.png` });
      await page.click(mode('3d'));
      // Back to the live landscape: the grid on screen before.
      await page.click('[data-testid="imported-surface-close"]');
      await page.waitForSelector('[data-testid="imported-surface"]', { state: 'detached' });
      expect(await grid(page)).toEqual(live);
    },
    TIMEOUT,
  );

  it(
    'exports the live surface as HDF5 that opens again to the same grid, and the plane as JSON',
    async () => {
      const { page } = opened;
      const live = (await grid(page))!;
      const h5 = await exported(page, 'h5');
      expect(h5.name).toMatch(/^loss-landscape_mlp_step-40_surface\.h5$/);
      const { surface, ours } = await decodeSurfaceHdf5(new Uint8Array(h5.bytes));
      expect(ours).toBe(true);
      expect(Array.from(Float32Array.from(surface.grids.trainLoss!))).toEqual(live.values);
      expect(Array.from(Float32Array.from(surface.a))).toEqual(live.a);
      expect(surface.plane!.d1).toHaveLength(337);
      expect(surface.paths).toHaveLength(3);

      const plane = JSON.parse((await exported(page, 'plane')).bytes.toString('utf8')) as PlaneFile;
      expect(plane.problem.parameters).toBe(337);
      expect(plane.landscape.directions.d1).toEqual(Array.from(surface.plane!.d1));
      expect(plane.landscape.directions.centre).toHaveLength(337);
      expect(plane.landscape.n).toBe(live.n);

      const vtp = (await exported(page, 'vtp')).bytes.toString('utf8');
      expect(vtp).toContain(`NumberOfPoints="${live.n * live.n}"`);

      // The exported file opens through the picker to the same grid, with its paths.
      await openSurface(page, { name: h5.name, buffer: h5.bytes });
      expect((await grid(page))!.values).toEqual(live.values);
      const s = await page.evaluate(() => window.__lle!.state());
      expect(s.trajectories).toHaveLength(3);
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/hdf5-reimported.png` });
    },
    TIMEOUT,
  );
});
