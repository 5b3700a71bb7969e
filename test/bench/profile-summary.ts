import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `node dist/test/bench/profile-summary.js <dir>`: self time of the api's --cpu-prof profiles (written
 * by `npm run bench -- --cpu-prof`) by package (node_modules/<name>), our own code (libs/…, apps/…) and
 * the runtime, to see where a request's CPU goes.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/(libs\/[^/]+|apps\/[^/]+)/.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url ? 'other' : '(runtime: GC, idle, native)';
}

const dir = process.argv[2];
const totals = new Map<string, number>();
const functions = new Map<string, number>();
let all = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const sample of profile.samples) {
    const node = byId.get(sample);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    all++;
    const key = owner(node.callFrame.url);
    totals.set(key, (totals.get(key) ?? 0) + 1);
    const fn = `${key}: ${node.callFrame.functionName || '(anonymous)'}`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / all).toFixed(1).padStart(5)} %  ${k}`);
process.stdout.write(`busy samples: ${all}\n\nby owner:\n${top(totals, 15).join('\n')}\n\nby function:\n${top(functions, 20).join('\n')}\n`);
