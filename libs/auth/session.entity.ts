import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A login session: one refresh-token family. Every access token carries its id (`sid`), so revoking
 * the session ends the refresh tokens and the access tokens issued for it. Times come from the Clock.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_sessions_user')
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: User;

  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Absolute end of the session, however often it is refreshed. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;

  /** Start-up loads the recently revoked ids (see revoked-sessions.ts), hence the index. */
  @Index('IDX_sessions_revoked_at')
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  /** Why: logout, refresh_token_reuse, user_inactive, or what the caller of revokeAllForUser said. */
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason: string | null;
}
