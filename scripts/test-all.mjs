#!/usr/bin/env node
/**
 * `npm test`: every check and every test, then one plain summary line.
 *
 * 1. Debian's Chromium for the browser tests (installed with apt-get when missing and we are root).
 * 2. Static checks: prettier --check, tsc --noEmit, eslint.
 * 3. Vitest, both projects (unit: Node on the cpu and wasm backends; e2e: the built app in headless
 *    Chromium), with a JSON report in test-results/vitest.json.
 * 4. Prints `N passed, N failed[, N skipped]` from that report and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium is missing: installing Debian's package (apt-get install -y chromium).");
    if (run('apt-get', ['update']) !== 0 || run('apt-get', ['install', '-y', 'chromium']) !== 0) {
      console.error('Could not install Chromium with apt-get.');
      process.exit(1);
    }
  } else {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}: run "sudo apt-get install -y chromium".`,
    );
    process.exit(1);
  }
}

const failedChecks = [];
for (const [name, args] of [
  ['format', ['run', 'format:check']],
  ['types', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
]) {
  if (run('npm', args) !== 0) failedChecks.push(name);
}

const report = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
rmSync(report, { force: true });
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // Suites that failed to load count as failures even when no test inside them ran.
  failed += (json.testResults ?? []).filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  ).length;
} else {
  console.error('Vitest wrote no JSON report.');
  failed += 1;
}
if (vitestStatus !== 0 && failed === 0) failed = 1;

console.log('');
if (failedChecks.length) console.log(`static checks failed: ${failedChecks.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedChecks.length > 0 ? 1 : 0);
