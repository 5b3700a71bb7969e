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
    assertStateOrderPlace(await this.places.lockAndCount(referral.toOrgId), funding);
    const episodeId = await this.episodes.insert({ referralId: id, childId: referral.childId, orgId: referral.toOrgId, funding, startedOn });
    await this.recorder.apply(actor, referral, rule, {
      episodeId,
      details: { episodeId, funding, startedOn },
      changes: { episode: { to: episodeId }, funding: { to: funding } },
    });
    return this.reader.view(actor, id);
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
    await this.episodes.end(episode.id, endedOn, input.outcome, input.summary ?? null);
    await this.recorder.apply(actor, referral, rule, {
      episodeId: episode.id,
      details: { episodeId: episode.id, outcome: input.outcome, endedOn },
      changes: { outcome: { to: input.outcome } },
    });
    return this.reader.view(actor, id);
  }
}
