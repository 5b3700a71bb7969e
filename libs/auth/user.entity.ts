import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A person who signs in. Belongs to one organisation (none only for the national bootstrap admin). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ name: 'full_name', type: 'text' }) fullName: string;
  @Column({ name: 'org_id', type: 'uuid', nullable: true }) orgId: string | null;
  /** Named, not imported: organisations are owned by libs/organizations, which depends on this lib. */
  @ManyToOne('Organization', { nullable: true })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_users_organization' })
  organization?: unknown;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) roles: string[];
  @Column({ type: 'text', default: 'kk' }) locale: string;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  /** Failed logins in the current lockout window (see lockout.ts). */
  @Column({ name: 'failed_logins', type: 'int', default: 0 }) failedLogins: number;
  /** When the current window of failed logins began; null when there is none. */
  @Column({ name: 'failed_logins_since', type: 'timestamptz', nullable: true }) failedLoginsSince: Date | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
