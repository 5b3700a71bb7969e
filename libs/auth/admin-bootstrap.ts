import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type RuntimeConfig } from '@qoldau/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';

export const BOOTSTRAP_ADMIN = 'admin';

/**
 * On the first start of an empty database, creates the national `admin` user. Its password is
 * QOLDAU_ADMIN_PASSWORD, or generated and printed once to stdout (never to the log stream, and never
 * again: a later start finds the user and does nothing).
 */
@Injectable()
export class AdminBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Called by the api factory once the schema is migrated (not by CLIs such as migrate). */
  async ensureAdmin(): Promise<void> {
    const existing = await this.db.query(`SELECT 1 FROM users WHERE username = $1`, [BOOTSTRAP_ADMIN]);
    if (existing.length > 0) return;
    const generated = this.config.adminPassword === undefined;
    const password = this.config.adminPassword ?? randomBytes(15).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    // ON CONFLICT: two replicas starting together must not both create (or both print).
    const inserted = await this.db.query(
      `INSERT INTO users (username, password_hash, full_name, roles, locale)
       VALUES ($1, $2, 'Qoldau administrator', ARRAY['admin'], 'kk')
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [BOOTSTRAP_ADMIN, passwordHash],
    );
    if (inserted.length > 0 && generated) {
      process.stdout.write(
        `\n  Qoldau bootstrap administrator created.\n  username: ${BOOTSTRAP_ADMIN}\n  password: ${password}\n  This password is shown once. Sign in and change it.\n\n`,
      );
    }
  }
}
