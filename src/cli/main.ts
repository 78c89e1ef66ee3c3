/**
 * Headless experiments: `npm run cli -- <config.json> [--out result.json] [--backend wasm|cpu]`.
 * Reads a config (see README, "Config"), trains every run on the chosen tfjs backend and writes
 * the result JSON (trajectories, losses, divergence flags) to --out or standard output.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { ConfigError, parseConfig } from '../config/parse';
import { runExperiment } from '../experiment/run';
import { useNodeBackend, type NodeBackendName } from '../node/backend';

const USAGE =
  'usage: npm run cli -- <config.json> [--out result.json] [--backend wasm|cpu] [--quiet]';

interface CliArgs {
  configPath: string;
  out: string | null;
  backend: NodeBackendName;
  quiet: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  let configPath: string | null = null;
  let out: string | null = null;
  let backend: NodeBackendName = 'wasm';
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') out = argv[++i] ?? null;
    else if (arg === '--backend') {
      const b = argv[++i];
      if (b !== 'wasm' && b !== 'cpu')
        throw new Error(`--backend must be wasm or cpu, got ${b ?? 'nothing'}`);
      backend = b;
    } else if (arg === '--quiet') quiet = true;
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else configPath = arg;
  }
  if (!configPath) throw new Error(USAGE);
  return { configPath, out, backend, quiet };
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(args.configPath, 'utf8'));
  } catch (e) {
    console.error(`Cannot read ${args.configPath}: ${(e as Error).message}`);
    return 2;
  }
  try {
    const config = parseConfig(raw);
    await useNodeBackend(args.backend);
    const log = (text: string) => {
      if (!args.quiet) console.error(text);
    };
    const result = await runExperiment(config, args.backend, (s) => {
      if (s.step === 0 || s.step === config.steps || s.step % (config.recordEvery * 10) === 0) {
        log(`step ${s.step}: ${Array.from(s.trainLoss, (l) => l.toPrecision(4)).join('  ')}`);
      }
    });
    for (const run of result.runs) {
      const last = run.trajectory[run.trajectory.length - 1]!;
      log(
        `${run.name}: train loss ${last.trainLoss.toPrecision(4)}${run.diverged ? ` (diverged at step ${run.divergedAt})` : ''}`,
      );
    }
    const json = JSON.stringify(result);
    if (args.out) await writeFile(args.out, json);
    else process.stdout.write(json + '\n');
    return 0;
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : `Error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

process.exitCode = await main();
