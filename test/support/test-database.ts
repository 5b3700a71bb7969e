import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test databases: global setup migrates one template database; each test file clones it
 * (`CREATE DATABASE … TEMPLATE`), which takes milliseconds and keeps files independent.
 * Works the same against the embedded server and against the server in DATABASE_URL.
 */
export interface TestServer {
  /** URL of the maintenance database (`postgres`) on the server under test. */
  adminUrl: string;
  /** Prefix of every database this run creates, so teardown can drop exactly those. */
  prefix: string;
}

export const TEMPLATE_SUFFIX = '_tpl';

export function testServer(): TestServer {
  const adminUrl = process.env.QOLDAU_TEST_ADMIN_URL;
  const prefix = process.env.QOLDAU_TEST_DB_PREFIX;
  if (!adminUrl || !prefix) throw new Error('e2e tests need the jest global setup (run them with npm test)');
  return { adminUrl, prefix };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const { adminUrl, prefix } = testServer();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${prefix}${TEMPLATE_SUFFIX}"`);
        return;
      } catch (error) {
        // Two files cloning at the same instant can briefly see the template "in use".
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
  return databaseUrl(adminUrl, name);
}
