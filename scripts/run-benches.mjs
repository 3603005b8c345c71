// `npm run bench`: runs every package's benchmark and prints one JSON object.
// Extra arguments (e.g. --pin) are passed to each benchmark.
import { spawnSync } from 'node:child_process';

const packages = ['packages/server', 'packages/crypto', 'packages/web'];
const out = {};
for (const pkg of packages) {
  const run = spawnSync(
    'npm',
    ['run', '--silent', 'bench', '-w', pkg, '--', ...process.argv.slice(2)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) {
    console.error(`bench failed in ${pkg}`);
    process.exit(run.status ?? 1);
  }
  out[pkg.split('/')[1]] = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
}
console.log(JSON.stringify(out, null, 2));
