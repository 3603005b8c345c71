// Gzipped size of the JS each app needs before its first screen shows: the entry chunk, the
// app's lazy chunk (kids' or grown-ups') and everything they import statically. Reads Vite's
// build manifest, so run `vite build` first. Prints JSON (used by `npm run bench`).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const find = (suffix) => Object.keys(manifest).find((k) => k.endsWith(suffix));
const apps = {
  kid: find('src/kid/kid-app.tsx'),
  grownUps: find('src/grown-ups/grown-ups-app.tsx'),
};
const result = {};
// The SDK (MLS included) is loaded by the app right after it starts, before sign-in shows.
const sdk = find('sdk/src/index.ts');
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
for (const [name, key] of Object.entries(apps)) {
  const files = closure([entry, key]);
  result[name] = {
    initialJsGzipBytes: sum(files),
    withSdkJsGzipBytes: sum(closure([entry, key, sdk])),
    files,
  };
}
const all = Object.values(manifest)
  .map((m) => m.file)
  .filter((f) => f.endsWith('.js'));
result.totalJsGzipBytes = [...new Set(all)].reduce((n, f) => n + gz(f), 0);
console.log(JSON.stringify(result, null, 2));
