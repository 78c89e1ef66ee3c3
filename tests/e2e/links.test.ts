/**
 * Links that reproduce, in the built app: settings changed in the running app reach the address
 * bar (`#v1.…`, written with replaceState: no history entry per change); that URL opened in a new
 * page on the same backend gives the same landscape grid bit for bit; "Copy link" copies it; a
 * bad link names the field and opens the rest; a classroom `hide` list hides the controls.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { decodeLink } from '../../src/config/link';
import { SCREENSHOTS } from './browser';
import { openApp, state, TIMEOUT, until } from './app-page';

/** The landscape grid on screen once training is done and no landscape frame is still coming. */
async function finalGrid(page: Page): Promise<{ n: number; values: number[] }> {
  await until(page, (s) => s.finished && s.historyStep === s.step && s.landscape !== null);
  let frames = -1;
  let grid: { n: number; values: number[] } | null = null;
  for (;;) {
    const s = await state(page);
    const next = await page.evaluate(() => window.__lle!.grid());
    // Stable: no new landscape frame for a while after training finished.
    if (s.landscapeFrames === frames && next && grid && next.values.length === grid.values.length)
      return next;
    frames = s.landscapeFrames;
    grid = next;
    // Deliberate: the check is that nothing comes for a while (the page exposes no pending job).
    await page.waitForTimeout(1500);
  }
}

/** A link's hash for any JSON payload, as the explorer writes version 1. */
const linkOf = (json: unknown) =>
  `#v1.${LZString.compressToEncodedURIComponent(JSON.stringify(json))}`;

