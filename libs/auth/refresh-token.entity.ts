import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from './session.entity';

/**
 * One opaque refresh token of a session. Only its SHA-256 is stored: the token is 256 random bits, so
 * a fast hash is enough (no dictionary to attack) and a database leak yields nothing usable. A token
 * is used once: refreshing marks it rotated and issues the next one of the same family.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_refresh_tokens_session')
  @Column({ name: 'session_id', type: 'uuid' }) sessionId: string;
  @ManyToOne(() => Session, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: Session;

  @Index('IDX_refresh_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash: Buffer;

  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt: Date;
  /** Idle expiry: issued_at + 7 days, never past the session's own expiry. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  /** Set when exchanged for the next token; presenting it again is reuse and revokes the session. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true }) rotatedAt: Date | null;
}
