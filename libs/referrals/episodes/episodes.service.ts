import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { ConsentsService } from '@qoldau/children';
import { BusinessRuleError, Clock, NotFoundError, Page, PageQuery } from '@qoldau/core';
import type { EpisodeView, ServiceSessionDto, SessionView } from '../dto/referral.dto';
import { notInFuture } from './dates';
import { EpisodeRecord, EpisodesRepository } from './episodes.repository';

/** Service episodes and their sessions, read and logged by the organisation that serves the child. */
@Injectable()
export class EpisodesService {
  constructor(
    private readonly gate: CaseGate,
    private readonly episodes: EpisodesRepository,
    private readonly audit: AuditTrail,
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
  ) {}

  async episode(actor: Actor, id: string): Promise<EpisodeView> {
    const episode = await this.load(actor, 'read', id);
    this.audit.note({ resourceType: 'service_episode', resourceId: id, childId: episode.childId });
    return (await this.episodes.view(id)) as EpisodeView;
  }

  async sessions(actor: Actor, id: string, query: PageQuery): Promise<Page<SessionView>> {
    const episode = await this.load(actor, 'read', id);
    this.audit.note({ resourceType: 'service_episode', resourceId: id, childId: episode.childId });
    return this.episodes.sessions(id, query.limit, query.cursor);
  }

  /** Logs a session of an open episode (the episode's lock keeps its counters exact). */
  async logSession(actor: Actor, id: string, input: ServiceSessionDto): Promise<SessionView> {
    const episode = await this.load(actor, 'deliver', id, { lock: true });
    if (episode.endedOn !== null) throw new BusinessRuleError('EPISODE_ENDED', `The service ended on ${episode.endedOn}; no more sessions can be logged`);
    await this.consents.assertServicesConsent(episode.childId);
    notInFuture('date', input.date, this.clock.today());
    if (input.date < episode.startedOn) {
      throw new BusinessRuleError('SESSION_BEFORE_START', `The service started on ${episode.startedOn}`, [
        { field: 'date', code: 'SESSION_BEFORE_START', message: `must be ${episode.startedOn} or later` },
      ]);
    }
    const session = await this.episodes.addSession(id, input, actor.userId, this.clock.now());
    this.audit.note({
      resourceType: 'service_episode', resourceId: id, childId: episode.childId,
      changes: { sessions: { from: episode.sessions, to: episode.sessions + 1 }, session: { to: session.id } },
    });
    return session;
  }

  /** An episode is its provider's: only the serving organisation reads it or logs sessions (404 for anyone else). */
  private async load(actor: Actor, action: 'read' | 'deliver', id: string, options: { lock?: boolean } = {}): Promise<EpisodeRecord> {
    const episode = await this.episodes.find(id);
    if (!episode) throw new NotFoundError('ServiceEpisode');
    await this.gate.requireOwned(actor, action === 'read' ? 'read' : 'change', {
      subject: 'ServiceEpisode', id, childId: episode.childId, owners: [episode.orgId], ownerAction: action,
    });
    return options.lock ? ((await this.episodes.find(id, { lock: true })) as EpisodeRecord) : episode;
  }
}
