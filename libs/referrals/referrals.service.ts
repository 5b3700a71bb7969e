import { Injectable } from '@nestjs/common';
import { AccessService, CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { ConsentsService } from '@qoldau/children';
import { BusinessRuleError, Clock, FieldError, InvalidInputError, type Locale, NotFoundError, Page } from '@qoldau/core';
import { ConclusionLinks } from './conclusion-links';
import type {
  CreateReferralDto, ProviderQuery, ProviderView, ReferralEventList, ReferralQuery, ReferralView, ServiceTypeView,
} from './dto/referral.dto';
import { ReferralLookup } from './referral-lookup';
import { ReferralsRepository } from './referrals.repository';

/** 422 CONSENT_REQUIRED: a referral shares the case with another organisation for a service. */
export function consentRequired(): BusinessRuleError {
  return new BusinessRuleError('CONSENT_REQUIRED', 'The child has no active consent to services from a legal representative', [], { consentKind: 'services' });
}

export function caseClosed(): BusinessRuleError {
  return new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before referring the child');
}

/** Use cases that create and read referrals; transitions live in referral-responses / service-delivery. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly access: AccessService,
    private readonly lookup: ReferralLookup,
    private readonly children: CaseGate,
    private readonly consents: ConsentsService,
    private readonly conclusions: ConclusionLinks,
    private readonly referrals: ReferralsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /**
   * POST /referrals: a draft from the actor's organisation, which must be involved with the child
   * (policy: create Referral, involved). The receiver sees it only once it is sent.
   */
  async create(actor: Actor, input: CreateReferralDto): Promise<ReferralView> {
    const [{ head }] = await this.children.require(actor, 'create', 'Referral', [input.childId]);

    const toOrg = await this.referrals.organization(input.toOrgId);
    const errors: FieldError[] = [];
    if (!toOrg || !toOrg.active) errors.push({ field: 'toOrgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such active organisation' });
    if (input.assessmentId && !(await this.conclusions.isSignedConclusionOf(input.childId, input.assessmentId))) {
      errors.push({ field: 'assessmentId', code: 'UNKNOWN_CONCLUSION', message: "not a signed conclusion of this child's" });
    }
    if (errors.length || !toOrg) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);
    if (toOrg.id === actor.orgId) {
      throw new BusinessRuleError('REFERRAL_TO_OWN_ORGANIZATION', 'A referral goes to another organisation', [
        { field: 'toOrgId', code: 'REFERRAL_TO_OWN_ORGANIZATION', message: 'this is your own organisation' },
      ]);
    }
    const service = await this.referrals.serviceType(input.serviceType);
    if (!service?.providerTypes.includes(toOrg.type)) {
      throw new BusinessRuleError('SERVICE_NOT_PROVIDED', `An organisation of type ${toOrg.type} does not provide ${input.serviceType}`, [
        { field: 'toOrgId', code: 'SERVICE_NOT_PROVIDED', message: `${toOrg.type} does not provide ${input.serviceType}` },
      ]);
    }
    if (head.status !== 'open') throw caseClosed();
    if (!(await this.consents.isActive(input.childId, 'services'))) throw consentRequired();

    const now = this.clock.now();
    const id = await this.referrals.insert({
      child_id: input.childId,
      from_org_id: actor.orgId as string,
      to_org_id: toOrg.id,
      service_type: input.serviceType,
      reason: input.reason,
      priority: input.priority ?? 'normal',
      // The data table's default for this service and receiver; state order where it has no row.
      funding: input.funding ?? (await this.referrals.defaultFunding(input.serviceType, toOrg.type)) ?? 'state_order',
      assessment_id: input.assessmentId ?? null,
      created_by_user: actor.userId,
      status: 'draft',
    });
    await this.referrals.appendEvent({
      referralId: id, at: now, event: 'create', fromStatus: null, toStatus: 'draft', actorUserId: actor.userId, actorOrgId: actor.orgId,
      details: { toOrgId: toOrg.id, serviceType: input.serviceType, priority: input.priority ?? 'normal' },
    });
    this.audit.note({
      resourceType: 'referral', resourceId: id, childId: input.childId,
      changes: { status: { from: null, to: 'draft' }, toOrgId: { to: toOrg.id }, serviceType: { to: input.serviceType } },
    });
    return this.view(actor, id);
  }

  list(actor: Actor, query: ReferralQuery): Promise<Page<ReferralView>> {
    this.access.authorize(actor, 'read', 'Referral');
    const { orgId } = this.access.scopeFilter(actor, 'read', 'Referral');
    if (!orgId) return Promise.resolve({ items: [], nextCursor: null });
    return this.referrals.page({ ...query, orgId }, this.clock.now());
  }

  async get(actor: Actor, id: string): Promise<ReferralView> {
    const parties = await this.lookup.readable(actor, id);
    this.audit.note({ resourceType: 'referral', resourceId: id, childId: parties.childId });
    return this.view(actor, id);
  }

  async events(actor: Actor, id: string): Promise<ReferralEventList> {
    const parties = await this.lookup.readable(actor, id);
    this.audit.note({ resourceType: 'referral', resourceId: id, childId: parties.childId });
    return { items: await this.referrals.events(id) };
  }

  async serviceTypes(locale: Locale): Promise<ServiceTypeView[]> {
    const rows = await this.referrals.serviceTypes();
    return rows.map((r) => ({ code: r.code, label: locale === 'ru' ? r.nameRu : locale === 'en' ? r.nameEn : r.nameKk, providerTypes: r.providerTypes }));
  }

  /** The organisations a referrer may pick for a service (never the referrer's own), with free places. */
  async providers(actor: Actor, query: ProviderQuery, locale: Locale): Promise<Page<ProviderView>> {
    this.access.authorize(actor, 'create', 'Referral');
    const service = await this.referrals.serviceType(query.serviceType);
    return this.referrals.providers({ ...query, providerTypes: service?.providerTypes ?? [], excludeOrgId: actor.orgId, locale });
  }

  /** The referral as the actor's organisation sees it (after authorization). */
  async view(actor: Actor, id: string): Promise<ReferralView> {
    const view = await this.referrals.view(id, { orgId: actor.orgId, now: this.clock.now() });
    if (!view) throw new NotFoundError('Referral');
    return view;
  }
}
