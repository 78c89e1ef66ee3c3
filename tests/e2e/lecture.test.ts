/**
 * The explorer as a lecturer and a phone see it (the built app in headless Chromium): the
 * landscape is the first thing on screen at 1280×720 and 1920×1080, lecture mode's type sizes and
 * folded sidebar, the phone layout at 375×667, chart text sizes, and the keys (space, →, R, F, L,
 * ?, Esc; space in a text field types a space). Screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, state, TIMEOUT, until } from './app-page';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bounding box of the 3-D view's canvas, and the viewport, at the current scroll. */
async function canvasBox(page: Page): Promise<{ box: Box; vw: number; vh: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="landscape-scene"] canvas')!;
    const r = canvas.getBoundingClientRect();
    return {
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      vw: window.innerWidth,
      vh: window.innerHeight,
    };
  });
}

/**
 * Whether the 3-D view's canvas has taken the size of its box: the renderer sets the canvas's size
 * itself (in px) once it has measured the box, so after a layout change (lecture mode) the two
 * differ until it has resized.
 */
async function sceneFitsBox(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="landscape-scene"] canvas');
    if (!canvas?.parentElement) return false;
    const c = canvas.getBoundingClientRect();
    const box = canvas.parentElement.getBoundingClientRect();
    return Math.abs(c.width - box.width) <= 1 && Math.abs(c.height - box.height) <= 1;
  });
}

/**
 * Whether the contour map is drawn: its axis titles are there and it is laid out at its size on
 * screen (its viewBox is its measured box, so its labels are their own px size).
 */
async function contourMapDrawn(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[data-testid="contour-map"] svg[viewBox]');
    if (!svg) return false;
    const titles = Array.from(svg.querySelectorAll('text'), (t) => t.textContent ?? '');
    const r = svg.getBoundingClientRect();
    const v = svg.viewBox.baseVal;
    return (
      titles.some((t) => t.startsWith('a:')) &&
      Math.abs(v.width - r.width) <= 1 &&
      Math.abs(v.height - r.height) <= 1
    );
  });
}

/**
 * The step training is paused at once it has settled: the page's status is not playing and is at
 * the newest update the worker has taken (no update still in flight); null until then.
 */
async function settledPausedStep(page: Page): Promise<number | null> {
  const s = await state(page);
  const worker = (await page.evaluate(() => window.__lle!.workerStats())) as { step: number };
  return !s.playing && worker.step === s.step ? s.step : null;
}

/**
 * Rendered sizes (CSS px on screen) of the visible chart and drawing labels: SVG text (its font
 * size times the SVG's scale) of the loss chart, the contour map and the small plots, and the 3-D
 * view's axis labels.
 */
async function chartTextSizes(page: Page): Promise<{ text: string; px: number }[]> {
  return page.evaluate(() => {
    const out: { text: string; px: number }[] = [];
    const visible = (e: Element) =>
      e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    for (const t of document.querySelectorAll<SVGTextElement>('.lle-explorer svg text')) {
      if (!visible(t) || !t.textContent?.trim()) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1; // rotated labels too
      out.push({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale });
    }
    for (const e of document.querySelectorAll('.lle-explorer .axis-text')) {
      if (!visible(e) || !e.textContent?.trim()) continue;
      out.push({ text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize) });
    }
    return out;
  });
}

