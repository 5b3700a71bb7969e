import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login sessions (refresh-token families) and their single-use refresh tokens, stored as SHA-256 only;
 * and the start of the current window of failed logins, for the lockout rule. See docs/auth.md.
 */
export class Sessions1795580200000 implements MigrationInterface {
  name = 'Sessions1795580200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        user_id        uuid        NOT NULL,
        created_at     timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text,
        CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY (id),
        CONSTRAINT "FK_sessions_user" FOREIGN KEY (user_id) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX "IDX_sessions_user" ON sessions (user_id)`);
    await q.query(`CREATE INDEX "IDX_sessions_revoked_at" ON sessions (revoked_at)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        session_id uuid        NOT NULL,
        token_hash bytea       NOT NULL,
        issued_at  timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY (id),
        CONSTRAINT "FK_refresh_tokens_session" FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_session" ON refresh_tokens (session_id)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_refresh_tokens_token_hash" ON refresh_tokens (token_hash)`);

    await q.query(`ALTER TABLE users ADD COLUMN failed_logins_since timestamptz`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
