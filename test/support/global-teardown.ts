import { withAdminClient } from './test-database';

/** Drops every database this run created, then stops the embedded server if we started one. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.QOLDAU_TEST_ADMIN_URL;
  const prefix = process.env.QOLDAU_TEST_DB_PREFIX;
  if (adminUrl && prefix && process.env.DATABASE_URL) {
    await withAdminClient(adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  }
  await globalThis.__QOLDAU_STOP_DB__?.();
}
