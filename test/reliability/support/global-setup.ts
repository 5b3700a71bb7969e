import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testGlobalSetup from '../../support/global-setup';

const ROOT = join(__dirname, '../../..');
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'web') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The e2e global setup (the server under test: embedded, or DATABASE_URL's; the migrated template
 * database), plus what only this suite needs: the built api (the replica, fault and auth tests run
 * dist/apps/api/src/main.js as separate processes, as production does; rebuilt when a source file is
 * newer than it) and a directory for the run's measurements and captured logs.
 */
export default async function globalSetup(): Promise<void> {
  const stale = !existsSync(API_MAIN) || ['apps', 'libs', 'migrations'].some((dir) => newestSource(join(ROOT, dir)) > statSync(API_MAIN).mtimeMs);
  if (stale) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync('npx', ['tsc-alias', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  }
  await testGlobalSetup();
  process.env.QOLDAU_RELIABILITY_OUT = mkdtempSync(join(tmpdir(), 'qoldau-reliability-'));
  process.env.QOLDAU_RELIABILITY_STARTED = new Date().toISOString();
}
