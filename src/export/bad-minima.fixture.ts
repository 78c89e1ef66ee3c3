/**
 * A CLI result with a `badMinima` block on three classes (a 2-8-3 tanh MLP on the 3-arm spiral,
 * so the block holds categorical decision maps, per-class accuracy and a plane), computed
 * in-process on the cpu backend (a few seconds).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/cli';

export const BAD_MINIMA_DOCUMENT = {
  experiment: {
    seed: 4,
    problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
    data: { kind: 'spiral3', points: 45, testFraction: 1 / 3 },
    runs: [{ optimizer: 'adam', lr: 0.05, name: 'Adam' }],
    steps: 40,
    recordEvery: 10,
    badMinima: {
      checkpoints: [0, 1],
      steps: 40,
      checkEvery: 20,
      n: 5,
      eigenIterations: 4,
    },
  },
  view: { directions: 'pca', n: 5 },
};

/** The CLI's output text for `BAD_MINIMA_DOCUMENT`. */
export async function badMinimaCliText(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lle-bad-minima-'));
  const file = path.join(dir, 'document.json');
  await writeFile(file, JSON.stringify(BAD_MINIMA_DOCUMENT));
  let stdout = '';
  let stderr = '';
  const code = await runCli([file, '--backend', 'cpu', '--quiet'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
  });
  if (code !== 0) throw new Error(`the CLI failed (${code}): ${stderr}`);
  return stdout.trimEnd();
}
