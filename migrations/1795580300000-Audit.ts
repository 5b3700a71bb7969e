import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (DESIGN §5): append-only events, sealed into a hash chain with checkpoints.
 * The trigger is the database's own guarantee; docs/operations.md also gives the application a role
 * that can only INSERT (and seal) here.
 */
export class Audit1795580300000 implements MigrationInterface {
  name = 'Audit1795580300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id            BIGSERIAL   NOT NULL,
        at            timestamptz NOT NULL,
        actor_user_id uuid,
        actor_org_id  uuid,
        action        text        NOT NULL,
        resource_type text,
        resource_id   text,
        child_id      uuid,
        outcome       text        NOT NULL,
        reason        text,
        request_id    text,
        ip            text,
        changes       jsonb,
        seal_hash     text,
        CONSTRAINT "PK_audit_events" PRIMARY KEY (id),
        CONSTRAINT "CHK_audit_events_outcome" CHECK (outcome IN ('allowed', 'denied'))
      )`);
    await q.query(`CREATE INDEX "IDX_audit_events_child" ON audit_events (child_id, id)`);
    await q.query(`CREATE INDEX "IDX_audit_events_actor" ON audit_events (actor_user_id, id)`);
    await q.query(`CREATE INDEX "IDX_audit_events_at" ON audit_events (at)`);

    // Append-only: no DELETE, no TRUNCATE, and no UPDATE except the sealing job setting seal_hash once.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.seal_hash IS NULL AND NEW.seal_hash IS NOT NULL
           AND (to_jsonb(NEW) - 'seal_hash') = (to_jsonb(OLD) - 'seal_hash') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE audit_checkpoints (
        id            BIGSERIAL   NOT NULL,
        last_event_id bigint      NOT NULL,
        hash          text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        verified_at   timestamptz,
        CONSTRAINT "PK_audit_checkpoints" PRIMARY KEY (id)
      )`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