/** Font sizes of every visible piece of HTML text in the explorer (outside SVG drawings). */
async function htmlTextSizes(page: Page): Promise<{ text: string; tag: string; px: number }[]> {
  return page.evaluate(() => {
    const out: { text: string; tag: string; px: number }[] = [];
    const root = document.querySelector('.lle-explorer')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('svg, option, select')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }))
        continue;
      const style = getComputedStyle(parent);
      out.push({ text, tag: parent.tagName.toLowerCase(), px: parseFloat(style.fontSize) });
    }
    return out;
  });
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the landscape is the first thing on screen', () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(
      `fills the viewport at ${viewport.width}×${viewport.height}, with Apply in reach`,
      async () => {
        const { page, context, errors } = await openApp('./?steps=60&autoplay=0', viewport);
        try {
          const { box, vw, vh } = await canvasBox(page);
          const covered = (box.width * box.height) / (vw * vh);
          console.log(
            `[e2e] ${vw}×${vh}: 3-D view ${Math.round(box.width)}×${Math.round(box.height)} at (${Math.round(box.x)}, ${Math.round(box.y)}), ${(100 * covered).toFixed(1)} % of the viewport`,
          );
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(vw + 0.5);
          expect(box.y + box.height).toBeLessThanOrEqual(vh + 0.5);
          expect(covered).toBeGreaterThanOrEqual(0.5);
          // "Apply and restart" is on screen at scroll 0 (sticky at the sidebar's bottom).
          const apply = (await page.getByTestId('apply').boundingBox())!;
          expect(apply.y + apply.height).toBeLessThanOrEqual(vh);
          expect(apply.y).toBeGreaterThanOrEqual(0);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
      TIMEOUT,
    );
  }

  it(
    'chart and axis text is at least 14 px (loss chart, 3-D axes, contour map)',
    async () => {
      const { page, context, errors } = await openApp('./?steps=30', {
        width: 1280,
        height: 720,
      });
      try {
        await until(page, (s) => s.finished && s.historyStep === s.step);
        const scene = await chartTextSizes(page);
        await page.click('[data-testid="view-mode"] button[data-value="contour"]');
        await page.waitForSelector('[data-testid="contour-map"]', { state: 'visible' });
        await expect.poll(() => contourMapDrawn(page)).toBe(true);
        const map = await chartTextSizes(page);
        const all = [...scene, ...map];
        const smallest = all.reduce((m, t) => (t.px < m.px ? t : m), all[0]!);
        console.log(
          `[e2e] chart text: ${all.length} labels, smallest ${smallest.px.toFixed(1)} px ("${smallest.text}")`,
        );
        expect(map.some((t) => t.text.startsWith('a:'))).toBe(true);
        expect(all.length).toBeGreaterThan(20);
        for (const t of all) expect(t.px, t.text).toBeGreaterThanOrEqual(14);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});

describe('lecture mode', () => {
  it(
    'at 1920×1080: type ≥ 20 px, headings ≥ 28 px, chart text ≥ 20 px, the sidebar folded into a drawer',
    async () => {
      const { page, context, errors } = await openApp('./?steps=40', {
        width: 1920,
        height: 1080,
      });
      try {
        await until(page, (s) => s.finished && s.historyStep === s.step);
        await page.getByTestId('lecture').click();
        await expect.poll(() => page.locator('.lle-explorer.lecture').count()).toBe(1);
        // Lecture mode's layout in place: the 3-D view resized to its larger box.
        await expect.poll(() => sceneFitsBox(page)).toBe(true);
        expect(await page.getByTestId('sidebar').isVisible()).toBe(false);

        const html = await htmlTextSizes(page);
        const headings = html.filter((t) => /^h[1-3]$/.test(t.tag));
        const body = html.filter((t) => !/^h[1-3]$/.test(t.tag));
        const smallestBody = Math.min(...body.map((t) => t.px));
        console.log(
          `[e2e] lecture mode: ${body.length} texts, smallest ${smallestBody} px; headings ${headings.map((h) => `${h.text} ${h.px} px`).join(', ')}`,
        );
        expect(headings.length).toBeGreaterThan(0);
        for (const t of body) expect(t.px, t.text).toBeGreaterThanOrEqual(20);
        for (const t of headings) expect(t.px, t.text).toBeGreaterThanOrEqual(28);
        const charts = await chartTextSizes(page);
        expect(charts.length).toBeGreaterThan(10);
        for (const t of charts) expect(t.px, t.text).toBeGreaterThanOrEqual(20);

        const { box, vw, vh } = await canvasBox(page);
        const covered = (box.width * box.height) / (vw * vh);
        console.log(`[e2e] lecture mode: 3-D view covers ${(100 * covered).toFixed(1)} %`);
        expect(covered).toBeGreaterThanOrEqual(0.6);
        expect(box.y + box.height).toBeLessThanOrEqual(vh + 0.5);
        await page.screenshot({ path: `${SCREENSHOTS}/lecture-1920.png` });

        // The sidebar opens as a drawer, and closes again.
        await page.getByTestId('drawer-button').click();
        await expect.poll(() => page.getByTestId('sidebar').isVisible()).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('sidebar').isVisible()).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});

describe('a phone', () => {
  it(
    'at 375×667: the landscape near the top, nothing wider than the screen, overlays apart',
    async () => {
      const { page, context, errors } = await openApp('./?steps=30&autoplay=0', {
        width: 375,
        height: 667,
      });
      try {
        const { box } = await canvasBox(page);
        console.log(`[e2e] 375×667: 3-D view top at ${Math.round(box.y)} px`);
        expect(box.y).toBeLessThan(667);
        expect(box.y + Math.min(box.height, 200)).toBeLessThan(667);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth).toBeLessThanOrEqual(375);
        const boxes = await page.evaluate(() =>
          ['.scene-legend', '.axis-key', '.export-menu', '[data-testid="reset-view"]'].map((s) => {
            const e = document.querySelector(s);
            const r = e?.getBoundingClientRect();
            return r && r.width > 0
              ? { s, x: r.x, y: r.y, width: r.width, height: r.height }
              : null;
          }),
        );
        const shown = boxes.filter((b): b is Box & { s: string } => b !== null);
        for (let i = 0; i < shown.length; i++)
          for (let j = i + 1; j < shown.length; j++)
            expect(overlap(shown[i]!, shown[j]!), `${shown[i]!.s} / ${shown[j]!.s}`).toBe(false);
        expect(await page.getByTestId('sidebar').isVisible()).toBe(false);
        await page.screenshot({ path: `${SCREENSHOTS}/phone-375.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});

describe('keys', () => {
  it(
    'space, →, R, L, ?, Esc and F act wherever focus is; space in a text field types a space',
    async () => {
      const { page, context, errors } = await openApp('./?steps=400&autoplay=0', {
        width: 1280,
        height: 720,
      });
      try {
        await until(page, (s) => s.step === 0 && !s.playing);
        await page.mouse.click(5, 700); // focus on the page, not on a control
        const scrolled = () => page.evaluate(() => window.scrollY);

        await page.keyboard.press(' ');
        await until(page, (s) => s.playing);
        await page.keyboard.press(' ');
        const paused = await until(page, (s) => !s.playing);
        expect(await scrolled()).toBe(0);

        // → is one step: wait for the paused step to settle first.
        await expect.poll(() => settledPausedStep(page)).not.toBeNull();
        const before = (await state(page)).step;
        await page.keyboard.press('ArrowRight');
        await until(page, (s) => s.step === before + 1);
        expect(paused.finished).toBe(false);

        await page.keyboard.press('r');
        await until(page, (s) => s.step === 0);

        await page.keyboard.press('l');
        await expect.poll(() => page.locator('.lle-explorer.lecture').count()).toBe(1);
        await page.keyboard.press('L');
        await expect.poll(() => page.locator('.lle-explorer.lecture').count()).toBe(0);

        await page.keyboard.press('?');
        await expect.poll(() => page.getByTestId('key-help').isVisible()).toBe(true);
        expect(await page.getByTestId('key-help').textContent()).toContain('play or pause');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('key-help').count()).toBe(0);

        // Keys act with focus on a button too (space plays, it does not click the button).
        await page.getByTestId('keys-button').focus();
        await page.keyboard.press(' ');
        await until(page, (s) => s.playing);
        expect(await page.getByTestId('key-help').count()).toBe(0);
        await page.keyboard.press(' ');
        await until(page, (s) => !s.playing);

        // In a text field, space is typed and nothing plays.
        const field = page.locator('[data-testid="sidebar"] input[type="text"]').first();
        await field.click();
        await field.press('End');
        const text = await field.inputValue();
        await page.keyboard.press(' ');
        expect(await field.inputValue()).toBe(`${text} `);
        // Nothing plays for a while (a deliberate wait: there is no state to wait for).
        await page.waitForTimeout(300);
        expect((await state(page)).playing).toBe(false);
        await page.keyboard.press('Backspace');

        // F: fullscreen of the explorer, and back.
        await page.mouse.click(5, 700);
        await page.keyboard.press('f');
        await expect
          .poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
          .toContain('lle-explorer');
        await page.keyboard.press('f');
        await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
