import { Injectable } from '@nestjs/common';
import { decodeCursor, InvalidInputError, Page, SqlRepository, toPage } from '@qoldau/core';
import type { EpisodeView, SessionView } from '../dto/referral.dto';

export interface EpisodeRecord {
  id: string;
  referralId: string;
  childId: string;
  orgId: string;
  startedOn: string;
  endedOn: string | null;
  sessions: number;
}

interface EpisodeRow {
  id: string;
  referral_id: string;
  child_id: string;
  org_id: string;
  service_type: string;
  funding: string;
  started_on: string;
  ended_on: string | null;
  sessions: number;
  attended_sessions: number;
  outcome: string | null;
  outcome_summary: string | null;
  version: number;
}

interface SessionRow {
  id: string;
  episode_id: string;
  date: string;
  duration_minutes: number;
  attended: boolean;
  recorded_at: Date;
}

const EPISODE_SELECT = `
  SELECT e.id, e.referral_id, e.child_id, e.org_id, r.service_type, e.funding, to_char(e.started_on, 'YYYY-MM-DD') AS started_on,
         to_char(e.ended_on, 'YYYY-MM-DD') AS ended_on, e.sessions, e.attended_sessions, e.outcome, e.outcome_summary, e.version
    FROM service_episodes e JOIN referrals r ON r.id = e.referral_id`;

const toRecord = (row: EpisodeRow): EpisodeRecord => ({
  id: row.id, referralId: row.referral_id, childId: row.child_id, orgId: row.org_id, startedOn: row.started_on, endedOn: row.ended_on, sessions: row.sessions,
});

const toView = (row: EpisodeRow): EpisodeView => ({
  id: row.id, referralId: row.referral_id, childId: row.child_id, orgId: row.org_id, serviceType: row.service_type, funding: row.funding,
  startedOn: row.started_on, endedOn: row.ended_on, sessions: row.sessions, attendedSessions: row.attended_sessions, outcome: row.outcome,
  outcomeSummary: row.outcome_summary, version: row.version,
});

const toSessionView = (row: SessionRow): SessionView => ({
  id: row.id, episodeId: row.episode_id, date: row.date, durationMinutes: row.duration_minutes, attended: row.attended, recordedAt: row.recorded_at.toISOString(),
});

/** SQL for service episodes and their sessions. */
@Injectable()
export class EpisodesRepository extends SqlRepository {
  async insert(columns: { referralId: string; childId: string; orgId: string; funding: string; startedOn: string }): Promise<string> {
    const [row] = await this.rows<{ id: string }>(
      `INSERT INTO service_episodes (referral_id, child_id, org_id, funding, started_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [columns.referralId, columns.childId, columns.orgId, columns.funding, columns.startedOn],
    );
    return row.id;
  }

  /** The services still running for a child: their episodes and the organisations that provide them. */
  async running(childId: string): Promise<{ id: string; orgId: string; referralId: string }[]> {
    return this.rows(
      `SELECT e.id, e.org_id AS "orgId", e.referral_id AS "referralId" FROM service_episodes e WHERE e.child_id = $1 AND e.ended_on IS NULL ORDER BY e.id`,
      [childId],
    );
  }

  async find(id: string, options: { lock?: boolean } = {}): Promise<EpisodeRecord | null> {
    const rows = await this.rows<EpisodeRow>(`${EPISODE_SELECT} WHERE e.id = $1${options.lock ? ' FOR UPDATE OF e' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByReferral(referralId: string, options: { lock?: boolean } = {}): Promise<EpisodeRecord | null> {
    const rows = await this.rows<EpisodeRow>(`${EPISODE_SELECT} WHERE e.referral_id = $1${options.lock ? ' FOR UPDATE OF e' : ''}`, [referralId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async view(id: string): Promise<EpisodeView | null> {
    const rows = await this.rows<EpisodeRow>(`${EPISODE_SELECT} WHERE e.id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** A recorded episode's counters and end (EpisodeRecordsService): every session counted as attended, as the register lists them. */
  async setRecorded(id: string, sessions: number, endedOn: string | null, outcome: string | null, funding?: string): Promise<void> {
    await this.affected(
      `UPDATE service_episodes SET sessions = $2, attended_sessions = $2, ended_on = $3, outcome = $4, funding = COALESCE($5, funding),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, sessions, endedOn, outcome, funding ?? null],
    );
  }

  async end(id: string, endedOn: string, outcome: string, summary: string | null): Promise<void> {
    await this.affected(
      `UPDATE service_episodes SET ended_on = $2, outcome = $3, outcome_summary = $4, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, endedOn, outcome, summary],
    );
  }

  /** Logs a session and keeps the episode's counters with it (the caller holds the episode's lock). */
  async addSession(episodeId: string, session: { date: string; durationMinutes: number; attended: boolean }, by: string, at: Date): Promise<SessionView> {
    const [row] = await this.rows<SessionRow>(
      `INSERT INTO service_sessions (episode_id, date, duration_minutes, attended, recorded_by_user, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, episode_id, to_char(date, 'YYYY-MM-DD') AS date, duration_minutes, attended, recorded_at`,
      [episodeId, session.date, session.durationMinutes, session.attended, by, at],
    );
    await this.affected(
      `UPDATE service_episodes SET sessions = sessions + 1, attended_sessions = attended_sessions + $2::int, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [episodeId, session.attended ? 1 : 0],
    );
    return toSessionView(row);
  }

  async sessions(episodeId: string, limit: number, cursor?: string): Promise<Page<SessionView>> {
    const params: unknown[] = [episodeId];
    let after = '';
    if (cursor) {
      const [date, id] = decodeCursor(cursor, 2);
      if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
        throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
      }
      params.push(date, id);
      after = ` AND (s.date, s.id) > ($2::date, $3::uuid)`;
    }
    params.push(limit + 1);
    const rows = await this.rows<SessionRow>(
      `SELECT s.id, s.episode_id, to_char(s.date, 'YYYY-MM-DD') AS date, s.duration_minutes, s.attended, s.recorded_at
         FROM service_sessions s WHERE s.episode_id = $1${after} ORDER BY s.date, s.id LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, limit, (r) => [r.date, r.id], toSessionView);
  }
}
