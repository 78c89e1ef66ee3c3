/**
 * Export and import in the built app: the 3-D view, the contour map and the loss chart as
 * pictures (PNG at 2× their size on screen, the chart also as SVG), the grid and the paths as CSV,
 * the whole result as JSON in the CLI's format; the JSON opens again ("Open result…") and is
 * replayed without recomputing (no landscape frame from the worker, the same grid on screen); a
 * result the CLI wrote opens too; a bad file is named and changes nothing; Reset trains live again.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LleGrid } from '../../src/app/handle';
import type { ExperimentResult } from '../../src/config/result';
import { openApp, state, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const exec = promisify(execFile);

/** Width and height of a PNG, from its IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Clicks an item of the Export menu and returns the downloaded file's name and bytes. */
async function exported(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.locator('[data-testid="export-menu"] details');
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.click('[data-testid="export"]');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click(`[data-testid="export-${item}"]`),
  ]);
  const file = await download.path();
  const bytes = await readFile(file!);
  // Kept for looking at (test-results/screenshots/export-*).
  await writeFile(path.join(SCREENSHOTS, `export-${download.suggestedFilename()}`), bytes);
  return { name: download.suggestedFilename(), bytes };
}

const grid = (page: Page): Promise<LleGrid | null> => page.evaluate(() => window.__lle!.grid());

/** Waits until the worker has sent no landscape frame for `quietMs`. */
async function settled(page: Page, quietMs = 2000): Promise<void> {
  let frames = (await state(page)).landscapeFrames;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await page.waitForTimeout(200);
    const now = (await state(page)).landscapeFrames;
    if (now !== frames) [frames, since] = [now, Date.now()];
  }
}

/** Opens a file through the menu's file input. */
async function openResult(page: Page, file: string | { name: string; buffer: Buffer }) {
  await page.setInputFiles(
    '[data-testid="open-result-file"]',
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'application/json', buffer: file.buffer },
  );
}

