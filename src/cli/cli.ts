/**
 * The headless experiment runner behind `npm run cli -- <config.json> [options]`: reads a config,
 * validates it, checks its resources against a budget before anything is allocated, trains every
 * run on the chosen tfjs backend and writes the result JSON (see `ExperimentResult`; NaN values,
 * such as the test metrics of an empty test split, are null there, with the reason in
 * `unavailable`).
 *
 * The file is the app's document (`{ experiment, view, display }`, see `config/app.ts`; any of
 * the three keys makes it one): then the result's `landscape` is the one the app shows for it when
 * training has finished (`landscapeSpecFor` of the view, for every recorded snapshot), and the
 * experiment's own `landscape` is not used. Any other file is an experiment, as it always was.
 *
 * Exit status: 0 done; 1 the config is invalid or too large (one line per problem, naming the
 * field); 2 bad arguments or an unreadable file; 3 an internal error (one line; the stack only with
 * LLE_DEBUG=1). User errors never print a stack trace, and every text taken from the input is
 * printed with its control characters escaped.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hasDocumentSection, parseAppConfig, type ViewConfig } from '../config/app';
import { ConfigError, ConfigSyntaxError, parseConfig, parseConfigJson } from '../config/parse';
import { LandscapeSchema } from '../config/schema';
import type { ExperimentConfig } from '../config/schema';
import { escapeControlCharacters, shortText } from '../config/text';
import type { Snapshot } from '../engine/train/trainer';
import { checkTheta0 } from '../experiment/build';
import { checkViewPlane } from '../experiment/view';
import {
  DEFAULT_BUDGET,
  bytesText,
  checkResources,
  cliResourceOptions,
  type ResourceBudget,
  type ResourceEstimate,
} from '../experiment/resources';
import { runExperiment, type ExperimentResult, type RunOptions } from '../experiment/run';
import { useNodeBackend, type NodeBackendName } from '../node/backend';
import type { ExperimentLandscape } from '../experiment/landscape';
import { wantsSurfaceFiles, writeSurfaceFiles, type SurfaceFileTargets } from './surface-files';

export const USAGE =
  'usage: npm run cli -- <config.json> [--out result.json] [--backend wasm|cpu] [--quiet]\n' +
  '         [--budget-mb N (default 1500)] [--max-operations N (default 5e12)]\n' +
  '         [--hdf5 surface.h5] [--plane plane.json] [--vtk surface.vtp]';

/** Config files larger than this are refused before they are read. */
export const MAX_CONFIG_BYTES = 64 * 2 ** 20;
/** Longest message taken from an exception (JSON.parse quotes the file in its messages). */
const MAX_MESSAGE_CHARS = 300;

/** Where the CLI writes, and what it reads from its environment (replaceable in tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Runs the experiment (default: `runExperiment` on the chosen Node backend). */
  run?(
    config: ExperimentConfig,
    backend: NodeBackendName,
    onSnapshot: (s: Snapshot) => void,
    options?: RunOptions,
  ): Promise<ExperimentResult>;
}

interface CliArgs {
  configPath: string;
  out: string | null;
  backend: NodeBackendName;
  quiet: boolean;
  budget: ResourceBudget;
  /** The landscape's surface files (`surface-files.ts`). */
  surfaceFiles: SurfaceFileTargets;
}

/** A mistake in the command line or the input file (exit status 2). */
class UsageError extends Error {}

function positiveNumber(option: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !(value > 0 && value <= max)) {
    throw new UsageError(
      `${option} must be a number > 0 and ≤ ${max}, got ${text === undefined ? 'nothing' : shortText(text, 40)}`,
    );
  }
  return value;
}

function parseArgs(argv: readonly string[]): CliArgs {
  let configPath: string | null = null;
  let out: string | null = null;
  let backend: NodeBackendName = 'wasm';
  let quiet = false;
  const budget = { ...DEFAULT_BUDGET };
  const surfaceFiles: SurfaceFileTargets = { hdf5: null, plane: null, vtk: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--hdf5' || arg === '--plane' || arg === '--vtk') {
      const file = argv[++i];
      if (file === undefined) throw new UsageError(`${arg} needs a file name\n${USAGE}`);
      surfaceFiles[arg.slice(2) as keyof SurfaceFileTargets] = file;
    } else if (arg === '--out') {
      out = argv[++i] ?? null;
      if (out === null) throw new UsageError(`--out needs a file name\n${USAGE}`);
    } else if (arg === '--backend') {
      const b = argv[++i];
      if (b !== 'wasm' && b !== 'cpu')
        throw new UsageError(
          `--backend must be wasm or cpu, got ${b === undefined ? 'nothing' : shortText(b, 40)}`,
        );
      backend = b;
    } else if (arg === '--budget-mb') budget.bytes = positiveNumber(arg, argv[++i], 1e9) * 1e6;
    else if (arg === '--max-operations') budget.flops = positiveNumber(arg, argv[++i], 1e18);
    else if (arg === '--quiet') quiet = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else if (arg.startsWith('--'))
      throw new UsageError(`unknown option ${shortText(arg, 40)}\n${USAGE}`);
    else configPath = arg;
  }
  if (!configPath) throw new UsageError(USAGE);
  return { configPath, out, backend, quiet, budget, surfaceFiles };
}

/** An exception's message as one short line with control characters escaped. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return shortText(text.replace(/\s*\n\s*/g, ' '), MAX_MESSAGE_CHARS);
}

