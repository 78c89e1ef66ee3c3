#!/usr/bin/env node
/**
 * Audits the runtime dependencies (`npm audit --omit=dev`) where the registry offers audits.
 * Fails on a high or critical advisory; says so and passes when the registry has no audit
 * endpoint (a mirror that answers 405, no network).
 */
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? run.stderr.split('\n')[0] ?? 'no answer';
  console.log(`npm audit: not available from this registry (${why}); skipped`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm audit (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ` +
    `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
process.exit(serious > 0 ? 1 : 0);
