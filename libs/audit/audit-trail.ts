import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Actor } from '@qoldau/auth';
import { CLS_CLIENT_IP } from '@qoldau/core';
import { AuditOrigin, AuditWriter } from './audit-writer';
import type { AuditEventInput, AuditNote, Changes } from './audit.types';

const NOTE_KEY = 'qoldau:audit-note';
const ORIGIN_KEY = 'qoldau:audit-origin';

/**
 * What use cases tell the audit trail. The AuditInterceptor writes one event per request from the
 * route's action plus these notes; `record` adds further events (e.g. both children of a merge) in the
 * same transaction. Outside a request (jobs), `record` is the only way and the origin is the system.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly cls: ClsService,
    private readonly writer: AuditWriter,
  ) {}

  note(note: AuditNote): void {
    if (!this.cls.isActive()) return;
    const current = this.cls.get<AuditNote>(NOTE_KEY) ?? {};
    this.cls.set(NOTE_KEY, { ...current, ...note, changes: note.changes ? { ...current.changes, ...note.changes } : current.changes });
  }

  /**
   * Hands over what has been noted so far and forgets it: an import applies many rows in one
   * transaction and records one event per batch, not the merged notes of every row.
   */
  take(): AuditNote {
    const note = this.current();
    if (this.cls.isActive()) this.cls.set(NOTE_KEY, undefined);
    return note;
  }

  current(): AuditNote {
    return (this.cls.isActive() && this.cls.get<AuditNote>(NOTE_KEY)) || {};
  }

  /**
   * The end of a use case run by a job or an import (UseCaseRunner): what it noted becomes one event
   * under the job's action, in its transaction, as the HTTP interceptor does for a request.
   */
  async flush(action: string): Promise<void> {
    const note = this.current();
    if (Object.keys(note).length === 0) return;
    this.cls.set(NOTE_KEY, undefined);
    await this.record({ ...note, action, outcome: 'allowed', operation: note.changes && Object.keys(note.changes).length ? 'change' : 'read' });
  }

  async record(event: AuditEventInput): Promise<void> {
    await this.writer.write(event, this.origin());
  }

  /** Set by the interceptor at the start of each audited request. */
  setOrigin(actor: Actor | undefined, requestId: string | null, ip: string | null): void {
    this.cls.set<AuditOrigin>(ORIGIN_KEY, { actorUserId: actor?.userId ?? null, actorOrgId: actor?.orgId ?? null, requestId, ip });
  }

  origin(): AuditOrigin {
    if (!this.cls.isActive()) return { actorUserId: null, actorOrgId: null, requestId: null, ip: null };
    return (
      this.cls.get<AuditOrigin>(ORIGIN_KEY) ?? {
        actorUserId: null,
        actorOrgId: null,
        requestId: this.cls.getId() || null,
        ip: this.cls.get<string | null>(CLS_CLIENT_IP) ?? null,
      }
    );
  }
}

/**
 * A field-level diff for the trail. Fields named in `personal` are recorded by name only: the auditor
 * may see that a name changed, not what it was or became.
 */
export function diff<T extends object>(before: T, after: Partial<T>, personal: readonly (keyof T & string)[] = []): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const from = before[key];
    const to = after[key];
    if (to === undefined || JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = personal.includes(key) ? {} : { from: from ?? null, to: to ?? null };
  }
  return changes;
}
