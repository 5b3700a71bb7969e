// A PostgreSQL of one test's own, in its own process: `node throwaway-postgres-server.mjs <dataDir> [port]`
// starts the embedded server (libs/core/database/embedded-postgres.ts, the one `npm start` uses) under
// <dataDir>, prints one JSON line {"url": …}, and stops it when stdin says "stop" or closes. Its own
// process because jest's module registry cannot load the ESM-only embedded-postgres package.
import { createInterface } from 'node:readline';

const { startEmbeddedPostgres } = await import('../../libs/core/database/embedded-postgres.ts');
const [dataDir, port] = process.argv.slice(2);
const database = await startEmbeddedPostgres({ dataDir, ephemeral: true, port: port ? Number(port) : undefined });
process.stdout.write(JSON.stringify({ url: database.url }) + '\n');
let stopping;
const stop = () => (stopping ??= database.stop().then(() => process.exit(0)));
createInterface({ input: process.stdin }).on('line', (line) => line.trim() === 'stop' && stop()).on('close', stop);
