import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { ConsentsService } from '@qoldau/children';
import { almatyDate, BusinessRuleError, Clock } from '@qoldau/core';
import type { CompleteServiceDto, ReferralView, StartServiceDto } from './dto/referral.dto';
import { notInFuture } from './episodes/dates';
import { EpisodeRecord, EpisodesRepository } from './episodes/episodes.repository';
import { assertStateOrderPlace } from './episodes/places';
import { PlacesRepository } from './episodes/places.repository';
import { ReferralLookup } from './referral-lookup';
import { ReferralRecorder } from './referral-recorder';
import { ReferralsService } from './referrals.service';


/**
 * The service delivered on an accepted referral (issue 9): `start` opens a service episode (funding
 * state order / paid / other, within the state-order quota) and `complete` closes it with an outcome.
 * Sessions in between: episodes/episodes.service.ts.
 */
@Injectable()
export class ServiceDeliveryService {
  constructor(
    private readonly lookup: ReferralLookup,
    private readonly recorder: ReferralRecorder,
    private readonly episodes: EpisodesRepository,
    private readonly places: PlacesRepository,
    private readonly reader: ReferralsService,
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
  ) {}

  async start(actor: Actor, id: string, input: StartServiceDto): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'start');
    await this.consents.assertServicesConsent(referral.childId);
    const today = this.clock.today();
    const startedOn = input.startedOn ?? today;
    notInFuture('startedOn', startedOn, today);
    const acceptedOn = almatyDate(referral.slaStartedAt ?? this.clock.now());
    if (startedOn < acceptedOn) {
      throw new BusinessRuleError('START_BEFORE_ACCEPTANCE', `The service cannot start before the referral was accepted (${acceptedOn})`, [
        { field: 'startedOn', code: 'START_BEFORE_ACCEPTANCE', message: `must be ${acceptedOn} or later` },
      ]);
    }
    const funding = input.funding ?? referral.funding;
    const episodeId = await this.episodes.insert({ referralId: id, childId: referral.childId, orgId: referral.toOrgId, funding, startedOn });
    await this.recorder.apply(actor, referral, rule, {
      episodeId,
      details: { episodeId, funding, startedOn },
      changes: { episode: { to: episodeId }, funding: { to: funding } },
    });
    const view = await this.reader.view(actor, id);
    // The organisation's row lock serialises its starts; taken last, it is held only for the count and
    // the commit (a full quota rolls back everything above). The new episode is already counted.
    const places = await this.places.lockAndCount(referral.toOrgId);
    assertStateOrderPlace({ ...places, stateOrderEpisodes: places.stateOrderEpisodes - (funding === 'state_order' ? 1 : 0) }, funding);
    return view;
  }

  async complete(actor: Actor, id: string, input: CompleteServiceDto): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'complete');
    const episode = (await this.episodes.findByReferral(id, { lock: true })) as EpisodeRecord;
    const today = this.clock.today();
    const endedOn = input.endedOn ?? today;
    notInFuture('endedOn', endedOn, today);
    if (endedOn < episode.startedOn) {
      throw new BusinessRuleError('END_BEFORE_START', `The service cannot end before it started (${episode.startedOn})`, [
        { field: 'endedOn', code: 'END_BEFORE_START', message: `must be ${episode.startedOn} or later` },
      ]);
    }
    // A service with no session delivered has no result to report: it can only have been discontinued, and why is said.
    if (episode.sessions === 0 && (input.outcome !== 'discontinued' || !input.summary?.trim())) {
      throw new BusinessRuleError('NO_SESSIONS_LOGGED', 'No session was logged: log the sessions first, or complete as discontinued saying why', [
        input.outcome !== 'discontinued'
          ? { field: 'outcome', code: 'NO_SESSIONS_LOGGED', message: 'only discontinued without a logged session' }
          : { field: 'summary', code: 'NO_SESSIONS_LOGGED', message: 'say why the service was discontinued' },
      ]);
    }
    await this.episodes.end(episode.id, endedOn, input.outcome, input.summary ?? null);
    await this.recorder.apply(actor, referral, rule, {
      episodeId: episode.id,
      details: { episodeId: episode.id, outcome: input.outcome, endedOn },
      changes: { outcome: { to: input.outcome } },
    });
    return this.reader.view(actor, id);
  }

  /**
   * A `school_placement` referral answered by the placement it led to (issue 15): when the placement is
   * activated, the referral is started (if it was still only accepted) and completed with the outcome
   * `placed`, in the activation's transaction, as the placing school (its receiver). The episode opens
   * and closes on the day of activation: it holds no place and no state-order quota, and there are no
   * sessions to log — the placement is the service. Its start deadline stops with it, so the SLA job
   * has nothing left to breach. Any other status is 422 TRANSITION_NOT_ALLOWED.
   */
  async completeAsPlaced(actor: Actor, id: string, placementId: string): Promise<void> {
    const today = this.clock.today();
    let episode = await this.episodes.findByReferral(id);
    if (!episode) {
      const { referral, rule } = await this.lookup.forEvent(actor, id, 'start');
      const episodeId = await this.episodes.insert({ referralId: id, childId: referral.childId, orgId: referral.toOrgId, funding: referral.funding, startedOn: today });
      await this.recorder.apply(actor, referral, rule, {
        episodeId,
        details: { episodeId, funding: referral.funding, startedOn: today, placementId },
        changes: { episode: { to: episodeId }, funding: { to: referral.funding } },
        auditAction: 'referral.start',
      });
    }
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'complete');
    episode = (await this.episodes.findByReferral(id, { lock: true })) as EpisodeRecord;
    const endedOn = today < episode.startedOn ? episode.startedOn : today;
    await this.episodes.end(episode.id, endedOn, 'placed', null);
    await this.recorder.apply(actor, referral, rule, {
      episodeId: episode.id,
      details: { episodeId: episode.id, outcome: 'placed', endedOn, placementId },
      changes: { outcome: { to: 'placed' } },
      auditAction: 'referral.complete',
    });
  }
}
