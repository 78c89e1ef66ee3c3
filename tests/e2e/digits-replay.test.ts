/**
 * "Open result…" of a CLI digits result in the built app: the Digits card shows the file's
 * confusion matrix and misclassified test images (the images from the bundled asset).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import type { ExperimentResult } from '../../src/config/result';
import { openApp, until, TIMEOUT, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const CONFIG = {
  seed: 3,
  problem: { kind: 'mlp', hidden: [16] },
  data: { kind: 'digits', points: 400 },
  runs: [
    { optimizer: 'adam', lr: 0.02 },
    { optimizer: 'sgd', lr: 0.5 },
  ],
  steps: 40,
};

describe('a replayed digits result', () => {
  let opened: Opened;
  let file: string;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lle-digits-replay-'));
    await writeFile(path.join(dir, 'digits.json'), JSON.stringify(CONFIG));
    file = path.join(dir, 'digits-result.json');
    const code = await runCli([path.join(dir, 'digits.json'), '--backend', 'cpu', '--out', file], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: {},
    });
    expect(code).toBe(0);
    opened = await openApp('./?steps=10');
    await until(opened.page, (s) => s.landscape !== null);
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'shows the file’s confusion matrix and misclassified digits',
    async () => {
      const { page } = opened;
      const result = JSON.parse(await readFile(file, 'utf8')) as ExperimentResult;
      const run = result.classification!.runs[0]!;
      await page.setInputFiles('[data-testid="open-result-file"]', file);
      const card = page.getByTestId('digits-card');
      await card.getByTestId('digits-mistakes').waitFor({ timeout: 60_000 });
      expect(await card.getByTestId('digits-summary').textContent()).toContain(
        `At step 40: ${run.name} classifies`,
      );
      expect(await card.getByTestId('digits-summary').textContent()).toContain(
        `(${run.test!.misclassified.length} wrong)`,
      );
      const captions = await card
        .locator('[data-mistake]')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-mistake')!.split('→')[1]));
      expect(captions.map(Number)).toEqual(run.test!.predicted.slice(0, 24));
      await card.screenshot({ path: `${SCREENSHOTS}/digits-card-replayed.png` });
      expect(opened.errors).toEqual([]);
    },
    TIMEOUT,
  );
});