describe('export and import', () => {
  let opened: Opened;
  let dir: string;
  let json: { name: string; bytes: Buffer };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lle-export-e2e-'));
    opened = await openApp('./?steps=40');
    await until(opened.page, (s) => s.finished && s.landscape !== null);
    await settled(opened.page);
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'exports the 3-D view at 2× its size on screen',
    async () => {
      const { page } = opened;
      const { name, bytes } = await exported(page, 'png-3d');
      expect(name).toMatch(/^loss-landscape_mlp_step-40_3d\.png$/);
      // three.js sizes the drawing buffer as ⌊CSS size × pixel ratio⌋.
      const canvas = await page
        .locator('[data-testid="landscape-section"] canvas')
        .evaluate((c) => c.getBoundingClientRect().toJSON() as { width: number; height: number });
      expect(pngSize(bytes)).toEqual({
        width: Math.floor(2 * canvas.width),
        height: Math.floor(2 * canvas.height),
      });
      // The picture is not blank: a PNG of a uniform picture compresses to a few hundred bytes.
      expect(bytes.length).toBeGreaterThan(20_000);
    },
    TIMEOUT,
  );

  it(
    'exports the contour map and the loss chart at 2× (and the chart as SVG)',
    async () => {
      const { page } = opened;
      const cssSize = (selector: string) =>
        page.locator(selector).evaluate((svg) => {
          const box = svg.getBoundingClientRect();
          const view = (svg as SVGSVGElement).viewBox.baseVal;
          return box.width > 0
            ? { width: box.width, height: box.height }
            : { width: view.width, height: view.height };
        });
      // The contour map on screen: twice its size there.
      const mode = (value: string) => `[data-testid="view-mode"] [data-value="${value}"]`;
      await page.click(mode('contour'));
      const contour = await exported(page, 'png-contour');
      const map = await cssSize('[data-testid="contour-map"] svg');
      expect(map.width).toBeGreaterThan(100);
      expect(pngSize(contour.bytes)).toEqual({
        width: Math.round(2 * map.width),
        height: Math.round(2 * map.height),
      });
      // The 3-D view exported from the contour map: shown for the picture, then the map again.
      const surface = pngSize((await exported(page, 'png-3d')).bytes);
      expect(await page.getAttribute(mode('contour'), 'aria-pressed')).toBe('true');
      await page.click(mode('3d'));
      const canvas = await page
        .locator('[data-testid="landscape-section"] canvas')
        .evaluate((c) => c.getBoundingClientRect().toJSON() as { width: number; height: number });
      expect(surface).toEqual({
        width: Math.floor(2 * canvas.width),
        height: Math.floor(2 * canvas.height),
      });
      const chart = await cssSize('svg[data-testid="loss-chart"]');
      const lossPng = await exported(page, 'png-loss');
      expect(pngSize(lossPng.bytes)).toEqual({
        width: Math.round(2 * chart.width),
        height: Math.round(2 * chart.height),
      });
      const svg = (await exported(page, 'svg-loss')).bytes.toString('utf8');
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      // The runs' lines, with the page's styles written on them.
      expect(svg).toMatch(/<(polyline|path)\b[^>]*style="[^"]*stroke-width/);
    },
    TIMEOUT,
  );

  it(
    'exports the grid and the paths as CSV that parses with the right rows',
    async () => {
      const { page } = opened;
      const shown = (await grid(page))!;
      const gridCsv = Papa.parse<string[]>(
        (await exported(page, 'csv-grid')).bytes.toString('utf8').trimEnd(),
      );
      expect(gridCsv.errors).toEqual([]);
      expect(gridCsv.data).toHaveLength(1 + shown.n * shown.n);
      expect(gridCsv.data[0]![2]).toMatch(/^trainLoss \(pca plane\)$/);
      const values = gridCsv.data.slice(1).map((row) => (row[2] === '' ? NaN : Number(row[2])));
      expect(values).toEqual(shown.values);
      const paths = Papa.parse<string[]>(
        (await exported(page, 'csv-paths')).bytes.toString('utf8').trimEnd(),
      );
      expect(paths.errors).toEqual([]);
      const s = await state(page);
      expect(paths.data).toHaveLength(1 + s.trajectories.reduce((n, t) => n + t.length, 0));
      expect(new Set(paths.data.slice(1).map((row) => row[0]))).toEqual(new Set(s.names));
    },
    TIMEOUT,
  );

  it(
    'exports the result as the CLI writes it, and replays it without recomputing',
    async () => {
      const { page } = opened;
      json = await exported(page, 'json');
      expect(json.name).toMatch(/_result\.json$/);
      const result = JSON.parse(json.bytes.toString('utf8')) as ExperimentResult;
      const before = await state(page);
      expect(Object.keys(result)).toEqual([
        'config',
        'view',
        'backend',
        'problem',
        'unavailable',
        'runs',
        'landscape',
      ]);
      expect(result.runs.map((r) => r.name)).toEqual(before.names);
      expect(result.runs[0]!.trajectory.at(-1)!.step).toBe(40);
      expect(result.runs[0]!.trajectory[0]!.theta).toHaveLength(result.problem.parameters);
      const shown = (await grid(page))!;
      expect(result.landscape!.values.trainLoss).toEqual(
        shown.values.map((v) => (Number.isFinite(v) ? v : null)),
      );

      // Reset: the live session starts over (a new landscape), then the file is opened.
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      const file = path.join(dir, json.name);
      await writeFile(file, json.bytes);
      await openResult(page, file);
      const replayed = await until(page, (s) => s.replaying);
      expect(replayed.notice).toContain('Replaying a saved result (no training)');
      expect(replayed.finished).toBe(true);
      expect(replayed.step).toBe(40);
      expect(replayed.historyStep).toBe(40);
      await settled(page);
      const frames = (await state(page)).landscapeFrames;
      await page.waitForTimeout(2000);
      const after = await state(page);
      expect(after.landscapeFrames).toBe(frames);
      expect(after.replaying).toBe(true);
      expect(await grid(page)).toEqual(shown);
      expect(after.trajectories.map((t) => t.length)).toEqual(
        before.trajectories.map((t) => t.length),
      );

      // Exported again while replayed: the same file.
      const again = await exported(page, 'json');
      expect(again.bytes.toString('utf8')).toBe(json.bytes.toString('utf8'));
    },
    TIMEOUT,
  );

  it(
    'names what is wrong with a bad file and keeps what is on screen',
    async () => {
      const { page } = opened;
      const shown = await grid(page);
      await openResult(page, {
        name: 'bad.json',
        buffer: Buffer.from('{"config": {}, "runs": 3}'),
      });
      const message = page.locator('[data-testid="export-message"]');
      await message.waitFor();
      expect(await message.textContent()).toMatch(
        /^Cannot open bad\.json: Not a result file: .*runs/,
      );
      await openResult(page, { name: 'broken.json', buffer: Buffer.from('{"runs": [') });
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="export-message"]')
          ?.textContent?.includes('broken.json'),
      );
      expect(await message.textContent()).toContain('not valid JSON');
      expect((await state(page)).replaying).toBe(true);
      expect(await grid(page)).toEqual(shown);
    },
    TIMEOUT,
  );

  it(
    'opens a result the CLI wrote',
    async () => {
      const { page } = opened;
      const document = path.join(dir, 'document.json');
      const out = path.join(dir, 'cli-result.json');
      await writeFile(
        document,
        JSON.stringify({
          experiment: {
            problem: { kind: 'surface', surface: 'rosenbrock' },
            runs: [
              { name: 'GD', optimizer: 'sgd', lr: 0.001 },
              { optimizer: 'adam', lr: 0.05 },
            ],
            steps: 30,
            recordEvery: 5,
          },
          view: { directions: 'axes', n: 21 },
        }),
      );
      await exec(
        'node',
        ['scripts/run-node.mjs', 'src/cli/main.ts', document, '--out', out, '--quiet'],
        {
          cwd: process.cwd(),
        },
      );
      const written = JSON.parse(await readFile(out, 'utf8')) as ExperimentResult;
      const frames = (await state(page)).landscapeFrames;
      await openResult(page, out);
      const s = await until(page, (st) => st.names.join() === 'GD,Adam');
      expect(s.replaying).toBe(true);
      expect(s.step).toBe(30);
      const shown = (await grid(page))!;
      expect(shown.n).toBe(21);
      expect(shown.values).toEqual(written.landscape!.values.trainLoss!.map((v) => v ?? NaN));
      expect(s.trajectories.map((t) => t.length)).toEqual([7, 7]);
      expect((await state(page)).landscapeFrames).toBe(frames);
    },
    TIMEOUT,
  );

  it(
    'opens a result file dropped on the explorer',
    async () => {
      const { page } = opened;
      const frames = (await state(page)).landscapeFrames;
      const names = (JSON.parse(json.bytes.toString('utf8')) as ExperimentResult).runs.map(
        (r) => r.name,
      );
      await page.evaluate(
        ({ text, name }) => {
          const target = document.querySelector('[data-testid="landscape-section"]')!;
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type: 'application/json' }));
          for (const type of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(
              new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
            );
        },
        { text: json.bytes.toString('utf8'), name: json.name },
      );
      const s = await until(page, (st) => st.names.join() === names.join());
      expect(s.replaying).toBe(true);
      expect(s.step).toBe(40);
      expect(s.landscapeFrames).toBe(frames);
    },
    TIMEOUT,
  );

  it(
    'goes back to live training on Reset',
    async () => {
      const { page } = opened;
      const frames = (await state(page)).landscapeFrames;
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      const s = await until(page, (st) => !st.replaying && st.landscapeFrames > frames);
      expect(s.notice ?? '').not.toContain('Replaying');
      // The replayed file's experiment (the app's export) trains live.
      expect(s.names).toEqual(
        (JSON.parse(json.bytes.toString('utf8')) as ExperimentResult).runs.map((r) => r.name),
      );
      expect(opened.errors).toEqual([]);
    },
    TIMEOUT,
  );
});
