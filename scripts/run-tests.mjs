// Runs vitest and ends with one plain "N passed, N failed" line, which CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { stdio: 'inherit' },
);
let summary;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  summary = `${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests + json.numTodoTests} skipped`;
  if (json.numTotalTests === 0) run.status = 1;
} catch {
  summary = '0 passed, 1 failed';
}
console.log(`tests: ${summary}`);
process.exit(run.status ?? 1);
