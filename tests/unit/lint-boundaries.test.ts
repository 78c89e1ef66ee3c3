/**
 * The layer zones of eslint.config.js catch what they are for: page code importing the engine (or
 * tfjs), protocol/ holding values. The planted sources are linted as if they lived at those paths.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message.split('.')[0]}`);
}

describe('lint zones', () => {
  it('page code importing engine/, worker/ or tfjs fails lint', async () => {
    const planted = [
      "import { tf } from '../engine/tf';",
      "import { ComputeSession } from '../worker/session';",
      "import * as core from '@tensorflow/tfjs-core';",
      'export const used = [tf, ComputeSession, core];',
    ].join('\n');
    for (const folder of ['widget', 'ui', 'scene', 'state', 'client', 'app']) {
      const ids = await ruleIds(`src/${folder}/planted.ts`, planted);
      expect(ids.filter((id) => id.startsWith('no-restricted-imports'))).toHaveLength(3);
    }
  }, 60_000);

  it('the same imports are allowed in the worker, and protocol/ may hold types only', async () => {
    const ok = "import { tf } from '../engine/tf';\nexport const used = tf;\n";
    expect(await ruleIds('src/worker/planted.ts', ok)).toEqual([]);
    const values =
      "import { DEFAULT_VIEW } from '../config/view';\nexport const view = DEFAULT_VIEW;\n";
    const ids = await ruleIds('src/protocol/planted.ts', values);
    expect(ids).toEqual([
      'no-restricted-syntax: protocol/ holds types only: use `import type`',
      'no-restricted-syntax: protocol/ holds types only: no values',
    ]);
    const types = "import type { ViewSpec } from '../config/view';\nexport type View = ViewSpec;\n";
    expect(await ruleIds('src/protocol/planted.ts', types)).toEqual([]);
  }, 60_000);
});
