// `npm start` runs this first: builds packages/web with Vite when its dist is missing or older
// than any of its sources (or the SDK, crypto and protocol it bundles), so the server always
// serves the app as the tree is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'packages/web';
const built = join(web, 'dist', 'index.html');
const sources = [
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  'packages/sdk/src',
  'packages/crypto/src',
  'packages/protocol/src',
  'package-lock.json',
  'scripts/build-web.mjs',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt > changedAt) {
  console.log('web app: dist is up to date');
  process.exit(0);
}
console.log('web app: building packages/web …');
// NODE_ENV decides which React Vite bundles; a caller's NODE_ENV=test (vitest) would give the
// development build, so the app is always built for production here.
const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(run.status ?? 1);
