/**
 * Test helpers for result files the CLI wrote: the CLI's output for a document (run in-process on
 * the cpu backend), and a result read back and written again as the explorer's "Export result"
 * would, with the analysis blocks a test names.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/cli';
import { encodeResult, resultJson, type ResultSources } from './result';
import type { parseResultText } from './result';
import { recordedOf, replayOf } from './replay';

/** What the CLI did with `document` ({ experiment, view }): its exit code, stdout and stderr. */
export async function runCliOn(
  document: unknown,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lle-cli-result-'));
  const file = path.join(dir, 'document.json');
  await writeFile(file, JSON.stringify(document));
  let stdout = '';
  let stderr = '';
  const code = await runCli([file, '--backend', 'cpu', '--quiet'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
  });
  return { code, stdout, stderr };
}

/** The CLI's output text (a result file) for `document` ({ experiment, view }). */
export async function cliResultText(document: object): Promise<string> {
  const { code, stdout, stderr } = await runCliOn(document);
  if (code !== 0) throw new Error(`the CLI failed (${code}): ${stderr}`);
  return stdout.trimEnd();
}

/** The analysis blocks a re-export carries (what a replayed file holds). */
type AnalysisBlocks = Omit<
  ResultSources,
  | 'recorded'
  | 'divergedAt'
  | 'backend'
  | 'view'
  | 'landscape'
  | 'plane'
  | 'trajectories'
  | 'offPlane'
>;

/** The text "Export result" writes for a result read back from a file, with `blocks` added. */
export function reexportedText(
  result: ReturnType<typeof parseResultText>,
  blocks: AnalysisBlocks,
): string {
  const replay = replayOf(result);
  return resultJson(
    encodeResult({
      recorded: recordedOf(result),
      divergedAt: replay.divergedAt,
      backend: result.backend,
      view: replay.view,
      landscape: replay.landscape,
      plane: replay.plane,
      trajectories: replay.trajectories,
      offPlane: replay.offPlane,
      ...blocks,
    }),
  );
}