describe('links that reproduce', () => {
  it(
    'the address bar follows the settings; the copied URL opens the same grid bit for bit',
    async () => {
      const first = await openApp('./?backend=wasm&steps=40&autoplay=0');
      let second: Awaited<ReturnType<typeof openApp>> | null = null;
      try {
        const { page } = first;
        const historyBefore = await page.evaluate(() => history.length);
        // Change the view (grid size), the drawing (contour map, linear heights) and the runs
        // (Adam's learning rate, applied).
        // The plane's settings fold behind a button where the toolbar is narrow.
        const planeToggle = page.locator('.plane-toggle');
        if (await planeToggle.isVisible()) await planeToggle.click();
        await page.getByTestId('resolution').selectOption('21');
        await page.getByRole('button', { name: 'Contour map' }).click();
        await page.getByRole('button', { name: 'Linear' }).click();
        const adam = page.getByRole('listitem', { name: 'Adam' });
        const lr = adam.getByLabel(/Learning rate/);
        await lr.fill('0.05');
        await lr.press('Enter');
        await page.getByTestId('apply').click();
        await until(page, (s) => s.step === 0 && s.trajectories.length === 3);
        await page.locator('.transport-play').click();
        const grid = await finalGrid(page);
        expect(grid.n).toBe(21);
        // A real landscape: finite values that vary.
        const finite = grid.values.filter(Number.isFinite);
        expect(finite.length).toBe(21 * 21);
        expect(Math.max(...finite)).toBeGreaterThan(Math.min(...finite));

        // The address bar carries it all in the hash; ?steps moved into the hash.
        await expect
          .poll(() => page.evaluate(() => location.hash), { timeout: 5000 })
          .toMatch(/^#v1\./);
        const url = page.url();
        expect(new URL(url).searchParams.get('steps')).toBeNull();
        expect(new URL(url).searchParams.get('backend')).toBe('wasm');
        // replaceState: no history entry per change.
        expect(await page.evaluate(() => history.length)).toBe(historyBefore);

        // Copy link copies the same URL and says so.
        await first.context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await page.getByTestId('copy-link').click();
        await expect
          .poll(() => page.getByTestId('copy-link-status').textContent())
          .toBe('Link copied');
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(url);

        second = await openApp(new URL(url).pathname + new URL(url).search + new URL(url).hash);
        const reopened = second.page;
        const s2 = await state(reopened);
        expect(s2.backend).toBe('wasm');
        expect(s2.notice).toBeNull();
        await reopened.locator('.transport-play').click();
        const grid2 = await finalGrid(reopened);
        expect(grid2.n).toBe(21);
        // Bit for bit: the same float32 values (NaN where either has none).
        expect(grid2.values).toEqual(grid.values);
        expect((await state(reopened)).totalSteps).toBe(40);
        expect(
          await reopened.getByRole('button', { name: 'Contour map' }).getAttribute('aria-pressed'),
        ).toBe('true');
        expect(
          await reopened.getByRole('button', { name: 'Linear' }).getAttribute('aria-pressed'),
        ).toBe('true');
        expect(
          await reopened
            .getByRole('listitem', { name: 'Adam' })
            .getByLabel(/Learning rate/)
            .inputValue(),
        ).toBe('0.05');
        console.log(`[e2e] link (${new URL(url).hash.length} characters of hash): ${url}`);
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
      } finally {
        await first.context.close();
        await second?.context.close();
      }
    },
    TIMEOUT * 2,
  );

  it(
    'a bad link names the field, value and what is allowed, and opens the rest',
    async () => {
      const hash = linkOf({
        view: { n: 3 },
        display: { viewMode: 'contour' },
        hide: ['play', 'nope'],
      });
      const { page, context, errors } = await openApp(`./?steps=20${hash}`);
      try {
        const notice = await page.getByTestId('notice').textContent();
        expect(notice).toContain('This link could not be used in full:');
        expect(notice).toContain(
          'view.n: must be a whole number from 5 to 201 (got 3); the default is used instead',
        );
        expect(notice).toMatch(
          /hide\[1\]: must be a field path .* \(got "nope"\); this entry is left out/,
        );
        const s = await state(page);
        expect(s.error).toBeNull();
        expect(s.landscape!.n).toBe(41);
        // The valid fields opened: the contour map, and the play button hidden.
        expect(
          await page.getByRole('button', { name: 'Contour map' }).getAttribute('aria-pressed'),
        ).toBe('true');
        expect(await page.locator('.transport-play').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  it(
    'a link from a newer version opens the defaults and says why',
    async () => {
      const { page, context } = await openApp('./?steps=20&autoplay=0#v9.abc');
      try {
        const notice = await page.getByTestId('notice').textContent();
        expect(notice).toContain(
          '(link): made by a newer version of the explorer (link version 9; this one reads versions 1 to 1); the defaults open instead',
        );
        expect((await state(page)).error).toBeNull();
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  it(
    'a classroom link hides everything but the learning rates, Apply and the play button',
    async () => {
      const hide = [
        'experiment',
        'view',
        'loss',
        'model',
        'step',
        'reset',
        'timeline',
        'display.speed',
        'copy-link',
        'run-list',
        'lessons',
        'export',
        'lecture',
        'fullscreen',
        ...[
          'name',
          'color',
          'optimizer',
          'momentum',
          'betas',
          'eps',
          'alpha',
          'weightDecay',
          'momentumDecay',
          'batchSize',
          'schedule.kind',
          'schedule.warmupSteps',
          'schedule.stepSize',
          'schedule.gamma',
          'schedule.minLrFactor',
          'sam.rho',
          'initSeed',
          'batchSeed',
        ].map((f) => `experiment.runs[].${f}`),
      ];
      const { page, context, errors } = await openApp(`./?steps=20&autoplay=0${linkOf({ hide })}`);
      try {
        expect((await state(page)).notice).toBeNull();
        // Shown: the play button and one learning-rate field per run.
        expect(await page.locator('.transport-play').count()).toBe(1);
        expect(await page.getByLabel(/Learning rate/).count()).toBe(3);
        // Hidden: the other transport controls, the panels, the other run fields, Copy link.
        for (const name of [
          'Step',
          'Reset',
          'Copy link',
          'Live',
          'Add run',
          'Remove run SGD',
          'Lecture mode',
          'Fullscreen',
        ])
          expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
        for (const label of ['Optimiser', 'Speed', 'Timeline', 'Problem', 'Grid', 'SAM', 'Lesson'])
          expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(0);
        expect(await page.getByTestId('view-settings').count()).toBe(0);
        expect(await page.getByTestId('lesson-bar').count()).toBe(0);
        expect(await page.getByRole('group', { name: 'Presets' }).count()).toBe(0);
        expect(await page.getByText('Export / open').count()).toBe(0);
        expect(await page.locator('h2', { hasText: /^Loss/ }).count()).toBe(0);
        // The hash keeps the hide list (the address bar follows the state).
        await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1\./);
        await page.screenshot({ path: `${SCREENSHOTS}/links-classroom.png` });
        // The visible controls work: play trains.
        // The visible controls work: a learning rate edited and applied, then play trains.
        const before = await state(page);
        const sgdLr = page.getByRole('listitem', { name: 'SGD' }).getByLabel(/Learning rate/);
        await sgdLr.fill('0.05');
        await sgdLr.press('Enter');
        await page.getByTestId('apply').click();
        await until(page, (s) => s.step === 0 && s.trajectories.length === 3);
        await page.locator('.transport-play').click();
        const done = await until(page, (s) => s.finished && s.historyStep === s.step);
        expect(done.trainLoss[0]).toBeLessThan(before.trainLoss[0]!);
        // The address bar carries the applied learning rate and the hide list.
        await expect
          .poll(
            async () =>
              decodeLink(await page.evaluate(() => location.hash)).state.experiment.runs[0]!.lr,
          )
          .toBe(0.05);
        const opened = decodeLink(await page.evaluate(() => location.hash));
        expect(opened.problems).toEqual([]);
        expect(opened.state.hide).toEqual(hide);
        expect(done.step).toBe(20);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
