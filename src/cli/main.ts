/**
 * Headless experiments: `npm run cli -- <config.json> [--out result.json] [--backend wasm|cpu]
 * [--quiet] [--budget-mb N] [--max-operations N]`. See `cli.ts` for what it does and its exit
 * statuses. Anything that escapes `runCli` is still reported as one line (the stack only with
 * LLE_DEBUG=1).
 */
import { escapeControlCharacters } from '../config/text';
import { runCli } from './cli';

const debug = process.env.LLE_DEBUG === '1';
const fatal = (error: unknown): void => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Internal error: ${escapeControlCharacters(message.split('\n')[0]!)}`);
  if (debug && error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 3;
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => console.error(text),
    env: process.env,
  });
} catch (error) {
  fatal(error);
}
