import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NODE } from './api-process';

const ROOT = join(__dirname, '../../..');

/**
 * A PostgreSQL of the fault tests' own — the embedded server (libs/core/database/embedded-postgres.ts,
 * as built into dist), in a throw-away directory, on a port that stays the same across restarts —
 * never the machine's shared service. Each start runs in a small supervisor process (the
 * embedded-postgres package is ESM, which jest's module registry cannot load); stopping it is a fast
 * shutdown, as an operator's `pg_ctl stop -m fast` or a failover would be.
 */
const SUPERVISOR = `
const { startEmbeddedPostgres } = require(${JSON.stringify(join(ROOT, 'dist/libs/core/database/embedded-postgres.js'))});
const [dataDir, port] = process.argv.slice(1);
startEmbeddedPostgres({ dataDir, port: Number(port), ephemeral: true }).then((db) => {
  process.stdout.write(JSON.stringify({ url: db.url }) + '\\n');
  const stop = () => db.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

export class FaultDatabase {
  url = '';
  private supervisor?: ChildProcess;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<FaultDatabase> {
    const dataDir = mkdtempSync(join(tmpdir(), 'qoldau-faults-'));
    chmodSync(dataDir, 0o755); // the server runs as the postgres OS user
    const db = new FaultDatabase(dataDir, await freePort());
    await db.start();
    return db;
  }

  get running(): boolean {
    return this.supervisor !== undefined && this.supervisor.exitCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(NODE, ['-e', SUPERVISOR, this.dataDir, String(this.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.supervisor = child;
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line).url);
      });
      child.once('exit', (code) => reject(new Error(`embedded PostgreSQL did not start (${code}): ${stderr}`)));
    });
  }

  /** Fast shutdown; resolves once the server is gone. */
  async stop(): Promise<void> {
    const child = this.supervisor;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.supervisor = undefined;
  }

  /** The postmaster and every backend and auxiliary process it started. */
  private processes(): number[] {
    const pidFile = join(this.dataDir, 'pg', 'postmaster.pid');
    if (!existsSync(pidFile)) throw new Error('the fault database is not running');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n').map((s) => Number(s.trim())).filter((pid) => pid > 0);
    return [postmaster, ...children];
  }

  /** SIGSTOP on the postmaster and its children: a server that accepts TCP connections and never answers. */
  freeze(): number[] {
    const pids = this.processes();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    return pids;
  }

  thaw(pids: number[]): void {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // a backend that ended while frozen (its client gave up)
      }
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
