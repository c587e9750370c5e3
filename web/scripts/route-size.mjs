/* global console, process */
// The JavaScript a first visit to a route downloads, gzipped: the entry chunk, the route's own
// chunk and every chunk they import statically, each counted once. Fails above the budget
// (UI.md: the sign-in route at most 250 KB gzipped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const BUDGET = 250 * 1024;

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const routes = { 'sign-in': 'src/routes/common/SignInPage.tsx', application: 'src/routes/applicant/ApplicationPage.tsx' };
let failed = false;
for (const [name, source] of Object.entries(routes)) {
  const chunks = closure([entry, source]);
  const bytes = [...chunks].reduce((sum, k) => sum + gzipSync(readFileSync(join(dist, manifest[k].file)), { level: 9 }).length, 0);
  const kb = (bytes / 1024).toFixed(1);
  console.log(`${name} route: ${kb} KB of JavaScript gzipped in ${chunks.size} chunks`);
  if (name === 'sign-in' && bytes > BUDGET) {
    console.error(`the sign-in route is over its budget of ${BUDGET / 1024} KB`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