/** Reads the config file's text; throws `UsageError` with the reason. */
async function readConfigText(file: string): Promise<string> {
  try {
    const { size } = await stat(file);
    if (size > MAX_CONFIG_BYTES) {
      throw new UsageError(
        `the file has ${bytesText(size)}; a config may have at most ${bytesText(MAX_CONFIG_BYTES)}`,
      );
    }
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(oneLine(e));
  }
}

function describeEstimate(e: ResourceEstimate): string {
  return `estimate: ${bytesText(e.bytes)} of memory, ${e.flops.toExponential(1).replace('e+', 'e')} floating-point operations`;
}

/** Runs the CLI on `argv` (the arguments after the script); returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = io.env.LLE_DEBUG === '1';
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(oneLineOrUsage(e));
    return 2;
  }
  const log = (text: string) => {
    if (!args.quiet) io.stderr(text);
  };
  try {
    const name = shortText(args.configPath, 200);
    let config: ExperimentConfig;
    let view: ViewConfig | undefined;
    try {
      const raw = parseConfigJson(await readConfigText(args.configPath));
      if (hasDocumentSection(raw)) ({ experiment: config, view } = parseAppConfig(raw));
      else config = parseConfig(raw);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`Cannot read ${name}: ${e.message}`);
        return 2;
      }
      if (e instanceof ConfigSyntaxError) {
        io.stderr(`Cannot read ${name}: not valid JSON: ${e.reason}`);
        return 2;
      }
      throw e;
    }
    const estimate = inDocument(view !== undefined, () => {
      checkTheta0(config);
      if (view) checkViewPlane(config, view);
      // A document's landscape is its view's: the view's grid and metric are what is computed.
      const resources = view
        ? { ...config, landscape: LandscapeSchema.parse({ n: view.n, metrics: [view.metric] }) }
        : config;
      return checkResources(resources, args.budget, cliResourceOptions(args.backend));
    });
    log(describeEstimate(estimate));
    if (wantsSurfaceFiles(args.surfaceFiles) && !view && !config.landscape) {
      io.stderr(
        `Cannot write --hdf5, --plane or --vtk: ${name} computes no landscape (give the experiment a landscape block, or use a document, whose view is computed)`,
      );
      return 2;
    }
    // The computed landscape (its plane's vectors and ranges), kept for the surface files.
    const computed: { landscape: ExperimentLandscape | null } = { landscape: null };
    const run = io.run ?? defaultRun;
    const result = await run(
      config,
      args.backend,
      (s) => {
        if (s.step === 0 || s.step === config.steps || s.step % (config.recordEvery * 10) === 0) {
          log(`step ${s.step}: ${Array.from(s.trainLoss, (l) => l.toPrecision(4)).join('  ')}`);
        }
      },
      { ...(view ? { view } : {}), onLandscape: (l) => (computed.landscape = l) },
    );
    for (const [metric, reason] of Object.entries(result.unavailable)) {
      log(`${metric}: unavailable (${escapeControlCharacters(reason)}); null in the result`);
    }
    for (const r of result.runs) {
      const last = r.trajectory[r.trajectory.length - 1]!;
      log(
        `${escapeControlCharacters(r.name)}: train loss ${last.trainLoss.toPrecision(4)}${r.diverged ? ` (diverged at step ${r.divergedAt})` : ''}`,
      );
    }
    const json = JSON.stringify(result);
    if (args.out) await writeFile(args.out, json);
    else io.stdout(json + '\n');
    if (wantsSurfaceFiles(args.surfaceFiles) && computed.landscape && result.landscape) {
      const lines = await writeSurfaceFiles(args.surfaceFiles, result, computed.landscape);
      for (const line of lines) log(line);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(e.message);
      return 1;
    }
    io.stderr(`Internal error: ${oneLine(e)}`);
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack);
    return 3;
  }
}

/**
 * Runs a check whose `ConfigError` names the experiment's fields (`runs[0].theta0`,
 * `landscape.n`); in a document they are named from its root (`experiment.runs[0].theta0`,
 * `view.n`: a document's landscape grid is its view's).
 */
function inDocument<T>(document: boolean, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!document || !(e instanceof ConfigError)) throw e;
    throw new ConfigError(e.problems.map(documentPaths));
  }
}

/** "steps: …; lower steps to ≤ 9" → "experiment.steps: …; lower experiment.steps to ≤ 9". */
export function documentPaths(line: string): string {
  const field = /^[\w.[\]]+(?=:)/.exec(line)?.[0];
  if (field === undefined) return line;
  const rest = line
    .slice(field.length)
    .replace(/\blandscape\.n\b/g, 'view.n')
    .replace(
      /\b(raise|lower|or) (steps|recordEvery|data\.points|data\.features)\b/g,
      '$1 experiment.$2',
    );
  const head = /^landscape\b/.test(field)
    ? field.replace(/^landscape(\.n)?/, (_, n: string | undefined) => (n ? 'view.n' : 'view'))
    : `experiment.${field}`;
  return head + rest;
}

function oneLineOrUsage(e: unknown): string {
  // Usage text has its own line breaks; other messages are one line.
  return e instanceof UsageError ? e.message : `Internal error: ${oneLine(e)}`;
}

async function defaultRun(
  config: ExperimentConfig,
  backend: NodeBackendName,
  onSnapshot: (s: Snapshot) => void,
  options: RunOptions = {},
): Promise<ExperimentResult> {
  await useNodeBackend(backend);
  return runExperiment(config, backend, onSnapshot, options);
}
