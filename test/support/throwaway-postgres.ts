import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway embedded PostgreSQL under `dataDir` (on `port` when given, so a restarted server
 * keeps its address) in a child process; for tests that stop, restart or freeze their database.
 * Never the machine's shared server.
 */
export async function startThrowawayPostgres(dataDir: string, port?: number): Promise<ThrowawayPostgres> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(__dirname, 'throwaway-postgres-server.mjs'), dataDir, ...(port ? [String(port)] : [])], {
    stdio: 'pipe',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`throwaway PostgreSQL exited ${code}: ${stderr.slice(-500)}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.stdin.end('stop\n');
      await exited;
    },
  };
}
