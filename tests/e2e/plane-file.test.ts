/**
 * A plane file in the built app: the plane of the live landscape (PCA with fitted ranges, after
 * training) exports as JSON; after switching to a random plane, "Plane from file…" in the plane
 * picker opens that file and the worker computes the same grid bit for bit on it; the picker
 * names the file; a plane of another model is refused with the expected P and the landscape stays;
 * the file dropped on the explorer opens the same way.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LleGrid } from '../../src/app/handle';
import type { PlaneFile } from '../../src/export/plane';
import { openApp, state, until, TIMEOUT, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const grid = (page: Page): Promise<LleGrid | null> => page.evaluate(() => window.__lle!.grid());
/** How the plane on screen was chosen and its first axis label. */
const shownPlane = async (page: Page): Promise<string> => {
  const l = (await state(page)).landscape;
  return l ? `${l.directions}: ${l.axisLabels[0]}` : '';
};

/** The words of the plane picker's chosen entry. */
const shownChoice = (page: Page): Promise<string> =>
  page.$eval(
    '[data-testid="directions"]',
    (select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? '',
  );

async function exportedPlane(page: Page): Promise<{ name: string; bytes: Buffer }> {
  await page.click('[data-testid="export"]');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click('[data-testid="export-plane"]'),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

const openPlane = (page: Page, name: string, buffer: Buffer) =>
  page.setInputFiles('[data-testid="plane-file"]', {
    name,
    mimeType: 'application/json',
    buffer,
  });

describe('a plane file through the plane picker', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?steps=40');
    await until(opened.page, (s) => s.finished && s.landscape !== null);
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'opens an exported plane and shows the same grid bit for bit; a wrong P is refused',
    async () => {
      const { page } = opened;
      // The plane settings may be folded behind the toolbar's "Plane" button.
      const toggle = page.locator('.plane-toggle');
      if (await toggle.isVisible()) await toggle.click();
      await expect.poll(() => shownPlane(page)).toMatch(/^pca: PC1/);
      const live = (await grid(page))!;
      const plane = await exportedPlane(page);
      const file = JSON.parse(plane.bytes.toString('utf8')) as PlaneFile;
      expect(file.problem.parameters).toBe(337);
      // The exact ranges the worker used: the grid's float32 ends are their rounding.
      const { aRange, bRange } = file.landscape.directions;
      expect(Math.fround(aRange![0])).toBe(live.a[0]);
      expect(Math.fround(bRange![1])).toBe(live.b[live.n - 1]);

      // Another plane first, so that the file's plane has something to replace.
      await page.selectOption('[data-testid="directions"]', 'random');
      await expect.poll(() => shownPlane(page)).toMatch(/^random: δ₁/);
      expect((await grid(page))!.values).not.toEqual(live.values);

      const options = await page.locator('[data-testid="directions"] option').allTextContents();
      expect(options).toContain('Plane from file…');
      await openPlane(page, plane.name, plane.bytes);
      await expect.poll(() => shownPlane(page)).toBe('explicit: d₁ (explicit)');
      const again = (await grid(page))!;
      expect(again.n).toBe(live.n);
      expect(again.a).toEqual(live.a);
      expect(again.b).toEqual(live.b);
      expect(again.values).toEqual(live.values);
      expect(await page.inputValue('[data-testid="directions"]')).toBe('explicit');
      expect(await shownChoice(page)).toBe(`Plane from file: ${plane.name}`);
      expect(await page.textContent('[data-testid="plane-source"]')).toContain(
        `Plane from ${plane.name}: P = 337, its own centre`,
      );
      await page.waitForTimeout(500);
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/plane-file-opened.png` });
      await page
        .locator('[data-testid="toolbar"]')
        .screenshot({ path: `${SCREENSHOTS}/plane-file-toolbar.png` });

      // A plane of another model: named with the expected P; the landscape stays.
      file.landscape.directions.d1.push(0);
      await openPlane(page, 'other.json', Buffer.from(JSON.stringify(file)));
      await page.waitForSelector('[data-testid="plane-error"]');
      expect(await page.textContent('[data-testid="plane-error"]')).toMatch(
        /^Cannot use other\.json as the plane: d1: must have P = 337 numbers for this model, .*; got 338$/,
      );
      expect((await grid(page))!.values).toEqual(live.values);
      await page
        .locator('[data-testid="toolbar"]')
        .screenshot({ path: `${SCREENSHOTS}/plane-file-refused.png` });

      // Back to PCA.
      await page.click('[data-testid="plane-back"]');
      await expect.poll(() => shownPlane(page)).toMatch(/^pca: PC1/);

      // The plane file dropped on the explorer: the same plane again.
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
        document
          .querySelector('.lle-explorer')!
          .dispatchEvent(
            new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
          );
      }, plane.bytes.toString('utf8'));
      await expect.poll(() => shownPlane(page)).toBe('explicit: d₁ (explicit)');
      expect((await grid(page))!.values).toEqual(live.values);
      expect(await page.textContent('[data-testid="export-message"]')).toContain(
        'The landscape is on the plane from dropped.json.',
      );
      // The picker names the dropped file, as it does a file it opened itself.
      expect(await shownChoice(page)).toBe('Plane from file: dropped.json');
      expect(await page.textContent('[data-testid="plane-source"]')).toContain(
        'Plane from dropped.json: P = 337, its own centre',
      );
      await page
        .locator('[data-testid="toolbar"]')
        .screenshot({ path: `${SCREENSHOTS}/plane-file-dropped-toolbar.png` });
      expect(opened.errors).toEqual([]);
    },
    TIMEOUT,
  );
});
