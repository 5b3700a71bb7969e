// Prints the JavaScript the sign-in page loads first — the entry chunk, the sign-in route's chunk and
// everything they import statically — gzipped, from Vite's manifest, and fails the build over the
// budget: the first page must load fast on a school's or a polyclinic's connection. Run by
// `npm run build:web`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const walk = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) walk(next);
};
walk(Object.keys(manifest).find((key) => manifest[key] === entry));
const signIn = Object.keys(manifest).find((key) => key.endsWith('features/auth/SignInPage.tsx'));
if (!signIn) throw new Error('the sign-in page is not its own chunk any more: check the lazy routes in src/app/App.tsx');
walk(signIn);
let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const gz = gzipSync(readFileSync(join(dist, file))).length;
  total += gz;
  console.log(`  ${file.padEnd(40)} ${(gz / 1024).toFixed(1).padStart(7)} kB gzip`);
}
console.log(`sign-in page JavaScript: ${(total / 1024).toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB * 1024) {
  console.error(`over the ${BUDGET_KB} kB budget`);
  process.exit(1);
}
