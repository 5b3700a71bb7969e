import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited act (DESIGN §5). Append-only: a trigger rejects UPDATE and DELETE, except the sealing
 * job's one-time setting of `seal_hash`. No foreign keys: the trail must outlive what it describes.
 */
@Entity('audit_events')
@Check('CHK_audit_events_outcome', `outcome IN ('allowed', 'denied')`)
@Index('IDX_audit_events_child', ['childId', 'id'])
@Index('IDX_audit_events_actor', ['actorUserId', 'id'])
@Index('IDX_audit_events_at', ['at'])
@Index('IDX_audit_events_lookups', ['actorUserId', 'action', 'at'], { where: `outcome = 'allowed' AND action IN ('child.search', 'child.lookup_by_iin')` })
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_events' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true }) actorOrgId: string | null;
  @Column({ type: 'text' }) action: string;
  /** 'read' for GET routes, 'change' for the rest: lets the access log tell reading from changing. */
  @Column({ type: 'text', nullable: true }) operation: 'read' | 'change' | null;
  @Column({ name: 'resource_type', type: 'text', nullable: true }) resourceType: string | null;
  @Column({ name: 'resource_id', type: 'text', nullable: true }) resourceId: string | null;
  @Column({ name: 'child_id', type: 'uuid', nullable: true }) childId: string | null;
  @Column({ type: 'text' }) outcome: 'allowed' | 'denied';
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'jsonb', nullable: true }) changes: Record<string, unknown> | null;
  /** sha256(previous seal_hash || canonical row), set once by the sealing job, in id order. */
  @Column({ name: 'seal_hash', type: 'text', nullable: true }) sealHash: string | null;
}

/** A point in the sealed chain: verification restarts from the last verified one. */
@Entity('audit_checkpoints')
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_checkpoints' }) id: string;
  @Column({ name: 'last_event_id', type: 'bigint' }) lastEventId: string;
  @Column({ type: 'text' }) hash: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
}
