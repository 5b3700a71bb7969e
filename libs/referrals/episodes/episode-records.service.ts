import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, ConsentsService, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, FieldError, InvalidInputError } from '@qoldau/core';
import { ReferralsRepository } from '../referrals.repository';
import { caseClosed, consentRequired } from '../referrals.service';
import { EpisodesRepository } from './episodes.repository';
import { assertStateOrderPlace } from './places';
import { PlacesRepository } from './places.repository';

/** A service delivered outside the system, as a register lists it (the service-episodes import, issue 18). */
export interface RecordedEpisode {
  childId: string;
  toOrgId: string;
  serviceType: string;
  funding: string;
  startedOn: string;
  endedOn: string | null;
  /** Required with endedOn: how it ended (COMPLETION_OUTCOMES). */
  outcome: string | null;
  sessions: number;
  /**
   * The day the referral was sent (the register's "referred on"), on or before startedOn; null when the
   * register does not say. Given, the referral is stored as sent that day, so the service counts in the
   * waiting times (libs/reports) exactly as a live referral sent that day and started on startedOn.
   */
  referredOn: string | null;
}

/** What a corrected register row may change about an episode recorded earlier (referredOn: only when given). */
export type EpisodeCorrection = Pick<RecordedEpisode, 'funding' | 'endedOn' | 'outcome' | 'sessions' | 'referredOn'>;

export interface RecordedEpisodeState extends EpisodeCorrection {
  episodeId: string;
  referralId: string;
}

/**
 * Service episodes recorded from a register rather than delivered through the referral workflow: the
 * organisation that referred the child (a PMPC, a social-protection office commissioning state-order
 * services, a school) records that the provider serves it. It is a referral from the recording
 * organisation to the provider, made with the same checks as POST /referrals (the case visible to the
 * recorder and open, the provider's type provides the service, an active services consent, the
 * state-order quota of a running state-order episode), that was never sent through the system: it is
 * stored already `in_progress` (or `completed` with an outcome when it ended) with one `record` event (which
 * marks it as recorded: the natural-key lookup finds only these). `sent_at` is the register's referral
 * day when it gives one (`referredOn`, see sentAtOf), else empty — so it counts in no waiting time. It has
 * no SLA clock either way: a started referral has none (sla-clock.ts). There is also a `referral.recorded` timeline entry and the
 * provider's involvements as a started referral would have given them. `sessions` is the register's
 * count (the counters of the episode; no per-session rows, the register has no dates for them).
 */
@Injectable()
export class EpisodeRecordsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly referrals: ReferralsRepository,
    private readonly episodes: EpisodesRepository,
    private readonly places: PlacesRepository,
    private readonly consents: ConsentsService,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  /** The episode this organisation recorded for the child at the provider, by the register's natural key. */
  async find(actor: Actor, key: { childId: string; toOrgId: string; serviceType: string; startedOn: string }): Promise<RecordedEpisodeState | null> {
    await this.gate.require(actor, 'create', 'Referral', [key.childId]);
    return this.referrals.recordedEpisode(actor.orgId as string, key);
  }

  async record(actor: Actor, input: RecordedEpisode): Promise<{ referralId: string; episodeId: string }> {
    const [{ head }] = await this.gate.require(actor, 'create', 'Referral', [input.childId], { lock: true });
    const toOrg = await this.referrals.organization(input.toOrgId);
    if (!toOrg || !toOrg.active) throw invalid([{ field: 'toOrgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such active organisation' }]);
    if (toOrg.id === actor.orgId) {
      throw new BusinessRuleError('REFERRAL_TO_OWN_ORGANIZATION', 'A service is recorded by the organisation that referred the child, for another one', [
        { field: 'toOrgId', code: 'REFERRAL_TO_OWN_ORGANIZATION', message: 'this is your own organisation' },
      ]);
    }
    const service = await this.referrals.serviceType(input.serviceType);
    if (!service?.providerTypes.includes(toOrg.type)) {
      throw new BusinessRuleError('SERVICE_NOT_PROVIDED', `An organisation of type ${toOrg.type} does not provide ${input.serviceType}`, [
        { field: 'toOrgId', code: 'SERVICE_NOT_PROVIDED', message: `${toOrg.type} does not provide ${input.serviceType}` },
      ]);
    }
    this.checkDates(input);
    if (head.status !== 'open') throw caseClosed();
    if (!(await this.consents.isActive(input.childId, 'services'))) throw consentRequired();
    if (input.endedOn === null) assertStateOrderPlace(await this.places.lockAndCount(toOrg.id), input.funding);

    const now = this.clock.now();
    const status = input.endedOn === null ? 'in_progress' : 'completed';
    const referralId = await this.referrals.insert({
      child_id: input.childId, from_org_id: actor.orgId as string, to_org_id: toOrg.id, service_type: input.serviceType,
      reason: 'recorded from a register', priority: 'normal', funding: input.funding, created_by_user: actor.userId, status,
      closed_at: status === 'completed' ? now : null, sent_at: sentAtOf(input.referredOn),
    });
    const episodeId = await this.episodes.insert({ referralId, childId: input.childId, orgId: toOrg.id, funding: input.funding, startedOn: input.startedOn });
    await this.episodes.setRecorded(episodeId, input.sessions, input.endedOn, input.outcome);
    await this.referrals.appendEvent({
      referralId, at: now, event: 'record', fromStatus: null, toStatus: status, actorUserId: actor.userId, actorOrgId: actor.orgId,
      details: {
        toOrgId: toOrg.id, serviceType: input.serviceType, episodeId, funding: input.funding, startedOn: input.startedOn, endedOn: input.endedOn,
        referredOn: input.referredOn,
      },
    });
    await this.events.record({
      childId: input.childId, section: 'referrals', kind: 'referral.recorded', actor, counterpartOrgId: toOrg.id, touchesCase: false,
      details: { referralId, serviceType: input.serviceType, to: status, episodeId, startedOn: input.startedOn, endedOn: input.endedOn },
      audit: {
        resourceType: 'referral', resourceId: referralId,
        changes: {
          status: { from: null, to: status }, toOrgId: { to: toOrg.id }, serviceType: { to: input.serviceType }, episode: { to: episodeId },
          funding: { to: input.funding }, sessions: { to: input.sessions }, ...(input.referredOn && { referredOn: { to: input.referredOn } }),
        },
      },
    });
    // The provider sees the case as a started referral's receiver does; the service involvement only while it runs.
    await this.involvements.grant(input.childId, toOrg.id, 'referral', { sourceId: referralId, createdBy: actor.userId });
    if (status === 'in_progress') await this.involvements.grant(input.childId, toOrg.id, 'service', { sourceId: episodeId, createdBy: actor.userId });
    return { referralId, episodeId };
  }

  /** A corrected register row: the funding, the session count, and the end with its outcome. */
  async correct(actor: Actor, childId: string, current: RecordedEpisodeState, input: EpisodeCorrection & { startedOn: string; toOrgId: string }): Promise<boolean> {
    await this.gate.require(actor, 'create', 'Referral', [childId], { lock: true });
    // A row without referred_on keeps the recorded day (a register that does not say has not changed it).
    const wanted = { ...input, referredOn: input.referredOn ?? current.referredOn };
    const changes = Object.fromEntries(
      (['funding', 'endedOn', 'outcome', 'sessions', 'referredOn'] as const).filter((k) => current[k] !== wanted[k]).map((k) => [k, { from: current[k], to: wanted[k] }]),
    );
    if (Object.keys(changes).length === 0) return false;
    this.checkDates({ ...wanted, childId, serviceType: '' });
    if (current.endedOn !== null && input.endedOn === null) {
      throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', `The service ended on ${current.endedOn}; a completed service is not reopened, record a new episode`);
    }
    if (input.endedOn === null && input.funding !== current.funding) {
      const places = await this.places.lockAndCount(input.toOrgId);
      assertStateOrderPlace(input.funding === 'state_order' ? places : { ...places, stateOrderEpisodes: 0 }, input.funding);
    }
    const now = this.clock.now();
    await this.episodes.setRecorded(current.episodeId, input.sessions, input.endedOn, input.outcome, input.funding);
    const ending = current.endedOn === null && input.endedOn !== null;
    await this.referrals.update(current.referralId, {
      funding: input.funding, ...(ending ? { status: 'completed', closed_at: now } : {}),
      ...(wanted.referredOn !== current.referredOn && { sent_at: sentAtOf(wanted.referredOn) }),
    });
    await this.referrals.appendEvent({
      referralId: current.referralId, at: now, event: 'record', fromStatus: 'in_progress', toStatus: ending || current.endedOn ? 'completed' : 'in_progress',
      actorUserId: actor.userId, actorOrgId: actor.orgId, details: { episodeId: current.episodeId, corrected: Object.keys(changes) },
    });
    await this.events.record({
      childId, section: 'referrals', kind: 'referral.recorded', actor, counterpartOrgId: input.toOrgId, touchesCase: false,
      details: { referralId: current.referralId, episodeId: current.episodeId, corrected: Object.keys(changes) },
      audit: { resourceType: 'referral', resourceId: current.referralId, changes },
    });
    if (ending) await this.involvements.end(childId, input.toOrgId, 'service', { sourceId: current.episodeId });
    return true;
  }

  private checkDates(input: RecordedEpisode): void {
    const today = this.clock.today();
    const errors: FieldError[] = [];
    if (input.startedOn > today) errors.push({ field: 'startedOn', code: 'DATE_IN_FUTURE', message: 'must not be in the future' });
    if (input.endedOn !== null && input.endedOn > today) errors.push({ field: 'endedOn', code: 'DATE_IN_FUTURE', message: 'must not be in the future' });
    if (input.endedOn !== null && input.outcome === null) errors.push({ field: 'outcome', code: 'REQUIRED', message: 'how the service ended, when it ended' });
    if (input.endedOn === null && input.outcome !== null) errors.push({ field: 'outcome', code: 'NOT_ALLOWED_HERE', message: 'only for a service that ended' });
    if (errors.length) throw invalid(errors);
    if (input.referredOn !== null && input.referredOn > input.startedOn) {
      throw new BusinessRuleError('REFERRED_AFTER_START', `The referral cannot have been sent after the service started (${input.startedOn})`, [
        { field: 'referredOn', code: 'REFERRED_AFTER_START', message: `must be ${input.startedOn} or earlier` },
      ]);
    }
    if (input.endedOn !== null && input.endedOn < input.startedOn) {
      throw new BusinessRuleError('END_BEFORE_START', `The service cannot end before it started (${input.startedOn})`, [
        { field: 'endedOn', code: 'END_BEFORE_START', message: `must be ${input.startedOn} or later` },
      ]);
    }
  }
}

/**
 * The referral day as the moment it was sent: 09:00 in Kazakhstan (UTC+5) that day. Waiting times and
 * SLA dates count working days from the Kazakh date of sent_at (libs/reports summary, sla/working-days),
 * so any hour of the day gives the same figures; morning keeps it clear of the date line.
 */
export function sentAtOf(referredOn: string | null): Date | null {
  return referredOn === null ? null : new Date(`${referredOn}T04:00:00.000Z`);
}

const invalid = (errors: FieldError[]) => new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);
